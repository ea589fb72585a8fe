package tracking

import (
	"fmt"
	"math"
	"strings"

	"github.com/gotrack/gotrack/tracking/internal/attrval"
)

// This file holds the ring's bunch structure as PyAT's Lattice computes
// it (lattice_object.py: set_fillpattern, bunch_currents, bunch_spos;
// cavity_access.py: rf_frequency): what AT's collective passmethods
// (WakeFieldPass, BeamMomentsPass, SliceMomentsPass, ...) receive as
// bunch_currents and bunch_spos.

// beamCurrentProp is the lattice property that holds the beam current.
const beamCurrentProp = "beam_current"

// BeamCurrent returns the total beam current [A]: the "beam_current"
// property of the lattice file (PyAT's Lattice.beam_current), 0 when
// absent or not a number (Bunches reports the latter as an error).
func (l *Lattice) BeamCurrent() float64 {
	v, _ := l.beamCurrent()
	return v
}

func (l *Lattice) beamCurrent() (float64, error) {
	for _, a := range l.Properties {
		if a.Name != beamCurrentProp {
			continue
		}
		switch x := a.Value.(type) {
		case float64:
			if !attrval.Finite(x) {
				return 0, fmt.Errorf("property %s: value %v must be finite", beamCurrentProp, x)
			}
			return x, nil
		case int64:
			return float64(x), nil
		}
		return 0, fmt.Errorf("property %s: want a number, got %s", beamCurrentProp, attrval.Describe(a.Value))
	}
	return 0, nil
}

// SetBeamCurrent sets the total beam current [A] (the "beam_current"
// property, written back to lattice files), as PyAT's
// Lattice.beam_current = a.
func (l *Lattice) SetBeamCurrent(a float64) {
	for i := range l.Properties {
		if l.Properties[i].Name == beamCurrentProp {
			l.Properties[i].Value = a
			return
		}
	}
	l.Properties = append(l.Properties, Attr{beamCurrentProp, a})
}

// Beta returns the relativistic beta of the lattice's particle as PyAT's
// Lattice.beta: 1 for a particle of rest energy 0 (the "relativistic"
// particle), else sqrt(1 - 1/gamma/gamma) with gamma = Energy/RestEnergy.
func (l *Lattice) Beta() float64 {
	if l.Particle.RestEnergy == 0 {
		return 1
	}
	gamma := l.Energy / l.Particle.RestEnergy
	return math.Sqrt(1.0 - 1.0/gamma/gamma)
}

// IsRFCavity reports whether PyAT would load e as an RFCavity (or a
// subclass: BeamLoadingElement), following at.load's find_class: the
// "Class" attribute when present; else a FamName "RF" or "RFCavity"; else
// the passmethod (CavityPass, RFCavityPass; other passmethods PyAT maps to
// a class are not cavities); else the contents (dipole attributes first,
// then any of Voltage, Frequency, HarmNumber, PhaseLag, TimeLag). Unlike
// PyAT, an unknown Class or a FamName naming another class is not looked
// at further.
func IsRFCavity(e *Element) bool {
	if v, ok := e.Get("Class"); ok {
		if s, ok := v.(string); ok && s != "" {
			switch strings.ToLower(s) {
			case "rfcavity", "rf", "beamloadingelement":
				return true
			}
			return false
		}
	}
	switch strings.ToLower(e.FamName) {
	case "rf", "rfcavity":
		return true
	}
	switch e.PassMethod {
	case "CavityPass", "RFCavityPass":
		return true
	case "BendLinearPass", "BndMPoleSymplectic4RadPass", "BndMPoleSymplectic4Pass",
		"QuadLinearPass", "StrMPoleSymplectic4Pass", "StrMPoleSymplectic4RadPass",
		"CorrectorPass", "ThinMPolePass", "Matrix66Pass", "AperturePass",
		"IdTablePass", "GWigSymplecticPass", "VariableThinMPolePass":
		return false
	}
	for _, k := range []string{"FullGap", "FringeInt1", "FringeInt2", "gK", "EntranceAngle", "ExitAngle"} {
		if _, ok := e.Get(k); ok {
			return false
		}
	}
	for _, k := range []string{"Voltage", "Frequency", "HarmNumber", "PhaseLag", "TimeLag"} {
		if _, ok := e.Get(k); ok {
			return true
		}
	}
	return false
}

