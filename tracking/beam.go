package tracking

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// Beam holds particle coordinates as structure-of-arrays in AT's 6D
// convention: Coords[k][i] is coordinate k (x, px, y, py, delta, ct) of
// particle i.
type Beam struct {
	Coords [6][]float64
}

// CoordNames are the names of AT's six coordinates, in order.
var CoordNames = [6]string{"x", "px", "y", "py", "delta", "ct"}

// NewBeam returns a beam of n particles at the origin.
func NewBeam(n int) *Beam {
	b := &Beam{}
	for k := range b.Coords {
		b.Coords[k] = make([]float64, n)
	}
	return b
}

// BeamFromRows builds a beam from particle rows [x, px, y, py, delta, ct].
func BeamFromRows(rows [][6]float64) *Beam {
	b := NewBeam(len(rows))
	for i, r := range rows {
		for k := 0; k < 6; k++ {
			b.Coords[k][i] = r[k]
		}
	}
	return b
}

// Len returns the number of particles.
func (b *Beam) Len() int { return len(b.Coords[0]) }

// Particle returns particle i as a row.
func (b *Beam) Particle(i int) [6]float64 {
	var r [6]float64
	for k := 0; k < 6; k++ {
		r[k] = b.Coords[k][i]
	}
	return r
}

// Rows returns the beam as a row-major (N, 6) array, numpy's layout for a
// beam of shape (N, 6).
func (b *Beam) Rows() []float64 {
	n := b.Len()
	out := make([]float64, 6*n)
	for i := 0; i < n; i++ {
		for k := 0; k < 6; k++ {
			out[6*i+k] = b.Coords[k][i]
		}
	}
	return out
}

// BeamFromFlat builds a beam from a row-major (N, 6) array.
func BeamFromFlat(data []float64) (*Beam, error) {
	if len(data)%6 != 0 {
		return nil, fmt.Errorf("beam: %d values is not a whole number of 6D particles", len(data))
	}
	n := len(data) / 6
	b := NewBeam(n)
	for i := 0; i < n; i++ {
		for k := 0; k < 6; k++ {
			b.Coords[k][i] = data[6*i+k]
		}
	}
	return b, nil
}

// Clone returns a deep copy of the beam.
func (b *Beam) Clone() *Beam {
	c := &Beam{}
	for k := range b.Coords {
		c.Coords[k] = append([]float64(nil), b.Coords[k]...)
	}
	return c
}

// DefaultSigma is the default rms of each coordinate of GaussianBeam: a
// beam of tens of microns and microradians, 1e-3 momentum spread and 3 mm
// bunch length (x, px, y, py, delta, ct).
var DefaultSigma = [6]float64{30e-6, 3e-6, 5e-6, 2e-6, 1e-3, 3e-3}

// GaussianBeam returns n particles with independent Gaussian coordinates
// of zero mean and rms sigma, drawn from a PCG stream seeded with seed: the
// same seed gives the same beam on every machine. Particle i is drawn
// from its own position in the stream, so the first m particles of a
// larger beam equal the beam of m particles.
func GaussianBeam(n int, sigma [6]float64, seed uint64) *Beam {
	b := NewBeam(n)
	src := rand.NewPCG(seed, 0x9e3779b97f4a7c15)
	norm := distuv.Normal{Mu: 0, Sigma: 1, Src: rand.New(src)}
	for i := 0; i < n; i++ {
		for k := 0; k < 6; k++ {
			b.Coords[k][i] = sigma[k] * norm.Rand()
		}
	}
	return b
}
