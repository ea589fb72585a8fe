package madx

import (
	"fmt"
	"math"
	"strings"

	"github.com/gotrack/gotrack/tracking"
)

// beamDef is a MAD-X BEAM: the default one, or one per SEQUENCE.
type beamDef struct {
	attrs map[string]*attr
	set   map[string]bool // attributes given in the file
}

func newBeam() *beamDef {
	return &beamDef{attrs: map[string]*attr{
		"particle": {val: strVal("positron")},
		"energy":   {val: floatVal(1.0)},
		"bcurrent": {val: floatVal(0.0)},
		"kbunch":   {val: intVal(1)},
		"radiate":  {val: boolVal(false)},
	}, set: map[string]bool{}}
}

// beamCmd executes BEAM: it updates the beam of SEQUENCE= (created from
// the defaults when new) or the default beam.
func (p *parser) beamCmd(st *stmt) error {
	seq := ""
	vals := make([]*attr, len(st.args))
	for i, a := range st.args {
		if a.key == "sequence" && !a.flag {
			if sn, ok := a.expr.(*strNode); ok {
				seq = normName(sn.s)
				continue
			}
		}
		v, err := p.evalArg(a, st.file)
		if err != nil {
			return err
		}
		vals[i] = v
	}
	b, ok := p.beams[seq]
	if !ok {
		b = newBeam()
		p.beams[seq] = b
	}
	for i, a := range st.args {
		if vals[i] == nil {
			continue
		}
		b.attrs[a.key] = vals[i]
		b.set[a.key] = true
	}
	return nil
}

// known particles as PyAT's Particle (rest energy in eV, charge).
var (
	eMass  = cE6 * 0.51099895000
	pMass  = cE6 * 938.27208816
	muMass = cE6 * 105.6583755
)

var particles = map[string]tracking.Particle{
	"relativistic": {Name: "relativistic", RestEnergy: 0, Charge: -1},
	"electron":     {Name: "electron", RestEnergy: eMass, Charge: -1},
	"positron":     {Name: "positron", RestEnergy: eMass, Charge: 1},
	"proton":       {Name: "proton", RestEnergy: pMass, Charge: 1},
	// PyAT gives the antiproton the muon mass
	"antiproton": {Name: "antiproton", RestEnergy: muMass, Charge: -1},
	"posmuon":    {Name: "posmuon", RestEnergy: muMass, Charge: 1},
	"negmuon":    {Name: "negmuon", RestEnergy: muMass, Charge: -1},
}

// beamProps is the resolved beam.
type beamProps struct {
	particle tracking.Particle
	energy   float64 // eV
	current  float64
	radiate  bool
}

// resolve computes particle and energy as PyAT's _Beam.resolve.
func (p *parser) resolveBeam(b *beamDef, where string) (beamProps, error) {
	var bp beamProps
	get := func(k string) (value, error) {
		v, err := p.ev.attrValue(b.attrs[k], "BEAM->"+k)
		if err != nil {
			return value{}, fmt.Errorf("%s: %w", where, err)
		}
		return v, nil
	}
	num := func(k string) (float64, error) {
		v, err := get(k)
		if err != nil {
			return 0, err
		}
		f, err := v.toFloat()
		if err != nil {
			return 0, fmt.Errorf("%s: BEAM, %s: %w", where, strings.ToUpper(k), err)
		}
		return f, nil
	}
	pv, err := get("particle")
	if err != nil {
		return bp, err
	}
	part, ok := particles[strings.ToLower(pv.String())]
	if !ok {
		return bp, fmt.Errorf("%s: BEAM, PARTICLE=%s is not supported: use electron, positron, proton, antiproton, posmuon or negmuon", where, pv)
	}
	bp.particle = part
	mass := cE9 * part.RestEnergy // GeV
	var gamma float64
	switch {
	// PyAT's default beam always holds ENERGY=1, so that PC, GAMMA, BETA
	// and BRHO are never used; here they are when ENERGY is not given.
	case b.set["energy"] || !(b.set["pc"] || b.set["gamma"] || b.set["beta"] || b.set["brho"]):
		e, err := num("energy")
		if err != nil {
			return bp, err
		}
		gamma = e / mass
	case b.set["pc"]:
		pc, err := num("pc")
		if err != nil {
			return bp, err
		}
		bg := pc / mass
		gamma = math.Sqrt(bg*bg + 1.0)
	case b.set["gamma"]:
		if gamma, err = num("gamma"); err != nil {
			return bp, err
		}
	case b.set["beta"]:
		beta, err := num("beta")
		if err != nil {
			return bp, err
		}
		gamma = 1.0 / math.Sqrt(1.0-beta*beta)
	default:
		brho, err := num("brho")
		if err != nil {
			return bp, err
		}
		bg := 1.0e-9 * brho * clight * math.Abs(part.Charge) / mass
		gamma = math.Sqrt(bg*bg + 1.0)
	}
	bp.energy = 1.0e09 * (gamma * mass)
	if bp.current, err = num("bcurrent"); err != nil {
		return bp, err
	}
	rv, err := get("radiate")
	if err != nil {
		return bp, err
	}
	switch rv.kind {
	case vBool:
		bp.radiate = rv.b
	default:
		f, err := rv.toFloat()
		if err != nil {
			return bp, fmt.Errorf("%s: BEAM, RADIATE: %w", where, err)
		}
		bp.radiate = f != 0
	}
	if math.IsNaN(bp.energy) || math.IsInf(bp.energy, 0) || bp.energy <= 0 {
		return bp, fmt.Errorf("%s: BEAM gives the energy %v eV: give a positive ENERGY (GeV)", where, bp.energy)
	}
	return bp, nil
}
