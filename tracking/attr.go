package tracking

// Attr is one attribute of an element as read from an AT lattice file.
// Value is one of: float64, int64, string, []float64 (a vector),
// [][]float64 (a matrix, row lists: Value[i][j] = M[i,j]), or
// json.RawMessage for anything else (kept verbatim for writing back).
type Attr struct {
	Name  string
	Value any
}
