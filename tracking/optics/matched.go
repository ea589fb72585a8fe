package optics

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
)

// BeamSizes are the emittances and longitudinal sizes of a beam matched to
// a lattice that has no radiation equilibrium (PyAT's sigma_matrix
// arguments emitx, emity, espread, blength).
type BeamSizes struct {
	EmitX, EmitY float64 // emittances of modes 1 and 2 [m]
	SigmaE       float64 // rms relative energy spread
	SigmaL       float64 // rms bunch length [m]
}

// Matched is a beam matrix matched to a lattice at its entrance and the
// closed orbit the beam is centred on.
type Matched struct {
	// Sigma is the 6×6 beam matrix <x_i x_j> about the orbit.
	Sigma Mat66
	// Orbit is the closed orbit at the entrance (FindOrbit6 for a 6D
	// lattice, FindOrbit4 at dp = 0 for a 4D one).
	Orbit Vec6
	// Source says where Sigma comes from: "equilibrium" (OhmiEnvelope's
	// r66) or "twiss" (the mode matrices and the given sizes).
	Source string
}

// MatchedSigma returns the beam matrix matched to lat at its entrance, as
// PyAT's at.sigma_matrix(ring, ...) chooses it:
//   - a radiating lattice: the equilibrium envelope's r66 (OhmiEnvelope);
//     sizes must be nil, the equilibrium fixing them;
//   - a 6D lattice without radiation: EmitX·R1 + EmitY·R2 +
//     (SigmaE·SigmaL)·R3 with Linopt6's mode matrices R at the entrance;
//   - a 4D lattice: EmitX·R1 + EmitY·R2 in the transverse plane, the
//     energy spread SigmaE with the dispersion eta at the entrance (x_i
//     correlated with delta by eta_i·SigmaE²) and an uncorrelated bunch
//     length SigmaL.
//
// The lattice is taken as it is (one cell for a periodic lattice).
func MatchedSigma(lat *tracking.Lattice, sizes *BeamSizes, opt *Options) (*Matched, error) {
	if HasRadiation(lat) {
		if sizes != nil {
			return nil, fmt.Errorf("matched beam: %s radiates, its equilibrium fixes the beam sizes: give no emittances", lat.Name)
		}
		env, err := OhmiEnvelope(lat, nil, &EnvelopeOptions{Options: optValue(opt)})
		if err != nil {
			return nil, fmt.Errorf("matched beam: %w", err)
		}
		return &Matched{Sigma: env.Start.R66, Orbit: env.Start.Orbit6, Source: "equilibrium"}, nil
	}
	if sizes == nil {
		return nil, fmt.Errorf("matched beam: %s has no radiation equilibrium: give the emittances, energy spread and bunch length", lat.Name)
	}
	if err := sizes.check(); err != nil {
		return nil, fmt.Errorf("matched beam: %w", err)
	}
	lo, err := Linopt6(lat, []int{0}, false, opt)
	if err != nil {
		return nil, fmt.Errorf("matched beam: %w", err)
	}
	l := lo.Elem0
	var s Mat66
	emit := []float64{sizes.EmitX, sizes.EmitY, sizes.SigmaE * sizes.SigmaL}
	dim := len(l.R[0])
	for m, r := range l.R {
		for i := 0; i < dim; i++ {
			for j := 0; j < dim; j++ {
				s[i][j] += emit[m] * r[i][j]
			}
		}
	}
	if dim == 4 {
		eta := l.Dispersion
		v := sizes.SigmaE * sizes.SigmaE
		for i := 0; i < 4; i++ {
			for j := 0; j < 4; j++ {
				s[i][j] += eta[i] * eta[j] * v
			}
			s[i][4] = eta[i] * v
			s[4][i] = eta[i] * v
		}
		s[4][4] = v
		s[5][5] = sizes.SigmaL * sizes.SigmaL
	}
	return &Matched{Sigma: s, Orbit: l.ClosedOrbit, Source: "twiss"}, nil
}

func (s *BeamSizes) check() error {
	for _, v := range []struct {
		name string
		x    float64
	}{{"emit-x", s.EmitX}, {"emit-y", s.EmitY}, {"sigma-e", s.SigmaE}, {"sigma-l", s.SigmaL}} {
		if !(v.x >= 0) || math.IsInf(v.x, 0) {
			return fmt.Errorf("%s = %g: want a finite value >= 0", v.name, v.x)
		}
	}
	return nil
}

