package device

import "math"

// Particles is a beam on the host as structure-of-arrays, with PyAT's loss
// record. Coords[k][i] is coordinate k of particle i. A lost particle reads
// (NaN, 0, 0, 0, 0, 0); LostTurn, LostElement and LostCoords keep where and
// how it was lost (zero for particles never lost).
type Particles struct {
	Coords      [6][]float64
	Lost        []bool
	LostTurn    []int64
	LostElement []int64
	LostCoords  [6][]float64
}

// NewParticles allocates a host beam of n particles, all at the origin.
func NewParticles(n int) *Particles {
	p := &Particles{
		Lost:        make([]bool, n),
		LostTurn:    make([]int64, n),
		LostElement: make([]int64, n),
	}
	for k := 0; k < 6; k++ {
		p.Coords[k] = make([]float64, n)
		p.LostCoords[k] = make([]float64, n)
	}
	return p
}

// Len returns the number of particles.
func (p *Particles) Len() int { return len(p.Coords[0]) }

// CopyFrom copies the coordinates and loss record of src, which must have
// as many particles, into p.
func (p *Particles) CopyFrom(src *Particles) {
	for k := 0; k < 6; k++ {
		copy(p.Coords[k], src.Coords[k])
		copy(p.LostCoords[k], src.LostCoords[k])
	}
	copy(p.Lost, src.Lost)
	copy(p.LostTurn, src.LostTurn)
	copy(p.LostElement, src.LostElement)
}

// Escaped applies PyAT's loss rule to the coordinates of a particle not yet
// lost: it is lost when a coordinate is not finite or |x|, |px|, |y|, |py|
// or |delta| is above 1.
func Escaped(r *[6]float64) bool {
	for k := 0; k < 6; k++ {
		v := r[k]
		if math.IsNaN(v) || math.IsInf(v, 0) || (k < 5 && math.Abs(v) > 1) {
			return true
		}
	}
	return false
}

// MarkLost records particle i, at coordinates r, as lost at element elem
// of turn turn, and sets it to (NaN, 0, 0, 0, 0, 0) as AT does.
func (p *Particles) MarkLost(i int, r *[6]float64, turn, elem int) {
	p.Lost[i] = true
	p.LostTurn[i] = int64(turn)
	p.LostElement[i] = int64(elem)
	for k := 0; k < 6; k++ {
		p.LostCoords[k][i] = r[k]
		p.Coords[k][i] = 0
	}
	p.Coords[0][i] = math.NaN()
}

// Beam is a beam resident on a backend (host memory or GPU memory).
type Beam interface {
	// Len returns the number of particles.
	Len() int
	// Upload replaces the resident coordinates and loss record by src,
	// which must have Len particles.
	Upload(src *Particles) error
	// Download copies the resident coordinates and loss record into dst,
	// which must have Len particles.
	Download(dst *Particles) error
	// Close releases the beam's memory.
	Close() error
}

// RunRequest asks a program to track a beam through the plan elements
// [Start, End) for Turns passes, AT's turn counter starting at Turn0. When
// Start is 0 and End the number of elements, each pass is a turn.
type RunRequest struct {
	Start, End int
	Turn0      int
	Turns      int
	// Refpts are sorted element indices in [Start, End]: the coordinates at
	// the entrance of each (End: after the last element) are written to
	// Monitor every pass, PyAT's layout [pass][refpt][particle][coord].
	Refpts  []int
	Monitor []float64
	// Progress, when not nil, is called with the number of particle-passes
	// just completed; it may be called from several goroutines at once.
	Progress func(particlePasses int64)
}

// Program is a plan loaded on a backend, ready to run on its beams.
type Program interface {
	// Run tracks beam as req says. It returns an error naming the cause
	// when the backend fails; particle losses are not errors.
	Run(beam Beam, req RunRequest) error
	// Close releases the program's resources.
	Close() error
}

// Backend executes plans on one kind of hardware.
type Backend interface {
	// Name is the backend's registry name, e.g. "cpu" or "cuda".
	Name() string
	// Describe says in one line what the backend runs on.
	Describe() string
	// NewBeam allocates a resident beam of n particles.
	NewBeam(n int) (Beam, error)
	// Load uploads a plan. It fails when the plan uses a passmethod the
	// backend lacks.
	Load(p *Plan) (Program, error)
}
