package optics

import (
	"fmt"
	"math"

	"github.com/gotrack/gotrack/tracking"
)

// PyAT's defaults of at.detuning and at.tunes_vs_amp
// (at/physics/nonlinear.py).
const (
	// DefaultDetuningTurns is the number of turns tracked for each
	// amplitude (PyAT's nturns=512).
	DefaultDetuningTurns = 512
	// DefaultDetuningAmplitude is the largest x and y amplitude of the
	// scans of DetuningOf [m] (PyAT's xm = ym = 0.3e-4).
	DefaultDetuningAmplitude = 0.3e-4
	// DefaultDetuningPoints is the number of amplitudes of each scan
	// (PyAT's npoints=3).
	DefaultDetuningPoints = 3
	// detuningElemAmplitude is the amplitude gen_detuning_elem scans with
	// (xm = ym = 1e-4).
	detuningElemAmplitude = 1e-4
	// tuneOffset is what tunes_vs_amp adds to every coordinate of the
	// closed orbit before adding the amplitude.
	tuneOffset = 1e-6
)

// DetuningOptions are the options of DetuningOf; zero values take PyAT's
// defaults.
type DetuningOptions struct {
	// XMax and YMax are the largest amplitudes of the x and y scans [m]
	// (PyAT's xm, ym; default DefaultDetuningAmplitude).
	XMax, YMax float64
	// Points is the number of amplitudes of each scan, from -XMax to XMax
	// (PyAT's npoints; default DefaultDetuningPoints).
	Points int
	// Turns is the number of turns tracked (PyAT's nturns; default
	// DefaultDetuningTurns).
	Turns int
	// Options choose the backend of the tracking and optics.
	Options
}

// Detuning is what DetuningOf returns: PyAT's (q0, q1, x, q_dx, y, q_dy).
type Detuning struct {
	// Q0 are the tunes at zero amplitude fitted from the x scan (row 0)
	// and the y scan (row 1): [[qx, qy], [qx, qy]], fractional parts.
	Q0 [2][2]float64
	// Q1 are the amplitude-detuning coefficients
	// [[dQx/dJx, dQy/dJx], [dQx/dJy, dQy/dJy]] [1/m].
	Q1 [2][2]float64
	// X and Y are the amplitudes of the scans [m]; QdX and QdY the
	// fractional tunes (qx, qy) tracked at each (NaN where a particle was
	// lost or no tune was found).
	X, Y     []float64
	QdX, QdY [][2]float64
}

// DetuningOf is PyAT's at.detuning(ring, xm, ym, npoints, nturns): the
// amplitude-detuning coefficients of the lattice taken in 4D
// (Disable6D), from the tunes tracked at npoints amplitudes from -xm to xm
// in x, then in y (TunesVsAmp), each scan fitted by a straight line in
// amplitude squared; the slopes are turned into dQ/dJ with the Twiss
// gamma of the plane scanned (J = gamma a²/2 for a particle started at
// amplitude a with px = 0). The tunes are those of the whole ring
// (periodicity applied, fractional parts).
func DetuningOf(lat *tracking.Lattice, opt *DetuningOptions) (*Detuning, error) {
	var o DetuningOptions
	if opt != nil {
		o = *opt
	}
	if o.XMax == 0 {
		o.XMax = DefaultDetuningAmplitude
	}
	if o.YMax == 0 {
		o.YMax = DefaultDetuningAmplitude
	}
	if o.Points == 0 {
		o.Points = DefaultDetuningPoints
	}
	if o.Turns == 0 {
		o.Turns = DefaultDetuningTurns
	}
	if o.Points < 2 {
		return nil, fmt.Errorf("detuning: %d amplitudes, at least 2 are needed for the fit", o.Points)
	}
	ring4 := Disable6D(lat)
	lin, err := Linopt6(ring4, nil, false, &o.Options)
	if err != nil {
		return nil, fmt.Errorf("detuning: %w", err)
	}
	a, b := lin.Elem0.Alpha, lin.Elem0.Beta
	gam := [2]float64{(1 + a[0]*a[0]) / b[0], (1 + a[1]*a[1]) / b[1]}
	d := &Detuning{X: linspace(-o.XMax, o.XMax, o.Points), Y: linspace(-o.YMax, o.YMax, o.Points)}
	p := float64(periodicity(ring4))
	for plane, amp := range [][]float64{d.X, d.Y} {
		q, err := tunesVsAmp(ring4, lin, amp, 2*plane, o.Turns, &o.Options)
		if err != nil {
			return nil, fmt.Errorf("detuning: %w", err)
		}
		a2 := make([]float64, 0, len(amp))
		var qx, qy []float64
		for i := range q {
			for j := range q[i] {
				_, q[i][j] = math.Modf(q[i][j] * p)
			}
			if isFinite(q[i][0]) && isFinite(q[i][1]) {
				a2 = append(a2, amp[i]*amp[i])
				qx = append(qx, q[i][0])
				qy = append(qy, q[i][1])
			}
		}
		if len(a2) < 2 {
			return nil, fmt.Errorf("detuning: %d of the %d amplitudes of the %s scan gave a tune, at least 2 are needed for the fit", len(a2), len(amp), "xy"[plane:plane+1])
		}
		sx, ix := lineFit(a2, qx)
		sy, iy := lineFit(a2, qy)
		d.Q0[plane] = [2]float64{ix, iy}
		d.Q1[plane] = [2]float64{2 * sx / gam[plane], 2 * sy / gam[plane]}
		if plane == 0 {
			d.QdX = q
		} else {
			d.QdY = q
		}
	}
	return d, nil
}

