package optics

import (
	"fmt"
	"math"
	"strings"

	"github.com/gotrack/gotrack/tracking"
)

// Orbit is a closed orbit: Orbit0 at the entrance of the first element and
// the orbit at each refpt asked (PyAT's (orbit0, orbit) pair).
type Orbit struct {
	Orbit0 Vec6
	Refpts []int
	At     []Vec6
}

// FindOrbit4 is PyAT's find_orbit4(ring, dp, refpts): the 4D closed orbit
// at fixed momentum deviation dp, by Newton's method on the one-turn map
// with forward differences of XYStep (5 particles tracked per
// iteration), stopping when the correction is at most OrbConvergence.
// Orbit0[4] is dp and Orbit0[5] is 0. The lattice should be 4D (see
// Disable6D); as in PyAT it is not checked.
func FindOrbit4(lat *tracking.Lattice, dp float64, refpts []int, opt *Options) (*Orbit, error) {
	o, err := orbitDP(lat, dp, opt)
	if err != nil {
		return nil, fmt.Errorf("find_orbit4: %w", err)
	}
	return orbitAt(lat, o, refpts, opt, "find_orbit4")
}

// FindSyncOrbit is PyAT's find_sync_orbit(ring, dct, refpts): the 4D
// closed orbit whose path lengthening after one turn is dct (the
// synchronous orbit for dct = 0), by Newton's method on x, px, y, py and
// delta with forward differences of XYStep.
func FindSyncOrbit(lat *tracking.Lattice, dct float64, refpts []int, opt *Options) (*Orbit, error) {
	o, err := orbitDCT(lat, dct, opt)
	if err != nil {
		return nil, fmt.Errorf("find_sync_orbit: %w", err)
	}
	return orbitAt(lat, o, refpts, opt, "find_sync_orbit")
}

// FindOrbit6 is PyAT's find_orbit6(ring, refpts): the 6D closed orbit of a
// lattice with an active RF cavity, by Newton's method on the 6D one-turn
// map (forward differences of XYStep transversely, DPStep in delta and
// ct; 7 particles tracked per iteration). The harmonic number is
// round(f_rf L/(beta c)) with L the lattice length and f_rf the main
// cavity frequency, the ct target beta c h/f_rf - L; the initial guess has
// ct = -ts from the energy loss (each radiating element tracked alone, as
// PyAT's ELossMethod.TRACKING) and the cavity voltages (get_timelag_fromU0).
func FindOrbit6(lat *tracking.Lattice, refpts []int, opt *Options) (*Orbit, error) {
	o, err := orbit6(lat, opt)
	if err != nil {
		return nil, fmt.Errorf("find_orbit6: %w", err)
	}
	return orbitAt(lat, o, refpts, opt, "find_orbit6")
}

// FindOrbit is PyAT's find_orbit(ring, refpts): FindOrbit6 for a 6D
// lattice, FindOrbit4 at dp = 0 otherwise.
func FindOrbit(lat *tracking.Lattice, refpts []int, opt *Options) (*Orbit, error) {
	if lat.Is6D() {
		return FindOrbit6(lat, refpts, opt)
	}
	return FindOrbit4(lat, 0, refpts, opt)
}

// orbitAt tracks the closed orbit o through the refpts.
func orbitAt(lat *tracking.Lattice, o Vec6, refpts []int, opt *Options, what string) (*Orbit, error) {
	if err := checkRefpts(refpts, len(lat.Elements)); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	res := &Orbit{Orbit0: o, Refpts: append([]int(nil), refpts...)}
	if len(refpts) == 0 {
		return res, nil
	}
	_, mon, err := trackOnce(lat, []Vec6{o}, refpts, opt)
	if err != nil {
		return nil, fmt.Errorf("%s: tracking the orbit to the refpts: %w", what, err)
	}
	res.At = make([]Vec6, len(refpts))
	for k := range refpts {
		res.At[k] = mon[k][0]
	}
	return res, nil
}

