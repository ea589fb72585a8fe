package collective

// BeamMoments are the results of a BeamMomentsPass element:
// Means[pass][bunch][k] and Stds[pass][bunch][k] for the coordinates k =
// x, px, y, py, delta, ct over the live particles (AT's _means and _stds).
type BeamMoments struct {
	Element     int
	Means, Stds [][][6]float64
}
