package tracking

// Particle is PyAT's particle description.
type Particle struct {
	Name       string  // e.g. "relativistic", "electron", "proton"
	RestEnergy float64 // eV; 0 for "relativistic"
	Charge     float64 // elementary charges
}
