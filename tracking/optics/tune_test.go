package optics

import (
	"fmt"
	"testing"
)

// TestFindOrbit4AndM44 compares FindOrbit4 and FindM44 at dp = 0 with
// PyAT's find_orbit4 and find_m44 on every 4d block.
func TestFindOrbit4AndM44(t *testing.T) {
	for _, name := range refNames {
		f, blocks := loadRef(t, name)
		b := blocks["4d"]
		t.Run(name, func(t *testing.T) {
			lat := blockLattice(t, f, b, "4d")
			var orbit []float64
			var m44 [][]float64
			if ok, _ := field(t, b, "orbit4", "orbit", &orbit); !ok {
				t.Fatal("no orbit4")
			}
			if ok, _ := field(t, b, "m44", "matrix", &m44); !ok {
				t.Fatal("no m44")
			}
			o, err := FindOrbit4(lat, 0, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			mo := maxDiff{name: "orbit4", tol: tolOrbit}
			for i := range orbit {
				mo.add(t, o.Orbit0[i], orbit[i], fmt.Sprint("coord ", i))
			}
			m, _, err := FindM44(lat, 0, nil, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			mm := maxDiff{name: "m44", tol: tolMatrix}
			for i := range m44 {
				for j := range m44[i] {
					mm.add(t, m[i][j], m44[i][j], fmt.Sprintf("[%d][%d]", i, j))
				}
			}
			mo.report(t)
			mm.report(t)
		})
	}
}

// TestGetTuneChrom compares GetTune and GetChrom (full ring, periodicity
// applied) with PyAT's ring.get_tune() and ring.get_chrom() on every
// block.
func TestGetTuneChrom(t *testing.T) {
	for _, name := range refNames {
		f, blocks := loadRef(t, name)
		for block, b := range blocks {
			t.Run(name+"/"+block, func(t *testing.T) {
				lat := blockLattice(t, f, b, block)
				var tune, chrom []float64
				_, perr := field(t, b, "tune", "value", &tune)
				field(t, b, "chromaticity", "value", &chrom)
				q, err := GetTune(lat, nil)
				if perr != "" {
					if err == nil {
						t.Fatalf("PyAT: %s; gotrack no error", perr)
					}
					if _, err := GetChrom(lat, nil); err == nil {
						t.Fatalf("PyAT: %s; gotrack's GetChrom no error", perr)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				c, err := GetChrom(lat, nil)
				if err != nil {
					t.Fatal(err)
				}
				if len(q) != len(tune) || len(c) != len(chrom) {
					t.Fatalf("%d tunes, %d chromaticities; PyAT %d, %d", len(q), len(c), len(tune), len(chrom))
				}
				mt := maxDiff{name: "tune", tol: tolTune}
				mc := maxDiff{name: "chromaticity", tol: tolChrom}
				for i := range tune {
					mt.add(t, q[i], tune[i], fmt.Sprint("mode ", i))
					mc.add(t, c[i], chrom[i], fmt.Sprint("mode ", i))
				}
				mt.report(t)
				mc.report(t)
			})
		}
	}
}

// TestSwitch6D checks Disable6D and Enable6D against PyAT: the
// passmethods of the 4d block (disable_6d of the file), and, for hmba
// and dba, enable_6d of the 4D file gives the _6d lattice's passmethods
// element by element.
func TestSwitch6D(t *testing.T) {
	for _, name := range refNames {
		f, blocks := loadRef(t, name)
		t.Run(name, func(t *testing.T) {
			lat := loadLat(t, f.LatticeJSON)
			off := Disable6D(lat)
			if off.Is6D() {
				t.Error("Disable6D: still 6D")
			}
			var want []string
			field4 := blocks["4d"]
			if err := jsonField(field4, "passmethods", &want); err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, e := range off.Elements {
				got[e.PassMethod] = true
			}
			if len(got) != len(want) {
				t.Errorf("passmethods %v, PyAT %v", got, want)
			}
			for _, w := range want {
				if !got[w] {
					t.Errorf("passmethod %s missing (have %v)", w, got)
				}
			}
			if b, ok := blocks["radiation_on_6d"]; ok {
				six := blockLattice(t, f, b, "radiation_on_6d")
				on := Enable6D(lat)
				if !on.Is6D() {
					t.Error("Enable6D: not 6D")
				}
				if len(on.Elements) != len(six.Elements) {
					t.Fatalf("%d elements, _6d file %d", len(on.Elements), len(six.Elements))
				}
				for i := range on.Elements {
					if on.Elements[i].PassMethod != six.Elements[i].PassMethod {
						t.Errorf("element %d (%s): %s, PyAT's enable_6d %s", i, on.Elements[i].FamName, on.Elements[i].PassMethod, six.Elements[i].PassMethod)
					}
				}
				// and back: Disable6D of the _6d file is the 4D file,
				// element by element.
				back := Disable6D(six)
				for i := range back.Elements {
					if back.Elements[i].PassMethod != lat.Elements[i].PassMethod {
						t.Errorf("element %d (%s): Disable6D of the _6d file %s, 4D file %s", i, back.Elements[i].FamName, back.Elements[i].PassMethod, lat.Elements[i].PassMethod)
					}
				}
				// The switched lattice tracks as the _6d file: same 6D
				// closed orbit (or the same error).
				var orbit []float64
				ok, perr := field(t, b, "orbit6", "orbit", &orbit)
				o, err := FindOrbit6(on, nil, nil)
				switch {
				case perr != "":
					if err == nil {
						t.Errorf("PyAT: %s; gotrack no error", perr)
					}
				case !ok || err != nil:
					t.Errorf("orbit6 of Enable6D: %v (reference present %v)", err, ok)
				default:
					mo := maxDiff{name: "orbit6 on", tol: tolOrbit}
					for i := range orbit {
						mo.add(t, o.Orbit0[i], orbit[i], fmt.Sprint("coord ", i))
					}
					mo.report(t)
				}
			}
			for i, e := range lat.Elements {
				if off.Elements[i] != e && off.Elements[i].PassMethod == e.PassMethod {
					t.Errorf("element %d copied without change", i)
				}
			}
		})
	}
}
