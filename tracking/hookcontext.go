package tracking

// HookContext is what a hook receives.
type HookContext struct {
	// Turn is the turn being tracked (0-based, as PyAT counts).
	Turn int
	// Element is the index of the element the hook is attached to (-1
	// for turn hooks).
	Element int
	// Lattice is the lattice being tracked. Attribute changes made here
	// are compiled and reach the backend before tracking resumes.
	Lattice *Lattice
	// Beam gives access to the tracked beam: under MPI, to this rank's
	// part of it (each rank calls its hooks).
	Beam *BeamView
}
