// Package tracking is gotrack's user-facing API: AT lattices and their
// elements, beams, and tracking them turn after turn on a backend (the CPU
// by default, a GPU where one is registered) with Track and Options.
//
// Around it, by role:
//   - tracking/atjson reads and writes lattices in PyAT's JSON format
//     (LoadLattice, ParseLattice, SaveLattice);
//   - tracking/npy reads and writes numpy .npy files (beams, outputs);
//   - tracking/lattices holds the built-in lattice (Default, DefaultRing);
//   - tracking/optics answers PyAT's linear-optics questions (closed
//     orbits, transfer matrices, tunes, chromaticities, linopt6) by
//     tracking through the engine;
//   - tracking/collective is the physics of the collective elements
//     (wakes, beam and slice moments) and PyAT's analytic wake tables;
//   - tracking/trackingtest is the conformance suite every backend runs.
//
// A lattice is compiled into a device.Plan (a flat table of element records
// and a coefficient pool) that every backend executes. Results follow
// PyAT's conventions: AT's 6D coordinates (x, px, y, py, delta, ct), lost
// particles reading (NaN, 0, 0, 0, 0, 0), a loss record with the turn,
// element and coordinates at loss, and monitors at chosen refpts.
//
// The backend is chosen by Options.Device (a registered name) or
// Options.Open (a backend's constructor), and configured by
// Options.Backend (device.Config: CPU threads and tiles, the GPU, notes).
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