// RFFrequency returns PyAT's ring.rf_frequency: the Frequency [Hz] of the
// main RF cavities, the lowest over all cavities (see IsRFCavity). ok is
// false when the lattice has no cavity; err names the element whose
// Frequency is missing or not a number.
func (l *Lattice) RFFrequency() (f float64, ok bool, err error) {
	for i, e := range l.Elements {
		if !IsRFCavity(e) {
			continue
		}
		v, has, ferr := e.Float("Frequency")
		if ferr == nil && !has {
			ferr = fmt.Errorf("missing: an RF cavity needs a Frequency")
		}
		if ferr == nil && !attrval.Finite(v) {
			ferr = fmt.Errorf("value %v must be finite", v)
		}
		if ferr != nil {
			return 0, false, &ElementError{File: l.File, Index: i, FamName: e.FamName, Attr: "Frequency", Err: ferr}
		}
		if !ok || v < f {
			f = v
		}
		ok = true
	}
	return f, ok, nil
}

// RingHarmonicNumber returns the harmonic number of the full ring:
// HarmonicNumber when positive; else, as PyAT's lattice does when it
// loads a file, Periodicity times round(f_rf Length/(beta c)) from the
// main cavity frequency; 0 when neither is known.
func (l *Lattice) RingHarmonicNumber() (int, error) {
	if l.HarmonicNumber > 0 {
		return l.HarmonicNumber, nil
	}
	f, ok, err := l.RFFrequency()
	if err != nil || !ok {
		return 0, err
	}
	cell := math.RoundToEven(f * l.Length() / (l.Beta() * C0))
	if !(cell > 0) || cell > math.MaxInt32 {
		return 0, nil
	}
	p := l.Periodicity
	if p < 1 {
		p = 1
	}
	return p * int(cell), nil
}

// numpySum adds x as numpy.sum does for a contiguous float64 array
// (pairwise summation with an 8-way unrolled block of up to 128 values),
// so that normalising a fill pattern gives PyAT's bits.
func numpySum(x []float64) float64 {
	n := len(x)
	switch {
	case n < 8:
		res := 0.
		for _, v := range x {
			res += v
		}
		return res
	case n <= 128:
		var r [8]float64
		copy(r[:], x[:8])
		i := 8
		for ; i < n-n%8; i += 8 {
			for j := 0; j < 8; j++ {
				r[j] += x[i+j]
			}
		}
		res := ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
		for ; i < n; i++ {
			res += x[i]
		}
		return res
	}
	n2 := n / 2
	n2 -= n2 % 8
	return numpySum(x[:n2]) + numpySum(x[n2:])
}

// maxBuckets bounds the harmonic number of a fill pattern: far above any
// real ring (ESRF-EBS has 992 buckets), it turns a mistyped
// harmonic_number or periodicity into an error rather than an allocation
// the machine cannot make.
const maxBuckets = 1 << 24

// NormalizedFillPattern returns PyAT's ring.fillpattern: FillPattern
// divided by its sum (numpy's), or, when FillPattern is nil, the default
// single bunch in bucket 0 (length RingHarmonicNumber, at least 1). A
// negative or non-finite value, an all-zero pattern, a length other
// than a known harmonic number, or a harmonic number above 2^24 is an
// error (PyAT's set_fillpattern
// refuses the first and the last).
func (l *Lattice) NormalizedFillPattern() ([]float64, error) {
	h, err := l.RingHarmonicNumber()
	if err != nil {
		return nil, fmt.Errorf("fill pattern: %w", err)
	}
	if h > maxBuckets {
		return nil, fmt.Errorf("fill pattern: harmonic number %d: more buckets than gotrack holds (%d)", h, maxBuckets)
	}
	if l.FillPattern == nil {
		fp := make([]float64, max(h, 1))
		fp[0] = 1
		return fp, nil
	}
	if h > 0 && len(l.FillPattern) != h {
		return nil, fmt.Errorf("fill pattern: %d buckets, the harmonic number is %d", len(l.FillPattern), h)
	}
	if len(l.FillPattern) == 0 {
		return nil, fmt.Errorf("fill pattern: empty (set it to nil for one bunch)")
	}
	for i, v := range l.FillPattern {
		if !attrval.Finite(v) || v < 0 {
			return nil, fmt.Errorf("fill pattern: bucket %d is %v: values must be finite and non-negative", i, v)
		}
	}
	sum := numpySum(l.FillPattern)
	if !(sum > 0) || !attrval.Finite(sum) {
		return nil, fmt.Errorf("fill pattern: the buckets add up to %v, want a positive finite sum", sum)
	}
	fp := make([]float64, len(l.FillPattern))
	for i, v := range l.FillPattern {
		fp[i] = v / sum
	}
	return fp, nil
}

