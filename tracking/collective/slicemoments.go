package collective

// SliceMoments are the results of a SliceMomentsPass element for the
// passes StartTurn, StartTurn+1, ...: Means[k][bunch][slice] and
// Stds[k][bunch][slice] of (x, y, delta) over the live particles of each
// slice (NaN for an empty slice), Spos[k][bunch][slice] the slice centres
// (ct, without the bunch offset) and Weights[k][bunch][slice] the slice
// charges (AT's _means, _stds, _spos and _weights).
type SliceMoments struct {
	Element     int
	StartTurn   int
	Means, Stds [][][][3]float64
	Spos        [][][]float64
	Weights     [][][]float64
}