// TunesVsAmp is PyAT's at.tunes_vs_amp(ring, amp, dim, nturns): the
// fractional tunes (qx, qy) of one period of the lattice for particles
// started at the closed orbit (Linopt6) plus 1e-6 in every coordinate
// plus amp[i] in coordinate dim, tracked turns turns (all particles as
// one beam) and analysed by interpolated FFT of the normalised complex
// signals x̂ - i p̂ (PyAT's get_tunes_harmonic, method 'laskar'). A lost
// particle gives NaN tunes. amp nil returns one row, the tunes of
// Linopt6. The lattice is tracked as given (PyAT's detuning passes a 4D
// one).
func TunesVsAmp(lat *tracking.Lattice, amp []float64, dim, turns int, opt *Options) ([][2]float64, error) {
	lin, err := Linopt6(lat, nil, false, opt)
	if err != nil {
		return nil, fmt.Errorf("tunes_vs_amp: %w", err)
	}
	if amp == nil {
		return [][2]float64{{lin.Ring.Tune[0], lin.Ring.Tune[1]}}, nil
	}
	q, err := tunesVsAmp(lat, lin, amp, dim, turns, opt)
	if err != nil {
		return nil, fmt.Errorf("tunes_vs_amp: %w", err)
	}
	return q, nil
}

// tunesVsAmp tracks and analyses for TunesVsAmp, the optics at the start
// given.
func tunesVsAmp(lat *tracking.Lattice, lin *Linopt, amp []float64, dim, turns int, opt *Options) ([][2]float64, error) {
	if dim < 0 || dim > 5 {
		return nil, fmt.Errorf("coordinate %d out of range 0..5", dim)
	}
	if turns < 2 {
		return nil, fmt.Errorf("%d turns: at least 2 are needed", turns)
	}
	orbit := lin.Elem0.ClosedOrbit
	parts := make([]Vec6, len(amp))
	for i := range parts {
		for j := range parts[i] {
			parts[i][j] = orbit[j] + tuneOffset
		}
		parts[i][dim] += amp[i]
	}
	n := len(lat.Elements)
	to := tracking.Options{Turns: turns, Refpts: []int{n}}
	if opt != nil {
		to.Device, to.Open, to.Backend = opt.Device, opt.Open, opt.Backend
	}
	res, err := tracking.Track(deterministic(lat), tracking.BeamFromRows(parts), to)
	if err != nil {
		return nil, fmt.Errorf("tracking %d turns: %w", turns, err)
	}
	if res.Turns != turns {
		return nil, fmt.Errorf("tracking stopped after %d of %d turns", res.Turns, turns)
	}
	sb := [2]float64{math.Sqrt(lin.Elem0.Beta[0]), math.Sqrt(lin.Elem0.Beta[1])}
	al := lin.Elem0.Alpha
	out := make([][2]float64, len(amp))
	sig := make([]complex128, turns)
	for i := range amp {
		for plane := 0; plane < 2; plane++ {
			for t := 0; t < turns; t++ {
				p := res.MonitorAt(t, 0, i)
				x, xp := p[2*plane], p[2*plane+1]
				// PyAT's inverse of the Courant-Snyder normalisation.
				u := x / sb[plane]
				v := al[plane]/sb[plane]*x + sb[plane]*xp
				sig[t] = complex(u, -v)
			}
			if res.Lost[i] {
				out[i][plane] = math.NaN()
				continue
			}
			out[i][plane] = harmonicTune(sig)
		}
	}
	return out, nil
}

