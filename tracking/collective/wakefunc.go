package collective

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/gotrack/gotrack/tracking/internal/attrval"
)

// This file holds the analytic wake tables of PyAT's at.collective
// (wake_functions.py and the Wake object of wake_object.py): the tables an
// AT wake element (PassMethod WakeFieldPass) carries in _wakeT, _wakeZ,
// _wakeDX, ... The formulas are evaluated in numpy's operation order and
// every product that feeds a sum is rounded on its own (float64(...)), so
// that FMA-contracting builds give the same numbers. The elementary
// functions (exp, sin, cos, sinh, cosh, sqrt) are Go's; numpy's may differ
// from them by an ulp or a few.

// wakeSTiny is the point PyAT adds next to 0 so that the table samples the
// step of the wake at s = 0.
const wakeSTiny = 1e-24

// WakeSRange returns the abscissa PyAT uses for its analytic resonator and
// resistive-wall wakes: the sorted union, without repeats, of {0, 1e-24}
// and srange (numpy.unique(numpy.concatenate(([0.0, 1e-24], srange)))). A
// negative or non-finite value in srange is an error (PyAT refuses negative
// values for these wakes). srange is not modified. -0.0 counts as 0 and is
// written as +0 when 0 is present.
func WakeSRange(srange []float64) ([]float64, error) {
	for i, s := range srange {
		if math.IsNaN(s) || math.IsInf(s, 0) {
			return nil, fmt.Errorf("wake srange: item %d is %v: values must be finite", i, s)
		}
		if s < 0 {
			return nil, fmt.Errorf("wake srange: item %d is %v: analytic resonator and resistive-wall wakes need s >= 0", i, s)
		}
	}
	all := make([]float64, 0, len(srange)+2)
	all = append(all, 0, wakeSTiny)
	all = append(all, srange...)
	return uniqueSorted(all), nil
}

// uniqueSorted sorts x in place and returns it without repeated values, as
// numpy.unique for finite values; a signed zero next to +0 is dropped in
// favour of +0.
func uniqueSorted(x []float64) []float64 {
	sort.Float64s(x)
	out := x[:0]
	for i, v := range x {
		if i > 0 && v == out[len(out)-1] {
			if v == 0 && math.Signbit(out[len(out)-1]) && !math.Signbit(v) {
				out[len(out)-1] = v
			}
			continue
		}
		out = append(out, v)
	}
	return out
}

// Arange returns numpy.arange(start, stop, step) for float64 arguments, with
// numpy's values: n = ceil((stop-start)/step) points, the first two start
// and start+step, then start + i*((start+step)-start). It returns an empty
// slice when n <= 0, and an error when step is 0, an argument is not
// finite (numpy raises) or n exceeds 2^31.
func Arange(start, stop, step float64) ([]float64, error) {
	if step == 0 || !attrval.Finite(start) || !attrval.Finite(stop) || !attrval.Finite(step) {
		return nil, fmt.Errorf("arange(%v, %v, %v): step must be non-zero and the arguments finite", start, stop, step)
	}
	nf := math.Ceil((stop - start) / step)
	if !(nf > 0) {
		return []float64{}, nil
	}
	if nf > 1<<31 {
		return nil, fmt.Errorf("arange(%v, %v, %v): %v points is too many", start, stop, step, nf)
	}
	n := int(nf)
	out := make([]float64, n)
	out[0] = start
	if n > 1 {
		out[1] = start + step
		delta := out[1] - out[0]
		for i := 2; i < n; i++ {
			out[i] = start + float64(float64(i)*delta)
		}
	}
	return out, nil
}

// maxSRange bounds the points BuildSRange returns.
const maxSRange = 1 << 31

