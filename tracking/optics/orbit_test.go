package optics

import (
	"fmt"
	"strings"
	"testing"
)

// TestFindOrbit6 compares FindOrbit6 with PyAT's find_orbit6 on every 6D
// block, and checks PyAT's error where PyAT raised one.
func TestFindOrbit6(t *testing.T) {
	for _, name := range refNames {
		f, blocks := loadRef(t, name)
		for _, block := range []string{"as_loaded_6d", "radiation_on_6d"} {
			b, ok := blocks[block]
			if !ok {
				continue
			}
			t.Run(name+"/"+block, func(t *testing.T) {
				lat := blockLattice(t, f, b, block)
				var want []float64
				ok, perr := field(t, b, "orbit6", "orbit", &want)
				o, err := FindOrbit6(lat, nil, nil)
				if perr != "" {
					if err == nil || !strings.Contains(strings.ToLower(err.Error()), "no cavity") {
						t.Fatalf("PyAT: %s; gotrack: %v", perr, err)
					}
					t.Logf("error as PyAT: %v", err)
					return
				}
				if !ok {
					t.Fatal("no orbit6 in the reference")
				}
				if err != nil {
					t.Fatal(err)
				}
				md := maxDiff{name: "orbit6", tol: tolOrbit}
				for i := range want {
					md.add(t, o.Orbit0[i], want[i], fmt.Sprint("coord ", i))
				}
				md.report(t)
			})
		}
	}
}

// TestFindM66 compares FindM66 (one-turn matrix) with PyAT's find_m66 on
// every block.
func TestFindM66(t *testing.T) {
	for _, name := range refNames {
		f, blocks := loadRef(t, name)
		for block, b := range blocks {
			t.Run(name+"/"+block, func(t *testing.T) {
				lat := blockLattice(t, f, b, block)
				var want [][]float64
				ok, perr := field(t, b, "m66", "matrix", &want)
				m, _, err := FindM66(lat, nil, nil, nil)
				if perr != "" {
					if err == nil {
						t.Fatalf("PyAT: %s; gotrack no error", perr)
					}
					return
				}
				if !ok {
					t.Fatal("no m66 in the reference")
				}
				if err != nil {
					t.Fatal(err)
				}
				md := maxDiff{name: "m66", tol: tolMatrix}
				for i := range want {
					for j := range want[i] {
						md.add(t, m[i][j], want[i][j], fmt.Sprintf("[%d][%d]", i, j))
					}
				}
				md.report(t)
			})
		}
	}
}
