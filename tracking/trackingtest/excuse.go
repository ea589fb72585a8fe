package trackingtest

// Excuse names a particle of a ring case that may differ from PyAT, with
// the evidence that it is chaotic (PyAT itself diverges under a 1e-15
// nudge).
type Excuse struct {
	Case     string
	Particle int
	Evidence string
}
