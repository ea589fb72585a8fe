// Package pyatelem is the part of PyAT's lattice loading that does not
// depend on the file format: building AT elements as PyAT's element
// classes construct them, and deriving the ring properties as PyAT's
// Lattice does. The .m reader (tracking/atm, PyAT's load_m) and the .mat
// reader (tracking/atmat, PyAT's load_mat) parse their format into their
// own values, then use this package through a Values implementation;
// each keeps the choice of the class (load_m's constructor name and
// argument order, load_mat's find_class) and its error wrapping (file
// and line, or variable and element).
//
// What is here:
//   - Dict, the insertion-ordered Python dict the constructors work on;
//   - Class and the classes (Drift, Quadrupole, RFCavity, ...), ClassMap
//     (_CLASS_MAP), PassMap (_PASS_MAP), the attribute conversions
//     (Conv), TransformAttrs and Sanitise (sanitise_class's warnings);
//   - FromDict and FromFile: element_from_dict's construction and
//     Element.from_file with the class constructors (Element.__init__,
//     defaults, RingParam, SimpleQuantDiff, SimpleRadiation, the
//     multipole chain), over a reader's Values;
//   - Polynoms, PopPolynoms, Strengths, KProperty, RetryWithout: the
//     PolynomA/PolynomB, K/H and MaxOrder rules of ThinMultipole;
//   - ItemOrder and ToElement: the attribute order of Element.items() and
//     the tracking.Element of a built element;
//   - Lattice (with the reader's Hooks), Filter, Derive, GetsEnergy,
//     RingParamKey, ExtraProperty: PyAT's ringparam_filter and
//     params_filter, the ring properties of Lattice.__init__ (energy,
//     periodicity, harmonic number, nbunch, extra properties) and its
//     energy setter;
//   - KnownParticles, KnownParticle, NewParticle and ParticleFromFields:
//     PyAT's Particle.
//
// Errors about one attribute are *AttrError, strength conflicts
// *ConflictError (PyAT's AtError); the readers say where they are.
package pyatelem