// Bunches returns the current [A] and the position [m] around the ring of
// every filled bucket, in bucket order: what PyAT passes to the collective
// passmethods as bunch_currents and bunch_spos.
//
// With fp = NormalizedFillPattern(): currents[k] = BeamCurrent() * fp[b]
// and spos[k] = (beta c h / f_rf)/len(fp) * b for the k-th bucket b with
// fp[b] > 0, where beta = Beta(), h = RingHarmonicNumber() and f_rf =
// RFFrequency(); without an RF cavity, Circumference() replaces
// beta c h / f_rf (as PyAT's Lattice.bunch_spos).
//
// BunchCurrents and BunchSpos, when set, are returned (copied) instead of
// the derived values; their lengths must agree with each other, and a set
// one must have the length of the derived other. Errors name the file.
func (l *Lattice) Bunches() (currents, spos []float64, err error) {
	fail := func(err error) ([]float64, []float64, error) {
		if l.File != "" {
			return nil, nil, fmt.Errorf("%s: bunches: %w", l.File, err)
		}
		return nil, nil, fmt.Errorf("bunches: %w", err)
	}
	if l.BunchCurrents != nil && l.BunchSpos != nil {
		if len(l.BunchCurrents) != len(l.BunchSpos) {
			return fail(fmt.Errorf("%d bunch currents but %d bunch positions", len(l.BunchCurrents), len(l.BunchSpos)))
		}
		return append([]float64(nil), l.BunchCurrents...), append([]float64(nil), l.BunchSpos...), nil
	}
	current, err := l.beamCurrent()
	if err != nil {
		return fail(err)
	}
	if l.FillPattern == nil && l.BunchCurrents == nil {
		for _, a := range l.Properties {
			if a.Name != "nbunch" {
				continue
			}
			if nb, ok := a.Value.(int64); ok && nb > 1 {
				return fail(fmt.Errorf("the file says nbunch = %d, but PyAT's JSON does not keep the fill pattern: set Lattice.FillPattern (or BunchCurrents and BunchSpos)", nb))
			}
		}
	}
	fp, err := l.NormalizedFillPattern()
	if err != nil {
		return fail(err)
	}
	var circ float64
	f, ok, err := l.RFFrequency()
	if err != nil {
		return fail(err)
	}
	if h, herr := l.RingHarmonicNumber(); herr != nil {
		return fail(herr)
	} else if ok && h > 0 {
		circ = l.Beta() * C0 * float64(h) / f
	} else {
		circ = l.Circumference()
	}
	bs := circ / float64(len(fp))
	for b, v := range fp {
		if v > 0 {
			currents = append(currents, current*v)
			spos = append(spos, bs*float64(b))
		}
	}
	if l.BunchCurrents != nil {
		if len(l.BunchCurrents) != len(spos) {
			return fail(fmt.Errorf("%d bunch currents set, the fill pattern has %d bunches", len(l.BunchCurrents), len(spos)))
		}
		currents = append([]float64(nil), l.BunchCurrents...)
	}
	if l.BunchSpos != nil {
		if len(l.BunchSpos) != len(currents) {
			return fail(fmt.Errorf("%d bunch positions set, the fill pattern has %d bunches", len(l.BunchSpos), len(currents)))
		}
		spos = append([]float64(nil), l.BunchSpos...)
	}
	return currents, spos, nil
}
