// Package collective is the physics of the elements that need the whole
// beam, PyAT's at.collective: wake fields (WakeFieldPass: AT's slicing in
// ct per bunch, the multi-turn history and the kicks), beam moments
// (BeamMomentsPass), slice moments (SliceMomentsPass) and the per-turn
// beam moments of tracking.Options.Moments (TurnMoments). It also builds
// PyAT's analytic wake tables: resonators and resistive walls
// (LongResonatorWake, TransverseResonatorWake, ResWallWake, WakeTable),
// on PyAT's abscissae (WakeSRange, BuildSRange, Arange).
//
// Package tracking compiles the collective elements of a lattice with
// Compile and runs them between segments (fences) on the beam where it
// lives (device.Collective); sums over particles are exact fixed-point
// sums, so results do not depend on threads, tiles, GPU blocks or MPI
// ranks. Bad attributes (from a lattice file) are *AttrError, never
// panics.
package collective
