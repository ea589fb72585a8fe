//go:build cgo

package differential

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/gotrack/gotrack/device"
)

// maxOrder is the highest MaxOrder usually drawn: 10; one record in 20
// goes up to the kernels' GT_MAX_ORDER, maxOrderKernels, which the harness
// enforces when loading.
const (
	maxOrder        = 10
	maxOrderKernels = 15
)

// c0 is the speed of light (AT's C0).
const c0 = 2.99792458e8

// gen draws element records, their pool arrays and particles.
type gen struct {
	r    *rand.Rand
	pool []float64
}

func newGen(seed uint64) *gen {
	return &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

func (g *gen) uni(lo, hi float64) float64 { return lo + (hi-lo)*g.r.Float64() }
func (g *gen) sym(a float64) float64      { return g.uni(-a, a) }
func (g *gen) coin(p float64) bool        { return g.r.Float64() < p }
func (g *gen) intn(lo, hi int) int32      { return int32(lo + g.r.IntN(hi-lo+1)) }

// put appends v to the pool and returns its offset.
func (g *gen) put(v ...float64) int32 {
	off := int32(len(g.pool))
	g.pool = append(g.pool, v...)
	return off
}

// misalign draws, each with probability 0.3, T1, T2 (a few 1e-4), and R1,
// R2: a tilt about s (R2 its inverse) or, sometimes, an arbitrary
// near-identity 6x6 matrix.
func (g *gen) misalign(e *device.Element) {
	vec := func() int32 {
		v := make([]float64, 6)
		for i := range v {
			v[i] = g.sym(3e-4)
		}
		return g.put(v...)
	}
	if g.coin(0.3) {
		e.T1 = vec()
	}
	if g.coin(0.3) {
		e.T2 = vec()
	}
	if g.coin(0.3) {
		th := g.sym(0.05)
		if g.coin(0.2) {
			e.R1 = g.put(g.nearIdentity(0.02)...)
			e.R2 = g.put(g.nearIdentity(0.02)...)
		} else {
			e.R1 = g.put(tilt(th)...)
			e.R2 = g.put(tilt(-th)...)
		}
	}
}

// tilt is AT's rotation about s by th, column-major.
func tilt(th float64) []float64 {
	c, s := math.Cos(th), math.Sin(th)
	m := make([]float64, 36)
	for i := 0; i < 6; i++ {
		m[i+6*i] = 1
	}
	set := func(i, j int, v float64) { m[i+6*j] = v }
	set(0, 0, c)
	set(0, 2, s)
	set(2, 0, -s)
	set(2, 2, c)
	set(1, 1, c)
	set(1, 3, s)
	set(3, 1, -s)
	set(3, 3, c)
	return m
}

func (g *gen) nearIdentity(eps float64) []float64 {
	m := make([]float64, 36)
	for i := range m {
		m[i] = g.sym(eps)
	}
	for i := 0; i < 6; i++ {
		m[i+6*i] += 1
	}
	return m
}

// apertures draws RApertures and EApertures, each with probability 0.3.
func (g *gen) apertures(e *device.Element) {
	if g.coin(0.3) {
		e.RApertures = g.put(-g.uni(2e-3, 2e-2), g.uni(2e-3, 2e-2), -g.uni(2e-3, 2e-2), g.uni(2e-3, 2e-2))
	}
	if g.coin(0.3) {
		e.EApertures = g.put(g.uni(2e-3, 3e-2), g.uni(2e-3, 3e-2))
	}
}

// polys draws MaxOrder (0 to 10, sometimes up to 15) and PolynomA/B of MaxOrder+1 values (at
// least 2, as the compiler pads them), strengths scaled so that a
// coefficient of order n kicks a particle at 1 cm by about 10^-n.
func (g *gen) polys(e *device.Element) {
	e.MaxOrder = g.intn(0, maxOrder)
	if g.coin(0.05) {
		e.MaxOrder = g.intn(maxOrder+1, maxOrderKernels)
	}
	n := max(int(e.MaxOrder)+1, 2)
	if g.coin(0.2) {
		n += g.r.IntN(3) // longer than needed, as a PyAT lattice may be
	}
	a, b := make([]float64, n), make([]float64, n)
	for i := range a {
		amp := 1e-3
		if i > 0 {
			amp = 2 * math.Pow(10, float64(i-1))
		}
		if g.coin(0.7) {
			b[i] = g.sym(amp)
		}
		if g.coin(0.4) {
			a[i] = g.sym(amp)
		}
	}
	e.PolynomA = g.put(a...)
	e.PolynomB = g.put(b...)
}

func (g *gen) kick(e *device.Element, p float64) {
	if g.coin(p) {
		e.KickAngle = g.put(g.sym(1e-3), g.sym(1e-3))
	}
}

func (g *gen) scaling(e *device.Element) {
	if g.coin(0.3) {
		e.FieldScaling = g.uni(0.9, 1.1)
	}
}

// quadFringe draws AT's FringeQuadEntrance/Exit (0 to 3) and, sometimes,
// the elegant-like integrals.
func (g *gen) quadFringe(e *device.Element) {
	e.FringeQuadEntrance = g.intn(0, 3)
	e.FringeQuadExit = g.intn(0, 3)
	if g.coin(0.5) {
		v := func() int32 {
			return g.put(g.sym(0.1), g.sym(0.01), g.sym(0.01), g.sym(1e-3), g.sym(1e-3))
		}
		e.FringeIntM0 = v()
		e.FringeIntP0 = v()
	}
}

func (g *gen) bendGeometry(e *device.Element) {
	e.BendingAngle = g.sym(0.2)
	if g.coin(0.1) {
		e.BendingAngle = 0
	}
	switch g.r.IntN(3) {
	case 0:
		e.EntranceAngle, e.ExitAngle = e.BendingAngle/2, e.BendingAngle/2
	case 1:
		e.EntranceAngle, e.ExitAngle = 0, 0
	default:
		e.EntranceAngle, e.ExitAngle = g.sym(0.1), g.sym(0.1)
	}
}

func (g *gen) bendFringe(e *device.Element) {
	e.FringeBendEntrance = g.intn(0, 3)
	e.FringeBendExit = g.intn(0, 3)
	if g.coin(0.8) {
		e.FullGap = g.uni(0, 0.06)
		e.FringeInt1 = g.uni(0, 0.7)
		e.FringeInt2 = g.uni(0, 0.7)
	}
}

func (g *gen) steps(e *device.Element) { e.NumIntSteps = g.intn(1, 20) }

// wiggler draws a generic wiggler: period 4 to 20 cm, 1 to 6 periods
// (the length sometimes a little off a whole number of periods, so that
// round and AT's truncated Rad step count differ), Bmax up to 2 T, 1 to
// 6 steps per period, Nmeth 2 or 4, and 0 to 3 horizontal-wiggler and 0
// to 2 vertical-wiggler harmonics (at least one) satisfying Maxwell's
// equations: ky² = kx² + kz² (By table), kx² = ky² + kz² (Bx table), kz
// the harmonic number 1 to 3, the transverse wavenumber 0, tiny (AT's
// sinc branch) or up to 1, in units of 2π/Lw.
func (g *gen) wiggler(e *device.Element) {
	e.Lw = g.uni(0.04, 0.2)
	e.Length = float64(g.intn(1, 6)) * e.Lw
	if g.coin(0.2) {
		e.Length *= 1 + g.sym(0.01)
	}
	e.Bmax = g.uni(0.1, 2)
	e.Nstep = g.intn(1, 6)
	e.Nmeth = 2
	if g.coin(0.6) {
		e.Nmeth = 4
	}
	e.NHharm = g.intn(0, 3)
	e.NVharm = g.intn(0, 2)
	if e.NHharm+e.NVharm == 0 {
		e.NHharm = 1
	}
	table := func(n int32, vertical bool) int32 {
		if n == 0 {
			return device.Absent
		}
		h := make([]float64, 6*n)
		for i := 0; i < int(n); i++ {
			kz := float64(g.intn(1, 3))
			var kt float64
			switch g.r.IntN(4) {
			case 0:
				kt = 0
			case 1:
				kt = g.sym(1e-7)
			default:
				kt = g.uni(0, 1)
			}
			kl := math.Sqrt(kt*kt + kz*kz)
			amp := 1.0
			if i > 0 {
				amp = g.sym(0.3)
			}
			tz := 0.0
			if g.coin(0.5) {
				tz = g.sym(math.Pi)
			}
			c := h[6*i : 6*i+6]
			c[0], c[1], c[4], c[5] = float64(i+1), amp, kz, tz
			if vertical {
				c[2], c[3] = kl, kt
			} else {
				c[2], c[3] = kt, kl
			}
		}
		return g.put(h...)
	}
	e.By = table(e.NHharm, false)
	e.Bx = table(e.NVharm, true)
}

// element draws a record of method m with the options AT reads for it.
// params is the plan's: cavities and radiating methods take its energy.
func (g *gen) element(m device.Method, params device.Params) device.Element {
	e := device.NewElement(m)
	length := g.uni(0.05, 3)
	switch m {
	case device.IdentityPass:
		g.misalign(&e)
		g.apertures(&e)
	case device.DriftPass, device.ExactDriftPass:
		e.Length = length
		if g.coin(0.05) {
			e.Length = 0
		}
		g.misalign(&e)
		g.apertures(&e)
	case device.StrMPoleSymplectic4Pass, device.StrMPoleSymplectic4RadPass,
		device.BndMPoleSymplectic4Pass, device.BndMPoleSymplectic4RadPass,
		device.ExactMultipolePass, device.StrMPoleSymplectic4QuantPass, device.BndMPoleSymplectic4QuantPass,
		device.ExactMultipoleRadPass:
		e.Length = length
		g.polys(&e)
		g.steps(&e)
		g.scaling(&e)
		g.quadFringe(&e)
		if m == device.ExactMultipolePass || m == device.ExactMultipoleRadPass {
			e.FringeIntM0, e.FringeIntP0 = device.Absent, device.Absent
		}
		g.kick(&e, 0.3)
		g.misalign(&e)
		g.apertures(&e)
		if m == device.BndMPoleSymplectic4Pass || m == device.BndMPoleSymplectic4RadPass || m == device.BndMPoleSymplectic4QuantPass {
			g.bendGeometry(&e)
			g.bendFringe(&e)
		}
	case device.BndMPoleSymplectic4E2Pass, device.BndMPoleSymplectic4E2RadPass:
		e.Length = length
		g.polys(&e)
		g.steps(&e)
		g.bendGeometry(&e)
		g.scaling(&e)
		if g.coin(0.8) {
			e.FullGap = g.uni(0, 0.06)
			e.FringeInt1 = g.uni(0, 0.7)
			e.FringeInt2 = g.uni(0, 0.7)
		}
		if g.coin(0.5) {
			e.H1, e.H2 = g.sym(0.5), g.sym(0.5)
		}
		g.kick(&e, 0.3)
		g.misalign(&e)
		g.apertures(&e)
	case device.ThinMPolePass:
		g.polys(&e)
		g.scaling(&e)
		g.kick(&e, 0.3)
		if g.coin(0.3) {
			e.BendingAngle = g.sym(1e-3)
			e.BendingAngleY = g.sym(1e-3)
		}
		g.misalign(&e)
		g.apertures(&e)
	case device.CorrectorPass:
		e.Length = length
		if g.coin(0.2) {
			e.Length = 0
		}
		g.kick(&e, 1)
		g.scaling(&e)
		g.misalign(&e)
		g.apertures(&e)
	case device.AperturePass:
		if g.coin(0.95) { // else no Limits: both engines pass particles through
			e.RApertures = g.put(-g.uni(2e-3, 2e-2), g.uni(2e-3, 2e-2), -g.uni(2e-3, 2e-2), g.uni(2e-3, 2e-2))
		}
	case device.EAperturePass:
		if g.coin(0.95) {
			e.EApertures = g.put(g.uni(2e-3, 3e-2), g.uni(2e-3, 3e-2))
		}
	case device.CavityPass, device.RFCavityPass:
		e.Length = length
		if g.coin(0.4) {
			e.Length = 0 // thin cavity
		}
		e.Voltage = g.uni(1e5, 1e7)
		e.Frequency = g.uni(1e8, 1e9)
		e.HarmNumber = math.Round(e.Frequency * params.T0)
		if g.coin(0.5) {
			e.TimeLag = g.sym(0.1)
		}
		if g.coin(0.5) {
			e.PhaseLag = g.sym(math.Pi)
		}
		e.Energy = params.Energy
	case device.Matrix66Pass:
		e.M66 = g.put(g.nearIdentity(0.1)...)
		g.misalign(&e)
	case device.QuadLinearPass:
		e.Length = length
		e.K = g.sym(2)
		if g.coin(0.1) {
			e.K = 0 // a paraxial drift
		}
		if g.coin(0.3) {
			e.PolynomB = g.put(0, e.K, g.sym(10))
		}
		g.misalign(&e)
	case device.BendLinearPass:
		e.Length = length
		g.bendGeometry(&e)
		if g.coin(0.6) {
			e.K = g.sym(1)
		}
		if g.coin(0.3) {
			e.PolynomB = g.put(0, e.K)
		}
		if g.coin(0.5) {
			e.ByError = g.sym(0.01)
		}
		if g.coin(0.7) {
			e.FullGap = g.uni(0, 0.06)
			e.FringeInt1 = g.uni(0, 0.7)
			e.FringeInt2 = g.uni(0, 0.7)
		}
		g.misalign(&e)
	case device.SolenoidLinearPass:
		e.Length = length
		e.K = g.sym(1)
		if g.coin(0.1) {
			e.K = 0
		}
		g.misalign(&e)
	case device.ChangePRefPass:
		e.FieldScaling = g.uni(0.9, 1.1)
	case device.ExactSectorBendPass, device.ExactRectangularBendPass,
		device.ExactSectorBendRadPass, device.ExactRectangularBendRadPass,
		device.ExactRectBendPass, device.ExactRectBendRadPass:
		e.Length = length
		g.polys(&e)
		g.steps(&e)
		if !m.Radiating() && g.coin(0.1) {
			e.NumIntSteps = 0 // AT: the body in one exact step
			if m == device.ExactRectBendPass && g.coin(0.5) {
				// AT allows it only without multipoles.
				e.PolynomA, e.PolynomB = device.Absent, device.Absent
			}
		}
		g.scaling(&e)
		g.bendGeometry(&e)
		e.FringeBendEntrance = g.intn(0, 3)
		e.FringeBendExit = g.intn(0, 3)
		e.FringeQuadEntrance = g.intn(0, 3)
		e.FringeQuadExit = g.intn(0, 3)
		if g.coin(0.7) {
			e.GK = g.uni(0, 0.05)
		}
		if m != device.ExactSectorBendPass && m != device.ExactSectorBendRadPass {
			if g.coin(0.7) {
				e.X0Ref = g.sym(0.01)
				e.RefDZ = g.sym(1e-3)
			}
		}
		if m.Radiating() && g.coin(0.6) {
			// Read by the diffusion matrix only, which PyAT computes as
			// BndMPoleSymplectic4RadPass's.
			e.FullGap = g.uni(0, 0.06)
			e.FringeInt1 = g.uni(0, 0.7)
			e.FringeInt2 = g.uni(0, 0.7)
		}
		g.kick(&e, 0.3)
		g.misalign(&e)
		g.apertures(&e)
	case device.QuantDiffPass:
		// A lower-triangular Lmatp of kicks 1e-7 to 1e-4: the kick is
		// random, but keyed, so both engines draw the same deviates.
		var l [36]float64
		for k := 0; k < 6; k++ {
			for j := 0; j <= k; j++ {
				l[k+6*j] = g.sym(1e-4) * math.Pow(10, -3*g.r.Float64())
			}
		}
		e.Diffusion = g.put(l[:]...)
	case device.SimpleQuantDiffPass:
		var amp [3]float64
		for k := range amp {
			if g.coin(0.8) {
				amp[k] = g.uni(0, 1e-4)
			}
		}
		e.Diffusion = g.put(amp[:]...)
	case device.GWigSymplecticPass, device.GWigSymplecticRadPass:
		g.wiggler(&e)
		g.misalign(&e)
		e.Energy = params.Energy
	case device.CrabCavityPass:
		e.Length = length
		if g.coin(0.4) {
			e.Length = 0 // thin cavity
		}
		v := [2]float64{}
		for k := range v {
			if g.coin(0.8) {
				v[k] = g.sym(5e6)
			}
		}
		e.Modulation = g.put(v[:]...)
		e.Frequency = g.uni(1e8, 1e9)
		e.HarmNumber = math.Round(e.Frequency * params.T0)
		if g.coin(0.5) {
			e.HarmNumber += float64(g.intn(-3, 3)) // a phase slipping from turn to turn
		}
		if g.coin(0.5) {
			e.TimeLag = g.sym(0.1)
		}
		if g.coin(0.5) {
			e.PhaseLag = g.sym(math.Pi)
		}
	case device.VariableThinMPolePass:
		g.polys(&e) // required by AT, not used by the pass
		e.Modulation = g.modulation(int(e.MaxOrder))
		g.apertures(&e)
	case device.SimpleRadiationRadPass:
		// damp_mat_diag: some entries exactly 1 (AT skips them), the others
		// a damping of up to 1e-2 per pass; dispersion, energy loss U0/E.
		var p [11]float64
		for k := 0; k < 6; k++ {
			p[k] = 1
			if g.coin(0.7) {
				p[k] = g.uni(0.99, 1)
			}
		}
		for k := 6; k < 10; k++ {
			if g.coin(0.6) {
				p[k] = g.sym(0.2)
			}
		}
		p[10] = g.uni(0, 1e-3)
		e.Lumped = g.put(p[:]...)
	case device.EnergyLossRadPass:
		e.Lumped = g.put(g.uni(0, 1e-3))
	case device.DeltaQPass:
		// Twiss parameters of a ring, amplitude detuning and chromaticities
		// bounded so that the tune shifts stay within about +-50 even for
		// the large-amplitude particles (|x'| 0.3, |delta| 0.3): rotations
		// by 2 pi dQ then keep their conditioning.
		n := g.intn(0, 4)
		p := []float64{g.sym(2), g.sym(2), g.uni(1, 20), g.uni(1, 20), g.sym(30), g.sym(30), g.sym(30)}
		scale := [4]float64{20, 100, 1000, 1e4}
		for range 2 {
			for k := int32(0); k < n; k++ {
				p = append(p, g.sym(scale[k]))
			}
		}
		e.Lumped = g.put(p...)
		e.ChromOrder = n
		g.misalign(&e)
	case device.Matrix66RadPass:
		// M66Rad, T1Rad and T2Rad take the places of M66, T1 and T2.
		e.M66 = g.put(g.nearIdentity(0.1)...)
		g.misalign(&e)
	case device.LongtAperturePass:
		e.RApertures = g.put(-g.uni(2e-3, 5e-2), g.uni(2e-3, 5e-2), -g.uni(1e-3, 2e-2), g.uni(1e-3, 2e-2))
	default:
		panic(fmt.Sprintf("differential: no generator for %v", m))
	}
	if m.Radiating() {
		e.Energy = params.Energy
	}
	return e
}

// params draws the ring parameters: an electron or ultra-relativistic
// beam of 1 to 8 GeV, a ring of 100 to 1000 m.
func (g *gen) params() device.Params {
	p := device.Params{Energy: g.uni(1e9, 8e9), Charge: -1, RingLength: g.uni(100, 1000)}
	if g.coin(0.7) {
		p.RestEnergy = 0.51099895e6
	}
	p.T0 = p.RingLength / c0
	p.Seed = g.r.Uint64()
	return p
}

// particles draws n particles: most in the core, some at large amplitude
// (where exact passes lose them), some on the edges of the first element's
// apertures, and a few already lost.
func (g *gen) particles(n int, first *device.Element) *device.Particles {
	p := device.NewParticles(n)
	for i := 0; i < n; i++ {
		var r [6]float64
		switch k := g.r.IntN(10); {
		case k < 6:
			r = [6]float64{g.sym(5e-3), g.sym(5e-4), g.sym(5e-3), g.sym(5e-4), g.sym(0.02), g.sym(0.01)}
		case k < 8:
			r = [6]float64{g.sym(0.3), g.sym(0.3), g.sym(0.3), g.sym(0.3), g.sym(0.3), g.sym(0.1)}
		default:
			r = [6]float64{g.sym(1e-3), g.sym(1e-4), g.sym(1e-3), g.sym(1e-4), g.sym(0.01), g.sym(0.01)}
			g.nearAperture(&r, first)
		}
		for k := 0; k < 6; k++ {
			p.Coords[k][i] = r[k]
		}
		if g.coin(0.03) {
			p.MarkLost(i, &r, 0, 0)
		}
	}
	return p
}

// nearAperture puts r within a few ulps to a few 1e-9 of one of the
// aperture limits of e, when it has one.
func (g *gen) nearAperture(r *[6]float64, e *device.Element) {
	eps := func(v float64) float64 {
		switch g.r.IntN(3) {
		case 0:
			return v
		case 1:
			return v * (1 + g.sym(4e-16))
		}
		return v + g.sym(1e-9)
	}
	switch {
	case e.Method == device.LongtAperturePass:
		// Limits on delta and ct.
		lim := g.pool[e.RApertures : e.RApertures+4]
		if g.coin(0.5) {
			r[4] = eps(lim[g.r.IntN(2)])
		} else {
			r[5] = eps(lim[2+g.r.IntN(2)])
		}
	case e.RApertures != device.Absent && g.coin(0.5):
		lim := g.pool[e.RApertures : e.RApertures+4]
		if g.coin(0.5) {
			r[0] = eps(lim[g.r.IntN(2)])
		} else {
			r[2] = eps(lim[2+g.r.IntN(2)])
		}
	case e.EApertures != device.Absent:
		ax := g.pool[e.EApertures : e.EApertures+2]
		th := g.uni(0, 2*math.Pi)
		r[0] = eps(ax[0] * math.Cos(th))
		r[2] = eps(ax[1] * math.Sin(th))
	}
}

// describe writes an element record and its pool arrays, for failure
// messages.
func describe(e *device.Element, pool []float64) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%+v\n", *e)
	arrs := []struct {
		name string
		off  int32
		n    int
	}{{"PolynomA", e.PolynomA, int(e.MaxOrder) + 1}, {"PolynomB", e.PolynomB, int(e.MaxOrder) + 1},
		{"T1", e.T1, 6}, {"T2", e.T2, 6}, {"R1", e.R1, 36}, {"R2", e.R2, 36}, {"RApertures", e.RApertures, 4},
		{"EApertures", e.EApertures, 2}, {"KickAngle", e.KickAngle, 2}, {"M66", e.M66, 36},
		{"FringeIntM0", e.FringeIntM0, 5}, {"FringeIntP0", e.FringeIntP0, 5}, {"Lumped", e.Lumped, lumpedLen(e)}}
	for _, a := range arrs {
		if a.off != device.Absent {
			n := max(a.n, 2)
			if int(a.off)+n > len(pool) {
				n = len(pool) - int(a.off)
			}
			fmt.Fprintf(&b, "  %s = %v\n", a.name, pool[a.off:int(a.off)+n])
		}
	}
	switch {
	case e.Modulation == device.Absent:
	case e.Method == device.CrabCavityPass:
		fmt.Fprintf(&b, "  Voltages = %v\n", pool[e.Modulation:e.Modulation+2])
	case e.Method == device.VariableThinMPolePass:
		fmt.Fprintf(&b, "  modulation block = %v\n", pool[e.Modulation:min(len(pool), int(e.Modulation)+device.ModHeader+2*(int(e.MaxOrder)+1+6))])
	}
	return b.String()
}