// GenDetuningElem is PyAT's at.gen_detuning_elem(ring, orbit): a
// DeltaQPass element ("NonLinear", zero length) that reproduces the
// lattice's tune shifts with amplitude and momentum: the Twiss functions
// at the start (Betax, Betay, Alphax, Alphay: Linopt6's method around
// orbit), the linear chromaticities of the lattice in 4D (chromx_arr,
// chromy_arr: GetChrom of Disable6D, chrom_maxorder 1), the detuning
// coefficients A1 = dQx/dJx, A2 = dQy/dJx, A3 = dQy/dJy of DetuningOf at
// amplitudes of ±1e-4 m (3 points, DefaultDetuningTurns turns), and T1 =
// -orbit, T2 = orbit. orbit is the 6D closed orbit at the start (nil:
// FindOrbit).
func GenDetuningElem(lat *tracking.Lattice, orbit *Vec6, opt *Options) (*tracking.Element, error) {
	var o Vec6
	if orbit != nil {
		o = *orbit
	} else {
		r, err := FindOrbit(lat, nil, opt)
		if err != nil {
			return nil, fmt.Errorf("gen_detuning_elem: %w", err)
		}
		o = r.Orbit0
	}
	alpha, beta, err := twissAt(lat, o, opt)
	if err != nil {
		return nil, fmt.Errorf("gen_detuning_elem: %w", err)
	}
	xsi, err := GetChrom(Disable6D(lat), opt)
	if err != nil {
		return nil, fmt.Errorf("gen_detuning_elem: %w", err)
	}
	dopt := &DetuningOptions{XMax: detuningElemAmplitude, YMax: detuningElemAmplitude, Points: 3}
	if opt != nil {
		dopt.Options = *opt
	}
	d, err := DetuningOf(lat, dopt)
	if err != nil {
		return nil, fmt.Errorf("gen_detuning_elem: %w", err)
	}
	return detuningElement(beta, alpha, []float64{xsi[0]}, []float64{xsi[1]},
		d.Q1[0][0], d.Q1[0][1], d.Q1[1][1], &o), nil
}

// detuningElement builds PyAT's "NonLinear" DeltaQPass element;
// orbit nil leaves out T1 and T2 (simple_ring's element has none).
func detuningElement(beta, alpha [2]float64, chromx, chromy []float64, a1, a2, a3 float64, orbit *Vec6) *tracking.Element {
	e := &tracking.Element{FamName: "NonLinear", PassMethod: "DeltaQPass"}
	e.Set("Length", 0.0)
	e.Set("Betax", beta[0])
	e.Set("Betay", beta[1])
	e.Set("Alphax", alpha[0])
	e.Set("Alphay", alpha[1])
	e.Set("chromx_arr", append([]float64(nil), chromx...))
	e.Set("chromy_arr", append([]float64(nil), chromy...))
	e.Set("A1", a1)
	e.Set("A2", a2)
	e.Set("A3", a3)
	if orbit != nil {
		t1, t2 := make([]float64, 6), make([]float64, 6)
		for i := range t1 {
			t1[i], t2[i] = -orbit[i], orbit[i]
		}
		e.Set("T1", t1)
		e.Set("T2", t2)
	}
	e.Set("chrom_maxorder", int64(max(len(chromx), len(chromy))))
	e.Set("Class", "Element")
	return e
}

// twissAt returns the Twiss alpha and beta of modes 1 and 2 at the start
// of lat from its one-turn matrix around orbit, as PyAT's
// linopt6(ring, orbit=orbit) computes its elemdata0 (FindM66 for a 6D
// lattice, FindM44 at delta = orbit[4] for a 4D one).
func twissAt(lat *tracking.Lattice, orbit Vec6, opt *Options) (alpha, beta [2]float64, err error) {
	var mt dense
	if lat.Is6D() {
		m, _, err := FindM66(lat, nil, &orbit, opt)
		if err != nil {
			return alpha, beta, err
		}
		mt = toDense6(m)
	} else {
		m, _, err := FindM44(lat, orbit[4], nil, &orbit, opt)
		if err != nil {
			return alpha, beta, err
		}
		mt = toDense4(m)
	}
	a0, _, err := aMatrix(mt)
	if err != nil {
		return alpha, beta, err
	}
	_, rs, err := rMatrices(standardize(a0))
	if err != nil {
		return alpha, beta, err
	}
	beta = [2]float64{rs[0][0][0], rs[1][2][2]}
	alpha = [2]float64{-rs[0][1][0], -rs[1][3][2]}
	return alpha, beta, nil
}

// linspace is numpy's linspace(a, b, n): a + i·step, the last point
// exactly b.
func linspace(a, b float64, n int) []float64 {
	out := make([]float64, n)
	if n == 1 {
		out[0] = a
		return out
	}
	step := (b - a) / float64(n-1)
	for i := range out {
		out[i] = a + float64(i)*step
	}
	out[n-1] = b
	return out
}

// lineFit is numpy's polyfit(x, y, 1) by least squares: the slope and
// the intercept.
func lineFit(x, y []float64) (slope, intercept float64) {
	n := float64(len(x))
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx /= n
	my /= n
	var sxy, sxx float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
	}
	slope = sxy / sxx
	return slope, my - slope*mx
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
