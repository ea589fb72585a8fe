package tracking

import (
	"fmt"
	"math"
	"strings"

	"github.com/gotrack/gotrack/device"
)

// checkListed is the number of elements a lattice warning names before
// "and N more".
const checkListed = 3

// Check returns warnings about elements whose attributes contradict each
// other or that lose every particle, one line per kind of problem, each
// naming the file, the elements (index and FamName) and the attributes:
//
//   - a K (quadrupole) or H (sextupole) that differs from PolynomB[1] or
//     PolynomB[2]: gotrack, like AT's C integrators, tracks with
//     PolynomB, and K or H is then only a label;
//   - a bend (a Bnd* or BendLinearPass passmethod) of zero Length with a
//     non-zero BendingAngle: its curvature 1/rho = angle/length is
//     infinite, and every particle is lost there.
//
// A lattice that tracks as written gives none.
func (l *Lattice) Check() []string {
	var out []string
	type hit struct {
		i    int
		text string
	}
	report := func(hits []hit, what, why string) {
		if len(hits) == 0 {
			return
		}
		var names []string
		for _, h := range hits[:min(len(hits), checkListed)] {
			names = append(names, fmt.Sprintf("%d %s: %s", h.i, l.Elements[h.i].FamName, h.text))
		}
		more := ""
		if len(hits) > checkListed {
			more = fmt.Sprintf("; and %d more", len(hits)-checkListed)
		}
		where := ""
		if l.File != "" {
			where = l.File + ": "
		}
		out = append(out, fmt.Sprintf("%s%s in %s (%s%s): %s", where, what, device.CountNoun(len(hits), "element"), strings.Join(names, "; "), more, why))
	}
	var kb, hb, bend []hit
	for i, el := range l.Elements {
		pb, _ := el.Get("PolynomB")
		poly, _ := pb.([]float64)
		for _, c := range []struct {
			attr  string
			order int
			into  *[]hit
		}{{"K", 1, &kb}, {"H", 2, &hb}} {
			v, ok, err := el.Float(c.attr)
			if !ok || err != nil || len(poly) <= c.order {
				continue
			}
			if p := poly[c.order]; !closeEnough(v, p) {
				*c.into = append(*c.into, hit{i, fmt.Sprintf("%s %g, PolynomB[%d] %g", c.attr, v, c.order, p)})
			}
		}
		if strings.HasPrefix(el.PassMethod, "Bnd") || el.PassMethod == "BendLinearPass" {
			a, _, _ := el.Float("BendingAngle")
			if el.Length() == 0 && a != 0 {
				bend = append(bend, hit{i, fmt.Sprintf("%s, Length 0, BendingAngle %g", el.PassMethod, a)})
			}
		}
	}
	const poly = "gotrack, like AT's C integrators, tracks with PolynomB"
	report(kb, "K differs from PolynomB[1]", poly)
	report(hb, "H differs from PolynomB[2]", poly)
	report(bend, "a bend of zero Length", "its curvature BendingAngle/Length is infinite and every particle is lost there")
	return out
}

// closeEnough reports whether two attribute values agree to rounding.
func closeEnough(a, b float64) bool {
	return a == b || math.Abs(a-b) <= 1e-12*math.Max(math.Abs(a), math.Abs(b))
}