// newton runs PyAT's Newton loop: step(ref) returns the correction to
// subtract from ref; it stops when the norm of the correction is at most
// the convergence, or after the most iterations (PyAT then warns and
// returns the last estimate; gotrack returns an error, as the result is
// not a closed orbit).
func newton(ref Vec6, opt *Options, step func(Vec6) (Vec6, error)) (Vec6, error) {
	conv, maxit := opt.convergence(), opt.maxIter()
	change := 1.0
	it := 0
	for change > conv && it < maxit {
		d, err := step(ref)
		if err != nil {
			return ref, fmt.Errorf("iteration %d: %w", it+1, err)
		}
		var next, diff Vec6
		for i := range ref {
			next[i] = ref[i] - d[i]
			diff[i] = next[i] - ref[i]
		}
		change = norm(diff[:])
		it++
		ref = next
		if !finiteVec(ref[:]) {
			return ref, fmt.Errorf("iteration %d: the orbit is not finite (%v)", it, ref)
		}
	}
	if change > conv {
		//lint:ignore ST1005 Newton is a name; the message follows "find_orbit6: "
		return ref, fmt.Errorf("Newton did not converge in %d iterations (|dx| %.3g)", it, change)
	}
	return ref, nil
}

// orbitDP is PyAT's _orbit_dp.
func orbitDP(lat *tracking.Lattice, dp float64, opt *Options) (Vec6, error) {
	var ref Vec6
	ref[4] = dp
	return orbitDPFrom(lat, ref, opt)
}

// orbitDPFrom is _orbit_dp started from ref (PyAT's guess, with ref[4] the
// dp).
func orbitDPFrom(lat *tracking.Lattice, ref Vec6, opt *Options) (Vec6, error) {
	h := opt.xyStep()
	return newton(ref, opt, func(ref Vec6) (Vec6, error) {
		parts := make([]Vec6, 5)
		for j := range parts {
			parts[j] = ref
			if j < 4 {
				parts[j][j] += h
			}
		}
		out, _, err := trackOnce(lat, parts, nil, opt)
		if err != nil {
			return Vec6{}, err
		}
		a := make([][]float64, 4)
		b := make([]float64, 4)
		for i := 0; i < 4; i++ {
			a[i] = make([]float64, 4)
			for j := 0; j < 4; j++ {
				a[i][j] = (out[j][i] - out[4][i]) / h
				if i == j {
					a[i][j] -= 1
				}
			}
			b[i] = out[4][i] - ref[i]
		}
		x, err := solve(a, b)
		if err != nil {
			return Vec6{}, err
		}
		return Vec6{x[0], x[1], x[2], x[3], 0, 0}, nil
	})
}

// orbitDCT is PyAT's _orbit_dct.
func orbitDCT(lat *tracking.Lattice, dct float64, opt *Options) (Vec6, error) {
	if lat.Is6D() {
		return Vec6{}, fmt.Errorf("the lattice is 6D: disable 6D motion first (Disable6D)")
	}
	var ref Vec6
	h := opt.xyStep()
	idx := [5]int{0, 1, 2, 3, 5}
	return newton(ref, opt, func(ref Vec6) (Vec6, error) {
		parts := make([]Vec6, 6)
		for j := range parts {
			parts[j] = ref
			if j < 5 {
				parts[j][j] += h
			}
		}
		out, _, err := trackOnce(lat, parts, nil, opt)
		if err != nil {
			return Vec6{}, err
		}
		a := make([][]float64, 5)
		b := make([]float64, 5)
		for r, i := range idx {
			a[r] = make([]float64, 5)
			for j := 0; j < 5; j++ {
				a[r][j] = (out[j][i] - out[5][i]) / h
				if r == j && r < 4 {
					a[r][j] -= 1
				}
			}
			if r < 4 {
				b[r] = out[5][i] - ref[i]
			} else {
				b[r] = out[5][i] - 0.0 - dct
			}
		}
		x, err := solve(a, b)
		if err != nil {
			return Vec6{}, err
		}
		return Vec6{x[0], x[1], x[2], x[3], x[4], 0}, nil
	})
}

// orbit6 is PyAT's _orbit6.
func orbit6(lat *tracking.Lattice, opt *Options) (Vec6, error) {
	return orbit6Guess(lat, nil, opt)
}

