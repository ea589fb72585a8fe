// Package tracking is gotrack's user-facing API: AT lattices (read from and
// written to PyAT's JSON format), beams, and tracking them turn after turn
// on a backend (the CPU by default, a GPU where one is registered).
//
// A lattice is compiled into a device.Plan (a flat table of element records
// and a coefficient pool) that every backend executes. Results follow
// PyAT's conventions: AT's 6D coordinates (x, px, y, py, delta, ct), lost
// particles reading (NaN, 0, 0, 0, 0, 0), a loss record with the turn,
// element and coordinates at loss, and monitors at chosen refpts.
package tracking
