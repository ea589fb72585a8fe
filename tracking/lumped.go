package tracking

import (
	"fmt"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking/internal/attrval"
)

// This file compiles the attributes of AT's lumped ring elements
// (SimpleRadiationRadPass, EnergyLossRadPass, DeltaQPass, Matrix66RadPass)
// into the record and pool, computing once what AT's trackFunction computes
// when it first meets the element. The layouts are documented at
// device.Element.Lumped.

// compileLumped finishes the record of a lumped element; rec.Energy is
// already resolved (the ring energy, else the element's Energy) for the
// radiating ones. Other methods are left alone.
func compileLumped(el *Element, m device.Method, rec *device.Element, pool *[]float64, par device.Params) error {
	switch m {
	case device.SimpleRadiationRadPass:
		return compileSimpleRadiation(el, rec, pool)
	case device.EnergyLossRadPass:
		return compileEnergyLoss(el, rec, pool, par)
	case device.DeltaQPass:
		return compileDeltaQ(el, rec, pool)
	case device.Matrix66RadPass:
		// AT reads M66Rad, falling back on M66 when it is absent.
		name := "M66Rad"
		if _, ok := el.Get(name); !ok {
			name = "M66"
		}
		return setAttr(el, attrSpec{name, true}, rec, pool)
	}
	return nil
}

// compileSimpleRadiation stores damp_mat_diag, dispx, dispxp, dispy,
// dispyp (0 when absent) and the energy loss U0/E.
func compileSimpleRadiation(el *Element, rec *device.Element, pool *[]float64) error {
	damp, err := attrArray(el, "damp_mat_diag", true)
	if err != nil {
		return err
	}
	if len(damp) != 6 {
		return &ElementError{Attr: "damp_mat_diag", Err: fmt.Errorf("want 6 values, got %d", len(damp))}
	}
	u0, err := attrFloat(el, "U0", true)
	if err != nil {
		return err
	}
	p := append([]float64(nil), damp...)
	for _, n := range [...]string{"dispx", "dispxp", "dispy", "dispyp"} {
		v, err := attrFloat(el, n, false)
		if err != nil {
			return err
		}
		p = append(p, v)
	}
	p = append(p, u0/rec.Energy)
	return putLumped(el, rec, pool, p)
}

// compileEnergyLoss stores the momentum step EnergyLoss/Energy as AT
// computes it: divided by the element's Energy when it has one (else the
// ring energy), then by beta^2 of the ring energy for a massive particle.
func compileEnergyLoss(el *Element, rec *device.Element, pool *[]float64, par device.Params) error {
	loss, err := attrFloat(el, "EnergyLoss", true)
	if err != nil {
		return err
	}
	ring := rec.Energy // the ring energy when positive (compileElement)
	e := ring
	if v, ok, err := el.Float("Energy"); err != nil {
		return &ElementError{Attr: "Energy", Err: err}
	} else if ok {
		e = v
	}
	if !(e > 0) {
		return &ElementError{Attr: "Energy", Err: fmt.Errorf("must be positive, got %v", e)}
	}
	dpp := loss / e
	if par.RestEnergy != 0 {
		gamma := ring / par.RestEnergy
		beta2 := 1.0 - 1.0/gamma/gamma
		dpp /= beta2
	}
	return putLumped(el, rec, pool, []float64{dpp})
}

// compileDeltaQ stores the Twiss parameters, amplitude-detuning
// coefficients and the chrom_maxorder chromaticity terms of each plane.
func compileDeltaQ(el *Element, rec *device.Element, pool *[]float64) error {
	names := [...]string{"Alphax", "Alphay", "Betax", "Betay", "A1", "A2", "A3"}
	p := make([]float64, 0, len(names)+2)
	for _, n := range names {
		v, err := attrFloat(el, n, true)
		if err != nil {
			return err
		}
		if (n == "Betax" || n == "Betay") && !(v > 0) {
			return &ElementError{Attr: n, Err: fmt.Errorf("must be positive, got %v", v)}
		}
		p = append(p, v)
	}
	order := 1
	if _, ok := el.Get("chrom_maxorder"); ok {
		o, err := attrInt(el, "chrom_maxorder", false)
		if err != nil {
			return err
		}
		if o < 0 {
			return &ElementError{Attr: "chrom_maxorder", Err: fmt.Errorf("must not be negative, got %d", o)}
		}
		order = o
	}
	for _, n := range [...]string{"chromx_arr", "chromy_arr"} {
		c, err := attrArray(el, n, true)
		if err != nil {
			return err
		}
		if len(c) < order {
			return &ElementError{Attr: n, Err: fmt.Errorf("want at least chrom_maxorder = %d values, got %d", order, len(c))}
		}
		p = append(p, c[:order]...)
	}
	rec.ChromOrder = int32(order)
	return putLumped(el, rec, pool, p)
}

// putLumped appends p to the pool as the record's Lumped array, refusing
// values that are not finite.
func putLumped(el *Element, rec *device.Element, pool *[]float64, p []float64) error {
	for _, v := range p {
		if !attrval.Finite(v) {
			return &ElementError{Err: fmt.Errorf("%s parameters are not finite: %v", el.PassMethod, p)}
		}
	}
	rec.Lumped = int32(len(*pool))
	*pool = append(*pool, p...)
	return nil
}