// orbit6Guess is _orbit6 started from guess (nil: from PyAT's guess, ct
// from the energy loss).
func orbit6Guess(lat *tracking.Lattice, guess *Vec6, opt *Options) (Vec6, error) {
	frf, ok, err := lat.RFFrequency()
	if err != nil {
		return Vec6{}, err
	}
	if !ok {
		return Vec6{}, fmt.Errorf("no cavity found in the lattice")
	}
	l0 := lat.Length()
	beta := lat.Beta()
	harm := math.Round(frf * l0 / beta / tracking.C0)
	if !lat.Is6D() {
		return Vec6{}, fmt.Errorf("the lattice is 4D (no active cavity, no radiation): enable 6D motion first (Enable6D)")
	}
	var ref Vec6
	if guess != nil {
		ref = *guess
	} else {
		_, ts, err := timelagFromU0(lat, opt)
		if err != nil {
			return Vec6{}, fmt.Errorf("could not determine the initial synchronous phase: %w", err)
		}
		ref[5] = -ts
	}
	theta5 := beta*tracking.C0*harm/frf - l0
	hx, hp := opt.xyStep(), opt.dpStep()
	scaling := Vec6{hx, hx, hx, hx, hp, hp}
	return newton(ref, opt, func(ref Vec6) (Vec6, error) {
		parts := make([]Vec6, 7)
		for j := range parts {
			parts[j] = ref
			if j < 6 {
				parts[j][j] += scaling[j]
			}
		}
		out, _, err := trackOnce(lat, parts, nil, opt)
		if err != nil {
			return Vec6{}, err
		}
		a := make([][]float64, 6)
		b := make([]float64, 6)
		for i := 0; i < 6; i++ {
			a[i] = make([]float64, 6)
			for j := 0; j < 6; j++ {
				a[i][j] = (out[j][i] - out[6][i]) / scaling[j]
				if i == j {
					a[i][j] -= 1
				}
			}
			b[i] = out[6][i] - ref[i]
		}
		b[5] -= theta5
		x, err := solve(a, b)
		if err != nil {
			return Vec6{}, err
		}
		return Vec6(x), nil
	})
}

// EnergyLoss is PyAT's get_energy_loss(ring, method=ELossMethod.TRACKING)
// for one period: each element whose passmethod ends in "RadPass" tracked
// alone from the zero vector, the losses in delta summed, times the
// energy [eV] (SimpleRadiationRadPass counts its U0). Multiply by
// Periodicity for the full ring. A lattice without radiation loses 0.
// The *QuantPass magnets count as their *RadPass twins (their mean loss),
// where PyAT leaves them out.
func EnergyLoss(lat *tracking.Lattice, opt *Options) (float64, error) {
	delta := 0.0
	for i, e := range deterministic(lat).Elements {
		if e.PassMethod == "SimpleRadiationRadPass" {
			u, _, _ := e.Float("U0")
			delta -= u / lat.Energy
			continue
		}
		if !strings.HasSuffix(e.PassMethod, "RadPass") {
			continue
		}
		one := *lat
		one.Elements = []*tracking.Element{e}
		out, _, err := trackOnce(&one, []Vec6{{}}, nil, opt)
		if err != nil {
			return 0, fmt.Errorf("energy loss of element %d (%s): %w", i, e.FamName, err)
		}
		delta += out[0][4]
	}
	return -delta * lat.Energy, nil
}

// timelagFromU0 is PyAT's get_timelag_fromU0 for cavities of one
// frequency and one TimeLag: the cavity TimeLag that makes the synchronous
// phase zero, and ts, its difference with the present TimeLag.
func timelagFromU0(lat *tracking.Lattice, opt *Options) (timelag, ts float64, err error) {
	u0, err := EnergyLoss(lat, opt)
	if err != nil {
		return 0, 0, err
	}
	var freqs, tls []float64
	vrf := 0.0
	for _, e := range lat.Elements {
		if !tracking.IsRFCavity(e) {
			continue
		}
		f, _, _ := e.Float("Frequency")
		v, _, _ := e.Float("Voltage")
		tl, _, _ := e.Float("TimeLag")
		freqs = append(freqs, f)
		tls = append(tls, tl)
		vrf += v
	}
	if len(freqs) == 0 {
		return 0, 0, fmt.Errorf("no cavity found in the lattice")
	}
	for k := range freqs {
		if freqs[k] != freqs[0] || tls[k] != tls[0] {
			return 0, 0, fmt.Errorf("cavities of different frequencies or time lags are not supported (PyAT solves them by least squares)")
		}
	}
	if u0 > vrf {
		p := float64(max(lat.Periodicity, 1))
		return 0, 0, fmt.Errorf("the RF voltage (%.3e eV) is lower than the radiation losses (%.3e eV)", p*vrf, p*u0)
	}
	timelag = tracking.C0 / (2 * math.Pi * freqs[0]) * math.Asin(u0/vrf)
	return timelag, timelag - tls[0], nil
}
