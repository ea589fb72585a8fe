// Command pairgen writes host/integrator_pairs.go: the two-particle
// versions of the 4th-order symplectic integrators (strSteps2, bndSteps2,
// strRadSteps2, bndRadSteps2). Each integrates two particles through the
// same slices, their operations interleaved so that the processor overlaps
// the two independent dependency chains; each particle sees exactly the
// operations of the one-particle version in integrator.go, so the results
// are the same bit for bit.
//
// The code is written out rather than looped over the two particles
// because Go keeps scalar locals in registers but not small arrays. Every
// floating-point product that feeds an addition or subtraction is wrapped
// in float64(...), which forbids fused multiply-add (see host/doc.go).
//
// Run it with "go generate ./host".
package main

import (
	"bytes"
	"fmt"
	"go/format"
	"log"
	"os"
	"regexp"
	"strings"
)

// lane names one particle's coordinates in the generated code; other
// template variables get the lane's suffix.
type lane struct {
	names  map[string]string
	suffix string
	// drift lengths for the non-radiating integrators (normalised per
	// particle); the radiating ones share l1, l2.
	l1, l2 string
}

var lanes = []lane{
	{map[string]string{"x": "x", "px": "px", "y": "y", "py": "py", "d": "d", "ct": "ct"}, "0", "nl1", "nl2"},
	{map[string]string{"x": "u", "px": "pu", "y": "v", "py": "pv", "d": "e", "ct": "cu"}, "1", "ml1", "ml2"},
}

// field evaluates the multipole polynomial by Horner's rule.
const field = `$re, $im = b[maxOrder], a[maxOrder]
for i := maxOrder - 1; i >= 0; i-- {
	t := float64($re*$x) - float64($im*$y) + b[i]
	$im = float64($im*$x) + float64($re*$y) + a[i]
	$re = t
}
`

// fastDrift: AT's fastdrift with the normalised length $L.
const fastDrift = "$x, $y, $ct = fastDrift($x, $px, $y, $py, $d, $ct, $L)\n"

// strKick: AT's strthinkick.
const strKick = field + `$px -= float64($K * $re)
$py += float64($K * $im)
`

// bndThinKick: AT's bndthinkick.
const bndThinKick = field + `$px -= float64($K * ($re - float64(($d-float64($x*irho))*irho)))
$py += float64($K * $im)
$ct += float64($K * irho * $x)
`

// drift6: AT's ATdrift6 of physical length $L.
const drift6 = `$pN = 1 / (1 + $d)
$nL = $L * $pN
$x += float64($nL * $px)
$y += float64($nL * $py)
$ct += $nL * $pN * (float64($px*$px) + float64($py*$py)) / 2
`

// strRadKick: strthinkick with classical radiation (diff_str_kick).
const strRadKick = field + `$pN = 1.0 / (1.0 + $d)
$xpr = $px * $pN
$ypr = $py * $pN
$vn = 1.0 / (1.0 + float64($xpr*$xpr) + float64($ypr*$ypr))
$b2p = (float64($re*$re) + float64($im*$im) + float64((float64($im*$ypr)-float64($re*$xpr))*(float64($im*$ypr)-float64($re*$xpr)))) * $vn
$fac = (1.0 + (float64($xpr*$xpr)+float64($ypr*$ypr))/2.0) / ($pN * $pN) * $K
$d -= float64(rc * $b2p * $fac)
$pN = 1.0 / (1.0 + $d)
$px = $xpr / $pN
$py = $ypr / $pN
$px -= float64($K * $re)
$py += float64($K * $im)
`

// bndRadKick: bndthinkick with classical radiation (diff_bnd_kick).
const bndRadKick = field + `$pN = 1.0 / (1.0 + $d)
$xpr = $px * $pN
$ypr = $py * $pN
$by = $re + irho
$vn = 1.0 / (float64((1.0+float64($x*irho))*(1.0+float64($x*irho))) + float64($xpr*$xpr) + float64($ypr*$ypr))
$b2p = (float64(($by*(1+float64($x*irho)))*($by*(1+float64($x*irho)))) + float64(($im*(1+float64($x*irho)))*($im*(1+float64($x*irho)))) + float64((float64($im*$ypr)-float64($by*$xpr))*(float64($im*$ypr)-float64($by*$xpr)))) * $vn
$fac = (1.0 + float64($x*irho) + (float64($xpr*$xpr)+float64($ypr*$ypr))/2.0) / ($pN * $pN) * $K
$dp0 = $d
$d -= float64(rc * $b2p * $fac)
$pN = 1.0 / (1.0 + $d)
$px = $xpr / $pN
$py = $ypr / $pN
$px -= float64($K * ($re - float64(($dp0-float64($x*irho))*irho)))
$py += float64($K * $im)
$ct += float64($K * irho * $x)
`

