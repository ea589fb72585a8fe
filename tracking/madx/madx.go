package madx

import (
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strings"

	"github.com/gotrack/gotrack/tracking"
)

// Options controls how a MAD-X file is turned into a lattice.
type Options struct {
	// Use names the SEQUENCE or LINE to expand. When empty: the last USE
	// statement of the file, else a sequence named "ring" (PyAT's
	// default), else the only sequence or line of the file; with several
	// and none of these, Load fails and lists them.
	Use string
	// Energy, when > 0, replaces the BEAM energy [eV], as PyAT's energy=.
	Energy float64
	// Warn receives the warnings (one message for all the statements not
	// translated); nil discards them.
	Warn io.Writer
}

// Load reads a MAD-X file and returns the AT lattice of the selected
// sequence, as PyAT's at.load_madx.
func Load(path string, opt Options) (*tracking.Lattice, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load MAD-X file: %w", err)
	}
	return Parse(data, path, opt)
}

// Parse reads MAD-X text; name is the file name used in messages and to
// resolve CALL statements.
func Parse(data []byte, name string, opt Options) (*tracking.Lattice, error) {
	p := newParser()
	if err := p.parseSource(data, name, true); err != nil {
		return nil, err
	}
	lat, err := p.lattice(name, opt)
	p.flushWarnings(opt.Warn)
	if err != nil {
		return nil, err
	}
	lat.File = name
	return lat, nil
}

func (p *parser) flushWarnings(w io.Writer) {
	if w == nil {
		return
	}
	var msgs []string
	skipped := p.skippedReport() // adds the unknown commands to the report
	if r := p.unsupportedReport(); r != "" {
		msgs = append(msgs, r)
	}
	if len(p.defaulted) > 0 {
		var v []string
		for _, s := range p.defaulted {
			v = append(v, s)
		}
		sort.Strings(v)
		msgs = append(msgs, fmt.Sprintf("undefined variables set to the value of NONE (%s), as PyAT does: %s", p.lenient, strings.Join(v, ", ")))
	}
	if skipped != "" {
		msgs = append(msgs, skipped)
	}
	msgs = append(msgs, p.warnings...)
	for _, m := range msgs {
		fmt.Fprintf(w, "madx: %s\n", m)
	}
}

// skippedReport lists the statements never executed because a name they
// use is never defined (PyAT drops them silently).
func (p *parser) skippedReport() string {
	var lines []string
	for _, ps := range p.pending {
		if ps.reason != nil && ps.reason.name != "" && p.isCommandName(ps.st, ps.reason.name) && !p.pendingLabel(ps.reason.name) {
			p.unsupported("unknown command or element class "+strings.ToUpper(ps.st.cmdText), ps.st.where())
			continue
		}
		lines = append(lines, fmt.Sprintf("%s (%s)", ps.st.where(), p.reasonChain(ps.reason)))
	}
	if len(lines) == 0 {
		return ""
	}
	return "statements skipped because a name they use is not defined:\n  " + strings.Join(lines, "\n  ")
}

// chooseUse applies the rule documented on Options.Use.
func (p *parser) chooseUse(file string, opt Options) (string, *object, error) {
	list := func() string {
		s := p.sequences()
		if len(s) == 0 {
			return "the file defines no SEQUENCE or LINE"
		}
		return "the file defines " + strings.Join(s, ", ")
	}
	use := opt.Use
	if use == "" {
		switch {
		case len(p.uses) > 0:
			use = p.uses[len(p.uses)-1]
		case p.objs["ring"] != nil && (p.objs["ring"].kind == oSeq || p.objs["ring"].kind == oLine):
			use = "ring"
		default:
			s := p.sequences()
			if len(s) != 1 {
				return "", nil, fmt.Errorf("%s: no sequence selected and no USE statement: choose one with --use NAME (Options.Use, PyAT's use=): %s", file, list())
			}
			use = s[0]
		}
	}
	o, ok := p.objs[normName(use)]
	if !ok || (o.kind != oSeq && o.kind != oLine) {
		return "", nil, fmt.Errorf("%s: no SEQUENCE or LINE named %q: %s", file, use, list())
	}
	return use, o, nil
}

