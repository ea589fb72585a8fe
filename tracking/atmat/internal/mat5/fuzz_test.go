package mat5

import (
	"os"
	"testing"
)

// FuzzDecode: any input decodes or gives an error, without panicking,
// and what decodes is consistent: data lengths match the dimensions.
func FuzzDecode(f *testing.F) {
	for _, name := range []string{"hmba", "dba"} {
		data, err := os.ReadFile("../../testdata/" + name + ".mat")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, b := range builders {
		f.Add(b.File(
			b.Cell("RING", []int{2, 1},
				b.Elem("FamName", "QF", "PassMethod", "StrMPoleSymplectic4Pass", "PolynomB", []float64{0, 1.2}),
				b.StructArray("", []int{1, 2}, []string{"a"}, b.Char("", "x"), b.Matrix("", Int16, 0, []int{1, 2}, b.Numbers(TypeInt16, 1, -2)))),
			b.Matrix("Z", Double, 0x800, []int{1, 1}, b.Numbers(TypeDouble, 1), b.Numbers(TypeDouble, 2)),
		))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Decode(data)
		if err != nil {
			return
		}
		var check func(a *Array)
		check = func(a *Array) {
			n := a.Len()
			switch {
			case a.Class == Cell:
				if len(a.Cells) != n {
					t.Fatalf("%s: %d cells", a.Describe(), len(a.Cells))
				}
				for _, c := range a.Cells {
					check(c)
				}
			case a.Class == Struct:
				if len(a.Fields) > 0 && len(a.Values) != n {
					t.Fatalf("%s: %d struct elements", a.Describe(), len(a.Values))
				}
				for _, v := range a.Values {
					for _, x := range v {
						check(x)
					}
				}
			case a.Class == Char:
				if len(a.Runes) != n {
					t.Fatalf("%s: %d characters", a.Describe(), len(a.Runes))
				}
				a.Rows()
			default:
				if len(a.Real) != n || a.Complex && len(a.Imag) != n {
					t.Fatalf("%s: %d values", a.Describe(), len(a.Real))
				}
			}
		}
		for _, v := range file.Vars {
			check(v)
		}
	})
}