// optValue returns *opt, or the zero Options.
func optValue(opt *Options) Options {
	if opt == nil {
		return Options{}
	}
	return *opt
}

// HasRadiation reports whether an element of lat has a radiating
// passmethod (one that loses energy: an equilibrium exists).
func HasRadiation(lat *tracking.Lattice) bool {
	for _, e := range deterministic(lat).Elements {
		if m, ok := device.MethodByName(e.PassMethod); ok && m.HasDiffusion() {
			return true
		}
	}
	return false
}

// GaussianBeamFrom draws n particles from the 6D Gaussian of covariance
// sigma centred on orbit, from a PCG stream seeded with seed (the same
// seed gives the same beam on every machine). sigma must be symmetric and
// positive semi-definite to rounding: it is factorised as V·sqrt(Λ) from
// its eigenvalues, eigenvalues below 1e-12 of the largest being taken as 0,
// and a coordinate of zero variance (the vertical plane of an uncoupled
// radiating ring, for instance) stays exactly on the orbit.
func GaussianBeamFrom(n int, sigma Mat66, orbit Vec6, seed uint64) (*tracking.Beam, error) {
	if n < 0 {
		return nil, fmt.Errorf("gaussian beam: %d particles", n)
	}
	// Coordinates of zero variance (a plane without size) are left out
	// of the factorisation: they stay exactly on the orbit.
	var idx []int
	for i := 0; i < 6; i++ {
		if sigma[i][i] != 0 {
			idx = append(idx, i)
		}
	}
	var l Mat66 // sigma = L·Lᵀ
	if len(idx) > 0 {
		sym := mat.NewSymDense(len(idx), nil)
		for a, i := range idx {
			for b, j := range idx[a:] {
				x, y := sigma[i][j], sigma[j][i]
				if math.IsNaN(x) || math.IsInf(x, 0) {
					return nil, fmt.Errorf("gaussian beam: sigma[%d][%d] = %g", i, j, x)
				}
				if d := math.Abs(x - y); d > 1e-9*(math.Abs(x)+math.Abs(y)) {
					return nil, fmt.Errorf("gaussian beam: sigma is not symmetric (sigma[%d][%d] = %g, sigma[%d][%d] = %g)", i, j, x, j, i, y)
				}
				sym.SetSym(a, a+b, (x+y)/2)
			}
		}
		var eig mat.EigenSym
		if !eig.Factorize(sym, true) {
			return nil, fmt.Errorf("gaussian beam: the eigen decomposition of sigma failed")
		}
		vals := eig.Values(nil)
		var vecs mat.Dense
		eig.VectorsTo(&vecs)
		top := 0.0
		for _, v := range vals {
			top = math.Max(top, math.Abs(v))
		}
		for k, v := range vals {
			if v < -1e-12*top {
				return nil, fmt.Errorf("gaussian beam: sigma is not positive semi-definite (eigenvalue %g, largest %g)", v, top)
			}
			sq := 0.0
			if v >= 1e-12*top {
				sq = math.Sqrt(v)
			}
			for a, i := range idx {
				l[i][idx[k]] = vecs.At(a, k) * sq
			}
		}
	}
	for i := 0; i < 6; i++ {
		for j := 0; j < 6; j++ {
			if (sigma[i][i] == 0 || sigma[j][j] == 0) && sigma[i][j] != 0 {
				return nil, fmt.Errorf("gaussian beam: sigma[%d][%d] = %g where a variance is 0: not positive semi-definite", i, j, sigma[i][j])
			}
		}
	}
	b := tracking.NewBeam(n)
	src := rand.NewPCG(seed, 0x9e3779b97f4a7c15)
	norm := distuv.Normal{Mu: 0, Sigma: 1, Src: rand.New(src)}
	var z [6]float64
	for p := 0; p < n; p++ {
		for k := range z {
			z[k] = norm.Rand()
		}
		for i := 0; i < 6; i++ {
			x := orbit[i]
			for k := 0; k < 6; k++ {
				x += l[i][k] * z[k]
			}
			b.Coords[i][p] = x
		}
	}
	return b, nil
}
