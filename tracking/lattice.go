package tracking

import (
	"fmt"
	"sort"
	"strings"

	"github.com/gotrack/gotrack/device"
)

// Lattice is an ordered list of elements with PyAT's ring properties.
type Lattice struct {
	Name           string
	Energy         float64 // reference energy [eV]
	Particle       Particle
	Periodicity    int
	HarmonicNumber int
	// Properties holds the other ring properties of the file (beam_current,
	// nbunch, ...) in file order, kept for writing back.
	Properties []Attr
	Elements   []*Element
	// FillPattern is the relative charge of each RF bucket (PyAT's
	// fillpattern, normalised to sum 1 when used); nil means one bunch in
	// bucket 0. PyAT's JSON files do not carry it. See Bunches.
	FillPattern []float64
	// BunchCurrents and BunchSpos, when set, override the bunch currents
	// [A] and positions [m] derived from FillPattern (see Bunches).
	BunchCurrents []float64
	BunchSpos     []float64
	// File is where the lattice was read from ("" when built in code); it
	// prefixes error messages.
	File string
	// ATVersion is the "at_version" of the file, written back unchanged.
	ATVersion string
}

// Length returns the sum of the element lengths, left to right, as AT
// computes RingLength.
func (l *Lattice) Length() float64 {
	s := 0.0
	for _, e := range l.Elements {
		s += e.Length()
	}
	return s
}

// Circumference returns Length times Periodicity (at least 1).
func (l *Lattice) Circumference() float64 {
	p := l.Periodicity
	if p < 1 {
		p = 1
	}
	return l.Length() * float64(p)
}

// Is6D reports whether PyAT would call the lattice 6D: an RF cavity
// passmethod with non-zero voltage, a crab cavity (CrabCavityPass) or a
// radiating passmethod is present.
func (l *Lattice) Is6D() bool {
	for _, e := range l.Elements {
		m, ok := device.MethodByName(e.PassMethod)
		if !ok {
			continue
		}
		if m.Radiating() || m == device.CrabCavityPass {
			return true
		}
		if m == device.RFCavityPass || m == device.CavityPass {
			if v, ok, _ := e.Float("Voltage"); ok && v != 0 {
				return true
			}
		}
	}
	return false
}

// maxElements bounds the elements of a repeated lattice: far above any
// real ring, it turns a mistyped periodicity into an error rather than an
// allocation the machine cannot make.
const maxElements = 1 << 24

// Repeat returns a new lattice made of n copies of l's elements (deep
// copies), with Periodicity divided accordingly (at least 1). Repeat(l.Periodicity)
// turns one cell of a periodic ring into the full ring. More than 2^24
// elements in all is an error (a periodicity read from a file may be
// anything).
func (l *Lattice) Repeat(n int) (*Lattice, error) {
	if n < 1 {
		n = 1
	}
	if total := float64(n) * float64(len(l.Elements)); total > maxElements {
		return nil, fmt.Errorf("repeat: %d copies of %d elements is more than the %d elements gotrack holds", n, len(l.Elements), maxElements)
	}
	c := *l
	c.Elements = make([]*Element, 0, n*len(l.Elements))
	for k := 0; k < n; k++ {
		for _, e := range l.Elements {
			c.Elements = append(c.Elements, e.Clone())
		}
	}
	c.Properties = append([]Attr(nil), l.Properties...)
	if l.Periodicity > 0 {
		c.Periodicity = l.Periodicity / n
		if c.Periodicity < 1 {
			c.Periodicity = 1
		}
	}
	return &c, nil
}

// Summary describes the lattice in a few lines: name, elements, length,
// energy, particle, and the passmethods with their counts.
func (l *Lattice) Summary() string {
	var b strings.Builder
	name := l.Name
	if name == "" {
		name = "(unnamed)"
	}
	fmt.Fprintf(&b, "lattice:        %s\n", name)
	if l.File != "" {
		fmt.Fprintf(&b, "file:           %s\n", l.File)
	}
	fmt.Fprintf(&b, "elements:       %d\n", len(l.Elements))
	fmt.Fprintf(&b, "length:         %.9g m (periodicity %d, circumference %.9g m)\n", l.Length(), l.Periodicity, l.Circumference())
	fmt.Fprintf(&b, "energy:         %.9g eV\n", l.Energy)
	fmt.Fprintf(&b, "particle:       %s (rest energy %g eV, charge %g)\n", l.Particle.Name, l.Particle.RestEnergy, l.Particle.Charge)
	fmt.Fprintf(&b, "harmonic:       %d\n", l.HarmonicNumber)
	dim := "4D"
	if l.Is6D() {
		dim = "6D"
	}
	fmt.Fprintf(&b, "dynamics:       %s\n", dim)
	counts := map[string]int{}
	for _, e := range l.Elements {
		counts[e.PassMethod]++
	}
	names := make([]string, 0, len(counts))
	for n := range counts {
		names = append(names, n)
	}
	sort.Strings(names)
	b.WriteString("passmethods:\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  %-28s %d\n", n, counts[n])
	}
	return b.String()
}