// modulation draws the modulation block of a VariableThinMPolePass record
// (device/modulation.go): SINE or ARBITRARY (rarely an unknown mode, which
// gives no kick), amplitudes for A and B (each with probability 0.7)
// scaled as polys scales coefficients, sine frequencies of 1 kHz to 10 MHz,
// tables of 1 to 6 samples, periodic or not, and, with probability 0.4,
// ramps over the turns the test runs (0 to 977).
func (g *gen) modulation(maxOrder int) int32 {
	blk := make([]float64, device.ModHeader)
	switch k := g.r.IntN(20); {
	case k < 10:
		blk[device.ModMode] = device.ModSine
	case k < 19:
		blk[device.ModMode] = device.ModArbitrary
	default:
		blk[device.ModMode] = 3
	}
	if g.coin(0.5) {
		blk[device.ModPeriodic] = 1
	}
	if g.coin(0.4) {
		blk[device.ModHasRamps] = 1
		t := g.uni(0, 900)
		for k := 0; k < 4; k++ {
			blk[device.ModRamps+k] = t
			t += g.uni(1, 40)
		}
	}
	for _, part := range []int{device.ModA, device.ModB} {
		blk[part+device.ModAmp], blk[part+device.ModFunc] = -1, -1
		blk[part+device.ModFrequency] = g.uni(1e3, 1e7)
		blk[part+device.ModPhase] = g.sym(math.Pi)
		ns := int(g.intn(1, 6))
		blk[part+device.ModNSamples] = float64(ns)
		if !g.coin(0.7) {
			continue
		}
		blk[part+device.ModAmp] = float64(len(blk))
		for n := 0; n <= maxOrder; n++ {
			blk = append(blk, g.sym(1)*math.Pow(10, float64(n)))
		}
		blk[part+device.ModFunc] = float64(len(blk))
		for k := 0; k < ns; k++ {
			blk = append(blk, g.sym(1))
		}
	}
	return g.put(blk...)
}

// lumpedLen is the length of a lumped element's Lumped array.
func lumpedLen(e *device.Element) int {
	switch e.Method {
	case device.SimpleRadiationRadPass:
		return 11
	case device.DeltaQPass:
		return 7 + 2*int(e.ChromOrder)
	}
	return 1
}
