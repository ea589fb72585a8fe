// Package pyatelem is the part of PyAT's lattice loading that does not
// depend on the file format: building AT elements as PyAT's element
// classes construct them, and deriving the ring properties as PyAT's
// Lattice does. The .m reader (tracking/atm) and the .mat reader
// (tracking/atmat) parse their format into values, then use this package;
// each keeps its own error wrapping (file and line, or variable and
// element).
//
// What is here:
//   - Dict, the insertion-ordered Python dict the constructors work on;
//   - KnownParticles, KnownParticle and NewParticle: PyAT's Particle;
//   - RingParamKey, ExtraProperty, Cell, Given, LowestFrequency and
//     Derive: PyAT's ringparam_filter, params_filter and the ring
//     properties of Lattice.__init__ (energy, periodicity, harmonic
//     number, nbunch).
package pyatelem
