package tracking

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

// This file holds the analytic wake tables of PyAT's at.collective
// (wake_functions.py and the Wake object of wake_object.py): the tables an
// AT wake element (PassMethod WakeFieldPass) carries in _wakeT, _wakeZ,
// _wakeDX, ... The formulas are evaluated in numpy's operation order and
// every product that feeds a sum is rounded on its own (float64(...)), so
// that FMA-contracting builds give the same numbers. The elementary
// functions (exp, sin, cos, sinh, cosh, sqrt) are Go's; numpy's may differ
// from them by an ulp or a few.

// WakeComponent is one of the seven wake components of AT's WakeFieldPass,
// numbered as PyAT's WakeComponent enum.
type WakeComponent int

// The wake components, with PyAT's enum values.
const (
	WakeDX WakeComponent = 1 // dipole, horizontal [V/C/m]
	WakeDY WakeComponent = 2 // dipole, vertical [V/C/m]
	WakeQX WakeComponent = 3 // quadrupole, horizontal [V/C/m]
	WakeQY WakeComponent = 4 // quadrupole, vertical [V/C/m]
	WakeZ  WakeComponent = 5 // longitudinal [V/C]
	WakeCX WakeComponent = 6 // constant dipole, horizontal [V/C]
	WakeCY WakeComponent = 7 // constant dipole, vertical [V/C]
)

// WakeComponents lists the components in PyAT's enum order.
var WakeComponents = []WakeComponent{WakeDX, WakeDY, WakeQX, WakeQY, WakeZ, WakeCX, WakeCY}

var wakeComponentNames = [...]string{WakeDX: "DX", WakeDY: "DY", WakeQX: "QX", WakeQY: "QY", WakeZ: "Z", WakeCX: "CX", WakeCY: "CY"}

// Valid reports whether c is one of the seven components.
func (c WakeComponent) Valid() bool { return c >= WakeDX && c <= WakeCY }

// String returns PyAT's name of the component ("DX", ..., "Z", ...), or
// "WakeComponent(n)" for an invalid value.
func (c WakeComponent) String() string {
	if !c.Valid() {
		return fmt.Sprintf("WakeComponent(%d)", int(c))
	}
	return wakeComponentNames[c]
}

// Attr returns the element attribute that holds the component's table in
// an AT wake element ("_wakeDX", ..., "_wakeZ", ...), or "" for an invalid
// value.
func (c WakeComponent) Attr() string {
	if !c.Valid() {
		return ""
	}
	return "_wake" + wakeComponentNames[c]
}

// Transverse reports whether c is a transverse component (all but Z).
func (c WakeComponent) Transverse() bool { return c.Valid() && c != WakeZ }