var placeholder = regexp.MustCompile(`\$(\w+)`)

// expand instantiates a template for one lane, step length and kick.
func expand(tmpl string, l lane, length, kick string) string {
	return placeholder.ReplaceAllStringFunc(tmpl, func(m string) string {
		k := m[1:]
		switch {
		case k == "L":
			return length
		case k == "K":
			return kick
		case l.names[k] != "":
			return l.names[k]
		}
		return k + l.suffix
	})
}

// integrator describes one generated function.
type integrator struct {
	name, doc, params string
	unpack            string // the fields of s the body uses, as locals
	drift, kick       string
	perLaneLengths    bool     // drift lengths normalised per particle (nl*, ml*)
	temps             []string // per-lane temporaries
}

func (g integrator) write(b *bytes.Buffer) {
	if g.params != "" {
		fmt.Fprintf(b, "// %s %s\nfunc %s(r, q *Particle, s *steps, %s float64) {\n", g.name, g.doc, g.name, g.params)
	} else {
		fmt.Fprintf(b, "// %s %s\nfunc %s(r, q *Particle, s *steps) {\n", g.name, g.doc, g.name)
	}
	fmt.Fprintf(b, "a, b, maxOrder, nsteps, %s := s.a, s.b, s.maxOrder, s.nsteps, s.%s\n", g.unpack, strings.ReplaceAll(g.unpack, ", ", ", s."))
	b.WriteString("x, px, y, py, d, ct := r[0], r[1], r[2], r[3], r[4], r[5]\n")
	b.WriteString("u, pu, v, pv, e, cu := q[0], q[1], q[2], q[3], q[4], q[5]\n")
	b.WriteString("_, _ = a[maxOrder], b[maxOrder]\n")
	var decl []string
	for _, l := range lanes {
		for _, t := range g.temps {
			decl = append(decl, t+l.suffix)
		}
	}
	fmt.Fprintf(b, "var %s float64\n", strings.Join(decl, ", "))
	b.WriteString("for m := 0; m < nsteps; m++ {\n")
	// The Yoshida sequence: drift l1, kick k1, drift l2, kick k2, drift l2,
	// kick k1, drift l1.
	steps := []struct {
		drift bool
		which string
	}{{true, "1"}, {false, "1"}, {true, "2"}, {false, "2"}, {true, "2"}, {false, "1"}, {true, "1"}}
	for _, s := range steps {
		for _, l := range lanes {
			if s.drift {
				length := "l" + s.which
				if g.perLaneLengths {
					length = map[string]string{"1": l.l1, "2": l.l2}[s.which]
				}
				b.WriteString(expand(g.drift, l, length, ""))
			} else {
				b.WriteString(expand(g.kick, l, "", "k"+s.which))
			}
		}
	}
	b.WriteString("}\n")
	b.WriteString("r[0], r[1], r[2], r[3], r[4], r[5] = x, px, y, py, d, ct\n")
	b.WriteString("q[0], q[1], q[2], q[3], q[4], q[5] = u, pu, v, pv, e, cu\n}\n\n")
}

func main() {
	out := "integrator_pairs.go"
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	gens := []integrator{
		{"strSteps2", "is strSteps on the two particles r and q; nl1, nl2 are r's normalised drift lengths, ml1, ml2 q's.",
			"nl1, nl2, ml1, ml2", "k1, k2", fastDrift, strKick, true, []string{"re", "im"}},
		{"bndSteps2", "is bndSteps on the two particles r and q; nl1, nl2 are r's normalised drift lengths, ml1, ml2 q's.",
			"nl1, nl2, ml1, ml2", "k1, k2, irho", fastDrift, bndThinKick, true, []string{"re", "im"}},
		{"strRadSteps2", "is strRadSteps on the two particles r and q.",
			"", "l1, l2, k1, k2, rc", drift6, strRadKick, false, []string{"re", "im", "pN", "nL", "xpr", "ypr", "b2p", "fac", "vn"}},
		{"bndRadSteps2", "is bndRadSteps on the two particles r and q.",
			"", "l1, l2, k1, k2, irho, rc", drift6, bndRadKick, false, []string{"re", "im", "pN", "nL", "xpr", "ypr", "b2p", "fac", "vn", "dp0", "by"}},
	}
	var b bytes.Buffer
	b.WriteString("// Code generated by go run ./internal/pairgen; DO NOT EDIT.\n\n")
	b.WriteString("package host\n\n")
	b.WriteString("// The two-particle integrators: see internal/pairgen for why and how.\n\n")
	for _, g := range gens {
		g.write(&b)
	}
	src, err := format.Source(b.Bytes())
	if err != nil {
		log.Fatalf("pairgen: format: %v\n%s", err, b.Bytes())
	}
	if err := os.WriteFile(out, src, 0o644); err != nil {
		log.Fatalf("pairgen: %v", err)
	}
}