// BuildSRange is PyAT's Wake.build_srange: the abscissa of a wake table
// sampled finely over the bunch and coarsely around the following bunches.
// It returns the sorted, repeat-free union of arange(start, bunchExt,
// shortStep) and, for i = 1..int((totalLength-bunchExt)/bunchInterval),
// arange(-bunchExt, bunchExt, longStep) + bunchInterval*i. A zero step, a
// non-finite argument or more than 2^31 points is an error (as Arange).
func BuildSRange(start, bunchExt, shortStep, longStep, bunchInterval, totalLength float64) ([]float64, error) {
	s, err := Arange(start, bunchExt, shortStep)
	if err != nil {
		return nil, fmt.Errorf("build srange: short range: %w", err)
	}
	rangel, err := Arange(-bunchExt, bunchExt, longStep)
	if err != nil {
		return nil, fmt.Errorf("build srange: long range: %w", err)
	}
	nb := (totalLength - bunchExt) / bunchInterval
	if !attrval.Finite(nb) {
		return nil, fmt.Errorf("build srange: (totalLength-bunchExt)/bunchInterval = %v is not finite", nb)
	}
	if float64(len(s))+math.Max(nb, 0)*float64(len(rangel)) > maxSRange {
		return nil, fmt.Errorf("build srange: %d + %.4g*%d points is too many", len(s), math.Trunc(nb), len(rangel))
	}
	nbunch := int(nb) // Python's int() truncates towards zero
	for i := 0; i < nbunch; i++ {
		// Rounded on its own: Go may fuse a product into a later sum,
		// even across statements, unless converted explicitly.
		off := float64(bunchInterval * float64(i+1))
		for _, r := range rangel {
			s = append(s, r+off)
		}
	}
	return uniqueSorted(s), nil
}

// numpySign is numpy.sign for float64: -1, +1, or 0 for either zero (NaN
// stays NaN).
func numpySign(x float64) float64 {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	case x == 0:
		return 0
	}
	return x
}

// square returns x*x (what pow(x, 2) gives).
func square(x float64) float64 { return x * x }

// cube returns x**3 rounded once from a double-double product, as a
// correctly rounded pow(x, 3) does (two plain products can differ by an ulp).
func cube(x float64) float64 {
	hi := float64(x * x)
	lo := math.FMA(x, x, -hi)
	p := float64(x * hi)
	pe := math.FMA(x, hi, -p)
	return p + float64(pe+float64(x*lo))
}

// resonatorConsts returns omega = 2 pi f, alpha = omega/(2Q) and
// omegabar = sqrt(|omega^2 - alpha^2|), as wake_functions.py computes them.
func resonatorConsts(frequency, qfactor float64) (omega, alpha, omegabar float64) {
	omega = 2 * math.Pi * frequency
	alpha = omega / (2 * qfactor)
	omegabar = math.Sqrt(math.Abs(float64(square(omega)) - float64(square(alpha))))
	return
}

// LongResonatorWake is PyAT's long_resonator_wf: the longitudinal wake
// function [V/C] of a resonator of frequency [Hz], quality factor qfactor
// and shunt impedance rshunt [Ohm] (A. Chao's resonator model, eq. 2.82,
// with HEADTAIL's definitions), sampled at the distances s [m] behind the
// source for a beam of relativistic beta. With dt = -s/(beta c),
// alpha = omega/(2Q), omegabar = sqrt(|omega^2 - alpha^2|):
//
//	Q > 0.5:  W = -(sign(dt)-1) Rs alpha exp(alpha dt) (cos(omegabar dt) + alpha/omegabar sin(omegabar dt))
//	Q = 0.5:  W = -(sign(dt)-1) Rs alpha exp(alpha dt) (1 + alpha dt)
//	Q < 0.5:  W = -(sign(dt)-1) Rs alpha exp(alpha dt) (cosh(omegabar dt) + alpha/omegabar sinh(omegabar dt))
//
// so W is 0 ahead of the source (s < 0), Rs alpha at s = 0 and 2 Rs alpha
// just behind it. The arguments are not checked (a NaN qfactor gives NaN
// values); ResonatorWakeTable and WakeTable check them.
func LongResonatorWake(s []float64, frequency, qfactor, rshunt, beta float64) []float64 {
	_, alpha, omegabar := resonatorConsts(frequency, qfactor)
	bc := beta * clight
	w := make([]float64, len(s))
	for i, si := range s {
		dt := -si / bc
		step := -(numpySign(dt) - 1)
		e := math.Exp(alpha * dt)
		var osc float64
		switch {
		case qfactor > 0.5:
			osc = math.Cos(omegabar*dt) + float64(alpha/omegabar*math.Sin(omegabar*dt))
		case qfactor == 0.5:
			osc = 1. + float64(alpha*dt)
		default:
			osc = math.Cosh(omegabar*dt) + float64(alpha/omegabar*math.Sinh(omegabar*dt))
		}
		w[i] = step * rshunt * alpha * e * osc
	}
	return w
}