// ParseWakeComponent returns the component named s as PyAT names it ("DX",
// "Z", ...; a "WakeComponent." prefix is accepted, which is how PyAT prints
// the enum).
func ParseWakeComponent(s string) (WakeComponent, error) {
	name := s
	if len(name) > len("WakeComponent.") && name[:len("WakeComponent.")] == "WakeComponent." {
		name = name[len("WakeComponent."):]
	}
	for _, c := range WakeComponents {
		if wakeComponentNames[c] == name {
			return c, nil
		}
	}
	return 0, fmt.Errorf("unknown wake component %q (want one of DX, DY, QX, QY, Z, CX, CY)", s)
}

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
// slice when n <= 0 and panics when step is 0 or an argument is not finite
// (numpy raises).
func Arange(start, stop, step float64) []float64 {
	if step == 0 || !finite(start) || !finite(stop) || !finite(step) {
		panic(fmt.Sprintf("tracking.Arange(%v, %v, %v): step must be non-zero and the arguments finite", start, stop, step))
	}
	nf := math.Ceil((stop - start) / step)
	if !(nf > 0) {
		return []float64{}
	}
	if nf > 1<<31 {
		panic(fmt.Sprintf("tracking.Arange(%v, %v, %v): %v points is too many", start, stop, step, nf))
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
	return out
}

// BuildSRange is PyAT's Wake.build_srange: the abscissa of a wake table
// sampled finely over the bunch and coarsely around the following bunches.
// It returns the sorted, repeat-free union of arange(start, bunchExt,
// shortStep) and, for i = 1..int((totalLength-bunchExt)/bunchInterval),
// arange(-bunchExt, bunchExt, longStep) + bunchInterval*i. Steps must be
// non-zero and the arguments finite (it panics otherwise, as Arange).
func BuildSRange(start, bunchExt, shortStep, longStep, bunchInterval, totalLength float64) []float64 {
	s := Arange(start, bunchExt, shortStep)
	rangel := Arange(-bunchExt, bunchExt, longStep)
	nb := (totalLength - bunchExt) / bunchInterval
	if !finite(nb) {
		panic(fmt.Sprintf("tracking.BuildSRange: (totalLength-bunchExt)/bunchInterval = %v is not finite", nb))
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
	return uniqueSorted(s)
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
	bc := beta * C0
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
	bc := beta * C0
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
	bc := beta * C0
	b3 := cube(rvac)
	w := make([]float64, len(s))
	for i, si := range s {
		if !(si > 0) {
			w[i] = 0
			continue
		}
		dt := -si / bc
		w[i] = yokoya * (numpySign(dt) - 1) / 2. * beta * length / math.Pi / b3 *
			math.Sqrt(-z0PyAT*C0/conduct/math.Pi/dt)
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
	case !(frequency > 0) || !finite(frequency):
		err = fmt.Errorf("frequency %v Hz: must be positive and finite", frequency)
	case !(qfactor > 0) || !finite(qfactor):
		err = fmt.Errorf("qfactor %v: must be positive and finite", qfactor)
	case !finite(rshunt):
		err = fmt.Errorf("rshunt %v: must be finite", rshunt)
	case !finite(yokoya):
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
	case !(length > 0) || !finite(length):
		err = fmt.Errorf("length %v m: must be positive and finite", length)
	case !(rvac > 0) || !finite(rvac):
		err = fmt.Errorf("rvac %v m: must be positive and finite", rvac)
	case !(conduct > 0) || !finite(conduct):
		err = fmt.Errorf("conductivity %v S/m: must be positive and finite", conduct)
	case !finite(yokoya):
		err = fmt.Errorf("yokoya factor %v: must be finite", yokoya)
	default:
		err = checkBeta(beta)
	}
	if err != nil {
		return fmt.Errorf("resistive-wall wake %v: %w", comp, err)
	}
	return nil
}

// WakeTable is a sampled wake, PyAT's Wake object restricted to analytic
// components: one abscissa S [m] (distance behind the source) shared by
// every component, and the components added so far. Adding a second wake
// to a component sums the tables, as PyAT does. The zero value is not
// usable; call NewWakeTable.
type WakeTable struct {
	// S is the abscissa (_wakeT of an AT wake element). Adding an analytic
	// wake turns it into WakeSRange(S).
	S     []float64
	comps [WakeCY + 1][]float64
}

// NewWakeTable starts a wake table on srange (copied). As PyAT's Wake, it
// wants srange without repeated values; they need not be sorted until an
// analytic wake is added.
func NewWakeTable(srange []float64) (*WakeTable, error) {
	s := append([]float64(nil), srange...)
	u := uniqueSorted(append([]float64(nil), srange...))
	if len(u) != len(s) {
		return nil, fmt.Errorf("wake table: srange has %d repeated values: it must hold unique values", len(s)-len(u))
	}
	return &WakeTable{S: s}, nil
}

// Component returns the table of component c (nil when not present). The
// slice is the table's own; do not modify it.
func (w *WakeTable) Component(c WakeComponent) []float64 {
	if !c.Valid() {
		return nil
	}
	return w.comps[c]
}

// Present lists the components present, in PyAT's enum order.
func (w *WakeTable) Present() []WakeComponent {
	var out []WakeComponent
	for _, c := range WakeComponents {
		if w.comps[c] != nil {
			out = append(out, c)
		}
	}
	return out
}

// widen turns S into WakeSRange(S). PyAT does it on every analytic add but
// does not resample the components already present; here that case is an
// error instead of tables of different lengths.
func (w *WakeTable) widen() error {
	s, err := WakeSRange(w.S)
	if err != nil {
		return err
	}
	if len(s) != len(w.S) && len(w.Present()) > 0 {
		return fmt.Errorf("wake table: adding an analytic wake adds s = 0 and 1e-24 to an abscissa that already has components (%v); start the table on an srange holding 0 and 1e-24", w.Present())
	}
	w.S = s
	return nil
}

func (w *WakeTable) accumulate(c WakeComponent, t []float64) {
	if w.comps[c] == nil {
		w.comps[c] = t
		return
	}
	for i := range t {
		w.comps[c][i] += t[i]
	}
}

// AddResonator adds a resonator wake to component comp (PyAT's
// Wake.add(WakeType.RESONATOR, comp, frequency, qfactor, rshunt, beta,
// yokoya_factor=yokoya)); see ResonatorWakeTable for the table and the checks.
func (w *WakeTable) AddResonator(comp WakeComponent, frequency, qfactor, rshunt, beta, yokoya float64) error {
	if err := checkResonator(comp, frequency, qfactor, rshunt, beta, yokoya); err != nil {
		return err
	}
	if err := w.widen(); err != nil {
		return fmt.Errorf("resonator wake %v: %w", comp, err)
	}
	if comp == WakeZ {
		w.accumulate(comp, LongResonatorWake(w.S, frequency, qfactor, rshunt, beta))
	} else {
		w.accumulate(comp, TransverseResonatorWake(w.S, frequency, qfactor, rshunt, yokoya, beta))
	}
	return nil
}

// AddResWall adds a transverse resistive-wall wake to component comp
// (PyAT's Wake.add(WakeType.RESWALL, comp, length, rvac, conduct, beta,
// yokoya_factor=yokoya)); see ResWallWakeTable for the table and the checks.
func (w *WakeTable) AddResWall(comp WakeComponent, length, rvac, conduct, beta, yokoya float64) error {
	if err := checkResWall(comp, length, rvac, conduct, beta, yokoya); err != nil {
		return err
	}
	if err := w.widen(); err != nil {
		return fmt.Errorf("resistive-wall wake %v: %w", comp, err)
	}
	w.accumulate(comp, ResWallWake(w.S, yokoya, length, rvac, conduct, beta))
	return nil
}
