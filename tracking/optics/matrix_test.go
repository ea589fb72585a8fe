package optics

import (
	"math"
	"strings"
	"testing"

	_ "github.com/gotrack/gotrack/host" // the "cpu-go" backend
)

// TestMatricesAtRefpts checks the transfer matrices FindM44 and FindM66
// return at refpts: identity at the entrance, the one-turn matrix at the
// end (refpt len(Elements)), and the same matrices whichever backend
// tracks them ("cpu", the kernel source, and "cpu-go").
func TestMatricesAtRefpts(t *testing.T) {
	f, blocks := loadRef(t, "hmba")
	for _, block := range []string{"4d", "radiation_on_6d"} {
		lat := blockLattice(t, f, blocks[block], block)
		n := len(lat.Elements)
		refpts := []int{0, n / 2, n}
		m, st, err := FindM66(lat, refpts, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		goM, goSt, err := FindM66(lat, refpts, nil, &Options{Device: "cpu-go"})
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 6; i++ {
			for j := 0; j < 6; j++ {
				id := 0.0
				if i == j {
					id = 1
				}
				if d := math.Abs(st[0][i][j] - id); d > tolMatrix {
					t.Errorf("%s: M66 at refpt 0 [%d][%d] = %g", block, i, j, st[0][i][j])
				}
				if st[2][i][j] != m[i][j] {
					t.Errorf("%s: M66 at the end [%d][%d] = %g, one-turn %g", block, i, j, st[2][i][j], m[i][j])
				}
				for k := range refpts {
					if d := math.Abs(goSt[k][i][j] - st[k][i][j]); d > tolMatrix {
						t.Errorf("%s: cpu-go M66 at refpt %d [%d][%d] differs by %.3g", block, refpts[k], i, j, d)
					}
				}
				if d := math.Abs(goM[i][j] - m[i][j]); d > tolMatrix {
					t.Errorf("%s: cpu-go one-turn M66 [%d][%d] differs by %.3g", block, i, j, d)
				}
			}
		}
		if block != "4d" {
			continue
		}
		m4, st4, err := FindM44(lat, 0, refpts, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 4; i++ {
			for j := 0; j < 4; j++ {
				if st4[2][i][j] != m4[i][j] || math.Abs(m4[i][j]-m[i][j]) > tolMatrix {
					t.Errorf("M44 [%d][%d]: end %g, one-turn %g, M66 %g", i, j, st4[2][i][j], m4[i][j], m[i][j])
				}
			}
		}
	}
}

// TestErrors checks the errors: bad refpts, a lattice without cavity for
// FindOrbit6, a Newton search that cannot converge in the iterations
// allowed, and particles lost in the finite differences.
func TestErrors(t *testing.T) {
	f, blocks := loadRef(t, "hmba")
	lat := blockLattice(t, f, blocks["radiation_on_6d"], "radiation_on_6d")
	if _, err := FindOrbit6(lat, []int{3, 2}, nil); err == nil || !strings.Contains(err.Error(), "increasing") {
		t.Errorf("unsorted refpts: %v", err)
	}
	if _, _, err := FindM66(lat, []int{len(lat.Elements) + 1}, nil, nil); err == nil || !strings.Contains(err.Error(), "out of range") {
		t.Errorf("refpt out of range: %v", err)
	}
	if _, err := FindOrbit6(Disable6D(lat), nil, nil); err == nil || !strings.HasPrefix(err.Error(), "find_orbit6: the lattice is 4D") {
		t.Errorf("4D lattice: %v", err)
	}
	_, err := FindOrbit6(lat, nil, &Options{MaxIterations: 1})
	if err == nil || !strings.HasPrefix(err.Error(), "find_orbit6: Newton did not converge in 1 iterations (|dx| ") {
		t.Errorf("one iteration: %v", err)
	}
	if _, err := FindOrbit4(Disable6D(lat), -1, nil, nil); err == nil || !strings.HasPrefix(err.Error(), "find_orbit4: iteration 1: ") {
		t.Errorf("dp -1: %v", err)
	} else {
		t.Logf("dp -1: %v", err)
	}
}