// TransverseResonatorWake is PyAT's transverse_resonator_wf: the transverse
// wake function [V/C/m] of a resonator of frequency [Hz], quality factor
// qfactor and shunt impedance rshunt [Ohm/m], times the Yokoya factor,
// sampled at the distances s [m] behind the source for a beam of
// relativistic beta. With the notation of LongResonatorWake:
//
//	Q > 0.5:  W = -(sign(dt)-1) Y Rs omega^2/(Q omegabar) exp(alpha dt) sin(omegabar dt)
//	Q = 0.5:  W = -(sign(dt)-1) Y Rs omega^2/Q exp(alpha dt) dt
//	Q < 0.5:  W = -(sign(dt)-1) Y Rs omega^2/(Q omegabar) exp(alpha dt) sinh(omegabar dt)
//
// dt < 0 behind the source, so W is negative just behind it and 0 at and
// ahead of it. The arguments are not checked.
func TransverseResonatorWake(s []float64, frequency, qfactor, rshunt, yokoya, beta float64) []float64 {
	omega, alpha, omegabar := resonatorConsts(frequency, qfactor)
	omega2 := square(omega)
	bc := beta * clight
	w := make([]float64, len(s))
	for i, si := range s {
		dt := -si / bc
		step := -(numpySign(dt) - 1)
		e := math.Exp(alpha * dt)
		switch {
		case qfactor > 0.5:
			w[i] = step * yokoya * rshunt * omega2 / (qfactor * omegabar) * e * math.Sin(omegabar*dt)
		case qfactor == 0.5:
			w[i] = step * yokoya * rshunt * omega2 / qfactor * e * dt
		default:
			w[i] = step * yokoya * rshunt * omega2 / (qfactor * omegabar) * e * math.Sinh(omegabar*dt)
		}
	}
	return w
}

// z0PyAT is the vacuum impedance as wake_functions.py computes it:
// 119.9169832 times numpy.pi in float64 arithmetic (a Go constant
// expression would be exact, and round differently).
var z0PyAT = func() float64 {
	a, pi := 119.9169832, math.Pi
	return a * pi
}()

// ResWallWake is PyAT's transverse_reswall_wf: the transverse wake
// function [V/C/m] of a resistive wall of the given length [m], pipe radius
// rvac [m] and conductivity conduct [S/m], times the Yokoya factor (A.
// Chao's eq. 2.53, HEADTAIL's definitions), sampled at the distances s [m]
// behind the source for a beam of relativistic beta:
//
//	W = Y (sign(dt)-1)/2 beta L/pi/b^3 sqrt(-Z0 c/sigma/pi/dt),  dt = -s/(beta c)
//
// and W = 0 where s <= 0. The arguments are not checked.
func ResWallWake(s []float64, yokoya, length, rvac, conduct, beta float64) []float64 {
	bc := beta * clight
	b3 := cube(rvac)
	w := make([]float64, len(s))
	for i, si := range s {
		if !(si > 0) {
			w[i] = 0
			continue
		}
		dt := -si / bc
		w[i] = yokoya * (numpySign(dt) - 1) / 2. * beta * length / math.Pi / b3 *
			math.Sqrt(-z0PyAT*clight/conduct/math.Pi/dt)
	}
	return w
}

