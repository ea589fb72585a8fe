// Package optics answers PyAT's linear-optics questions about a lattice
// (closed orbits, one-turn and transfer matrices, tunes, chromaticities,
// momentum compaction, linopt6) by tracking through gotrack's engine.
//
// Every finite difference follows PyAT 0.8 (at/physics/orbit.py,
// matrix.py, linear.py, amat.py): the same step sizes (XYStep 3e-8,
// DPStep 3e-6), the same Newton iterations and convergence test
// (|dx| <= 1e-12, 20 iterations at most), the same central differences
// around the closed orbit. The 5, 7, 8 or 12 particles of one difference
// are tracked together as one beam in one tracking.Track call (one turn,
// all refpts at once), so they run on whichever backend Options selects:
// the CPU tiles, a GPU, MPI ranks.
//
// Lumped models (PyAT's at/physics/fastring.py and nonlinear.py):
// FastRing replaces a lattice by, per slice, an RF cavity and a
// Matrix66Pass element, followed by a DeltaQPass detuning element
// (GenDetuningElem: Twiss functions, chromaticities, the amplitude
// detuning of DetuningOf, measured by tracking and interpolated-FFT tunes
// as TunesVsAmp) and, with radiation, a QuantDiffPass diffusion element
// (GenQuantDiffElem); SimpleRing builds PyAT's simple_ring from global
// parameters (cavities, SimpleRadiationRadPass, SimpleQuantDiffPass,
// Matrix66Pass, DeltaQPass).
//
// Coordinates are AT's (x, px, y, py, delta, ct); refpts are element
// indices 0..len(Elements) as PyAT's, len(Elements) being the exit of the
// last element.
package optics
