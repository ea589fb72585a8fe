package main

// rankSummary is one rank of a multi-rank (MPI) run in summary.json.
type rankSummary struct {
	Rank int `json:"rank"`
	// First and Particles are the rank's slice of the beam: particles
	// First..First+Particles-1.
	First     int `json:"first"`
	Particles int `json:"particles"`
	// WallS is the time the rank spent tracking its slice, in seconds.
	WallS float64 `json:"wall_s"`
	// GPU is the ordinal of the GPU the rank tracked on, null when its
	// backend was the CPU.
	GPU *int `json:"gpu"`
	// Device describes the rank's backend.
	Device string `json:"device"`
}
