// Package tracking is gotrack's user-facing API: AT lattices (read from and
// written to PyAT's JSON format), beams, and tracking them turn after turn
// on a backend (the CPU by default, a GPU where one is registered).
//
// A lattice is compiled into a device.Plan (a flat table of element records
// and a coefficient pool) that every backend executes. Results follow
// PyAT's conventions: AT's 6D coordinates (x, px, y, py, delta, ct), lost
// particles reading (NaN, 0, 0, 0, 0, 0), a loss record with the turn,
// element and coordinates at loss, and monitors at chosen refpts.
//
// The plan is cut into segments of elements that treat particles one by
// one. Between segments run the fences: collective elements
// (WakeFieldPass, BeamMomentsPass, SliceMomentsPass), which compute from
// the whole beam where it lives through device.Collective; programmable
// elements (user code, see Programmable); and hooks, user functions
// called before or after turns and chosen elements (see Hook). Per-turn
// beam moments (Options.Moments) use the same whole-beam sums. A beam
// split over MPI ranks combines those sums through Options.Exchange, and
// gives the same results as one process, bit for bit.
package tracking
