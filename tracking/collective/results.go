package collective

// Results are what the collective elements of a run computed, in lattice
// order (tracking.Result embeds them).
type Results struct {
	// Wakes are the turn histories of the WakeFieldPass elements.
	Wakes []WakeHistory
	// BeamMoments are the results of the BeamMomentsPass elements.
	BeamMoments []BeamMoments
	// SliceMoments are the results of the SliceMomentsPass elements.
	SliceMoments []SliceMoments
}
