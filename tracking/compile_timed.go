package tracking

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking/internal/attrval"
)

// This file compiles the attributes of the passmethods that depend on the
// turn and time: CrabCavityPass and VariableThinMPolePass. What AT draws
// from its own random generator (CrabCavity's SigPhi and SigVV noise,
// VariableThinMultipole's WHITENOISE mode) cannot give PyAT's numbers and
// is refused.

// crabCavityAttrs and varMPoleAttrs are the attributes read through the
// record slots; the others are read by compileTimed.
var (
	crabCavityAttrs = join(req("Length", "Frequency"), opt("Energy", "TimeLag", "PhaseLag"))
	varMPoleAttrs   = join(req("MaxOrder", "PolynomA", "PolynomB"), misalign, apertures)
)

// compileTimed sets what rec of a CrabCavityPass or VariableThinMPolePass
// element needs beyond the record slots, appending its data to pool.
func compileTimed(m device.Method, el *Element, rec *device.Element, pool *[]float64, par device.Params) error {
	switch m {
	case device.CrabCavityPass:
		return compileCrabCavity(el, rec, pool, par)
	case device.VariableThinMPolePass:
		return compileVarMPole(el, rec, pool)
	}
	return nil
}

// compileCrabCavity reads Voltages (Vx, Vy) into the pool and HarmNumber
// (AT's default: round(Frequency·T0)), and refuses SigPhi and SigVV noise.
func compileCrabCavity(el *Element, rec *device.Element, pool *[]float64, par device.Params) error {
	v, err := attrArray(el, "Voltages", true)
	if err != nil {
		return err
	}
	if len(v) != 2 {
		return &ElementError{Attr: "Voltages", Err: fmt.Errorf("want 2 values (Vx, Vy), got %d", len(v))}
	}
	rec.Modulation = int32(len(*pool))
	*pool = append(*pool, v...)
	rec.HarmNumber = math.Round(rec.Frequency * par.T0)
	if _, ok := el.Get("HarmNumber"); ok {
		h, err := attrInt(el, "HarmNumber", false)
		if err != nil {
			return err
		}
		rec.HarmNumber = float64(h)
	}
	for _, name := range []string{"SigPhi", "SigVV"} {
		s, err := attrFloat(el, name, false)
		if err != nil {
			return err
		}
		if s > 0 {
			return &ElementError{Attr: name, Err: fmt.Errorf("is %v: AT draws this noise from its own random generator, which gotrack cannot reproduce; set it to 0", s)}
		}
	}
	return nil
}

// compileVarMPole builds the modulation block of a VariableThinMPolePass
// element (layout in device/modulation.go) from Mode, Periodic, Ramps and
// the Amplitude, Frequency, Phase, NSamples and Func of each of A and B,
// with AT's defaults (Periodic 1, NSamples 1, frequencies and phases 0).
func compileVarMPole(el *Element, rec *device.Element, pool *[]float64) error {
	mode, err := attrInt(el, "Mode", true)
	if err != nil {
		return err
	}
	if mode == device.ModWhiteNoise {
		return &ElementError{Attr: "Mode", Err: errors.New("is 1 (WHITENOISE): AT draws one value per turn from its own random generator, which gotrack cannot reproduce; use SINE (0) or ARBITRARY (2)")}
	}
	blk := make([]float64, device.ModHeader)
	blk[device.ModMode] = float64(mode)
	periodic, err := attrFlag(el, "Periodic", true)
	if err != nil {
		return err
	}
	if periodic {
		blk[device.ModPeriodic] = 1
	}
	ramps, err := attrArray(el, "Ramps", false)
	if err != nil {
		return err
	}
	if ramps != nil {
		if len(ramps) != 4 {
			return &ElementError{Attr: "Ramps", Err: fmt.Errorf("want 4 turns (t0, t1, t2, t3), got %d values", len(ramps))}
		}
		blk[device.ModHasRamps] = 1
		copy(blk[device.ModRamps:], ramps)
	}
	n := int(rec.MaxOrder) + 1
	for _, part := range []struct {
		ab  string
		off int
	}{{"A", device.ModA}, {"B", device.ModB}} {
		p := blk[part.off : part.off+device.ModPart]
		p[device.ModAmp], p[device.ModFunc] = -1, -1
		for _, s := range []struct {
			name string
			at   int
		}{{"Frequency", device.ModFrequency}, {"Phase", device.ModPhase}} {
			if p[s.at], err = attrFloat(el, s.name+part.ab, false); err != nil {
				return err
			}
		}
		amp, err := attrArray(el, "Amplitude"+part.ab, false)
		if err != nil {
			return err
		}
		if amp == nil {
			continue
		}
		if len(amp) < n {
			return &ElementError{Attr: "Amplitude" + part.ab, Err: fmt.Errorf("want at least MaxOrder+1 = %d values, got %d", n, len(amp))}
		}
		p[device.ModAmp] = float64(len(blk))
		blk = append(blk, amp[:n]...)
		p = blk[part.off : part.off+device.ModPart] // blk may have moved
		ns := 1
		if _, ok := el.Get("NSamples" + part.ab); ok {
			if ns, err = attrInt(el, "NSamples"+part.ab, false); err != nil {
				return err
			}
		}
		p[device.ModNSamples] = float64(ns)
		fn, err := attrArray(el, "Func"+part.ab, false)
		if err != nil {
			return err
		}
		if mode == device.ModArbitrary {
			switch {
			case fn == nil:
				return &ElementError{Attr: "Func" + part.ab, Err: fmt.Errorf("missing: ARBITRARY mode with Amplitude%s needs the turn-by-turn table", part.ab)}
			case ns < 1:
				return &ElementError{Attr: "NSamples" + part.ab, Err: fmt.Errorf("must be at least 1, got %d", ns)}
			case len(fn) < ns:
				return &ElementError{Attr: "Func" + part.ab, Err: fmt.Errorf("has %d values, fewer than NSamples%s = %d", len(fn), part.ab, ns)}
			}
			p[device.ModFunc] = float64(len(blk))
			blk = append(blk, fn[:ns]...)
		}
	}
	rec.Modulation = int32(len(*pool))
	*pool = append(*pool, blk...)
	return nil
}

// attrArray returns the array attribute name, nil when it is absent and
// not required.
func attrArray(el *Element, name string, required bool) ([]float64, error) {
	v, ok := el.Get(name)
	if !ok {
		if required {
			return nil, &ElementError{Attr: name, Err: fmt.Errorf("missing (required by %s)", el.PassMethod)}
		}
		return nil, nil
	}
	switch x := v.(type) {
	case []float64:
		return x, nil
	case float64:
		return []float64{x}, nil
	case int64:
		return []float64{float64(x)}, nil
	}
	return nil, &ElementError{Attr: name, Err: fmt.Errorf("want an array of numbers, got %s", attrval.Describe(v))}
}

// attrFlag returns the boolean attribute name (true, false, or a number,
// nonzero meaning true), def when absent.
func attrFlag(el *Element, name string, def bool) (bool, error) {
	v, ok := el.Get(name)
	if !ok {
		return def, nil
	}
	switch x := v.(type) {
	case bool:
		return x, nil
	case float64:
		return x != 0, nil
	case int64:
		return x != 0, nil
	case json.RawMessage:
		switch strings.TrimSpace(string(x)) {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
	}
	return false, &ElementError{Attr: name, Err: fmt.Errorf("want true, false or a number, got %s", attrval.Describe(v))}
}