// lattice builds the AT lattice (PyAT's MadxParser.lattice).
func (p *parser) lattice(file string, opt Options) (*tracking.Lattice, error) {
	if p.seqCur != nil {
		return nil, fmt.Errorf("%s:%d: SEQUENCE %s has no ENDSEQUENCE: add it", p.seqCur.file, p.seqCur.line, p.seqCur.name)
	}
	use, top, err := p.chooseUse(file, opt)
	if err != nil {
		return nil, err
	}
	b, ok := p.beams[top.key]
	if !ok {
		b = p.beams[""]
	}
	bp, err := p.resolveBeam(b, file)
	if err != nil {
		return nil, err
	}
	energy := bp.energy
	if opt.Energy > 0 {
		energy = opt.Energy
	}
	x := &expander{p: p}
	switch top.kind {
	case oSeq:
		err = x.sequence(top)
	default:
		err = x.line(top.items, false, fmt.Sprintf("%s:%d: LINE %s", top.file, top.line, top.name))
	}
	if err != nil {
		return nil, err
	}
	rest := bp.particle.RestEnergy
	beta := 1.0
	if rest != 0 {
		gamma := energy / rest
		beta = math.Sqrt(1.0 - 1.0/gamma/gamma)
	}
	cellLength := 0.0
	var cavities []*atElem
	for _, e := range x.out {
		if e.class == "RFCavity" {
			cavities = append(cavities, e)
		}
		cellLength += e.length()
	}
	rev := beta * clight / cellLength
	for _, c := range cavities {
		f := c.float("Frequency")
		h := c.attrs["HarmNumber"].(int64)
		if math.IsNaN(f) {
			c.attrs["Frequency"] = rev * float64(h)
		} else if h == 0 {
			r := math.RoundToEven(f / rev)
			if math.IsNaN(r) || math.IsInf(r, 0) || math.Abs(r) > 1e15 {
				return nil, fmt.Errorf("%s: RF cavity %s: cannot compute its harmonic number (frequency %v Hz, ring length %v m)", file, c.fam, f, cellLength)
			}
			c.attrs["HarmNumber"] = int64(r)
		}
	}
	// radiation (PyAT's enable_6d with its defaults)
	for _, e := range x.out {
		switch e.class {
		case "RFCavity":
			if bp.radiate {
				e.pass = "RFCavityPass"
			}
			e.attrs["Energy"] = energy
		case "Bend", "Quadrupole":
			if bp.radiate && strings.HasSuffix(e.pass, "Pass") && !strings.HasSuffix(e.pass, "RadPass") {
				e.pass = strings.TrimSuffix(e.pass, "Pass") + "RadPass"
				e.attrs["Energy"] = energy
			}
		}
	}
	// harmonic number (PyAT's params_filter and Lattice.__init__)
	harm := 0
	if len(cavities) > 0 {
		sorted := append([]*atElem(nil), cavities...)
		sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].float("Frequency") < sorted[j].float("Frequency") })
		c0 := sorted[0]
		ringH := c0.attrs["HarmNumber"].(int64)
		cellH := math.RoundToEven(c0.float("Frequency") * cellLength / (beta * clight))
		switch {
		case cellH > 0 && cellH < math.MaxInt32:
			harm = int(cellH)
		case ringH > 0 && ringH < math.MaxInt32:
			harm = int(ringH)
		}
	}
	nbunch := int64(0)
	if harm > 0 {
		nbunch = 1
	}
	lat := &tracking.Lattice{
		Name:           use,
		Energy:         energy,
		Particle:       bp.particle,
		Periodicity:    1,
		HarmonicNumber: harm,
		Properties: []tracking.Attr{
			{Name: "beam_current", Value: bp.current},
			{Name: "nbunch", Value: nbunch},
		},
	}
	for _, e := range x.out {
		for k, v := range e.attrs {
			if f, ok := v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
				return nil, fmt.Errorf("%s: element %s: %s is %v: give a finite value", file, e.fam, k, f)
			}
		}
		lat.Elements = append(lat.Elements, e.finish())
	}
	return lat, nil
}

// pendingLabel tells whether a postponed statement defines name.
func (p *parser) pendingLabel(name string) bool {
	for _, ps := range p.pending {
		if ps.st.label != "" && normName(ps.st.label) == name {
			return true
		}
	}
	return false
}