// ResonatorWakeTable returns PyAT's table of a resonator wake for component comp:
// the abscissa WakeSRange(srange) and the wake sampled on it
// (LongResonatorWake for WakeZ, TransverseResonatorWake times the Yokoya
// factor for the others), as Wake.resonator builds it for one resonator.
// It refuses negative or non-finite srange values, a non-positive or
// non-finite frequency or qfactor, a beta outside (0, 1] and non-finite
// rshunt or yokoya.
func ResonatorWakeTable(comp WakeComponent, srange []float64, frequency, qfactor, rshunt, beta, yokoya float64) (s, w []float64, err error) {
	if err := checkResonator(comp, frequency, qfactor, rshunt, beta, yokoya); err != nil {
		return nil, nil, err
	}
	s, err = WakeSRange(srange)
	if err != nil {
		return nil, nil, fmt.Errorf("resonator wake %v: %w", comp, err)
	}
	if comp == WakeZ {
		return s, LongResonatorWake(s, frequency, qfactor, rshunt, beta), nil
	}
	return s, TransverseResonatorWake(s, frequency, qfactor, rshunt, yokoya, beta), nil
}

// ResWallWakeTable returns PyAT's table of a transverse resistive-wall wake
// for component comp: the abscissa WakeSRange(srange) and ResWallWake on it,
// as Wake.resistive_wall builds it for one wall. WakeZ is refused (PyAT has
// no longitudinal resistive wall), and so are negative or non-finite srange
// values, non-positive or non-finite length, rvac or conduct, a beta
// outside (0, 1] and a non-finite yokoya.
func ResWallWakeTable(comp WakeComponent, srange []float64, length, rvac, conduct, beta, yokoya float64) (s, w []float64, err error) {
	if err := checkResWall(comp, length, rvac, conduct, beta, yokoya); err != nil {
		return nil, nil, err
	}
	s, err = WakeSRange(srange)
	if err != nil {
		return nil, nil, fmt.Errorf("resistive-wall wake %v: %w", comp, err)
	}
	return s, ResWallWake(s, yokoya, length, rvac, conduct, beta), nil
}

func checkBeta(beta float64) error {
	if !(beta > 0 && beta <= 1) {
		return fmt.Errorf("beta %v is not in (0, 1]", beta)
	}
	return nil
}

func checkResonator(comp WakeComponent, frequency, qfactor, rshunt, beta, yokoya float64) error {
	var err error
	switch {
	case !comp.Valid():
		err = fmt.Errorf("invalid component %v", comp)
	case !(frequency > 0) || !attrval.Finite(frequency):
		err = fmt.Errorf("frequency %v Hz: must be positive and finite", frequency)
	case !(qfactor > 0) || !attrval.Finite(qfactor):
		err = fmt.Errorf("qfactor %v: must be positive and finite", qfactor)
	case !attrval.Finite(rshunt):
		err = fmt.Errorf("rshunt %v: must be finite", rshunt)
	case !attrval.Finite(yokoya):
		err = fmt.Errorf("yokoya factor %v: must be finite", yokoya)
	default:
		err = checkBeta(beta)
	}
	if err != nil {
		return fmt.Errorf("resonator wake %v: %w", comp, err)
	}
	return nil
}

func checkResWall(comp WakeComponent, length, rvac, conduct, beta, yokoya float64) error {
	var err error
	switch {
	case !comp.Valid():
		err = fmt.Errorf("invalid component %v", comp)
	case comp == WakeZ:
		err = errors.New("no longitudinal resistive-wall wake (PyAT has none either)")
	case !(length > 0) || !attrval.Finite(length):
		err = fmt.Errorf("length %v m: must be positive and finite", length)
	case !(rvac > 0) || !attrval.Finite(rvac):
		err = fmt.Errorf("rvac %v m: must be positive and finite", rvac)
	case !(conduct > 0) || !attrval.Finite(conduct):
		err = fmt.Errorf("conductivity %v S/m: must be positive and finite", conduct)
	case !attrval.Finite(yokoya):
		err = fmt.Errorf("yokoya factor %v: must be finite", yokoya)
	default:
		err = checkBeta(beta)
	}
	if err != nil {
		return fmt.Errorf("resistive-wall wake %v: %w", comp, err)
	}
	return nil
}
