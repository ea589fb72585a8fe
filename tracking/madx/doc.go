// Package madx reads MAD-X lattice files and builds the AT lattice that
// PyAT's at.load_madx builds from them (pyat/at/load/madx.py, with the
// generic parser of file_input.py): same elements in the same order, same
// family names, classes, passmethods, attribute names, order and types,
// same numbers bit for bit, same ring properties.
//
//	lat, err := madx.Load("ring.seq", madx.Options{Use: "ring", Energy: 6e9, Warn: os.Stderr})
//
// # Statements
//
//   - Variables: NAME = expr (evaluated at once), NAME := expr (deferred),
//     with the qualifiers CONST, REAL, INT and SHARED ignored.
//   - Expressions: numbers, + - * /, ^ (and **), unary minus, parentheses,
//     arrays {a, b, ...}, NAME->ATTR, the functions sqrt, exp, log, log10,
//     sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, erf, erfc, abs and
//     the MAD-X functions floor, ceil, round, frac and sinc, the constants
//     pi, twopi, e, degrad, raddeg, emass, pmass, nmass, umass, mumass,
//     hbar, erad, prad, clight, qelect, true and false (CODATA 2018, as
//     scipy.constants used by PyAT).
//   - Elements: LABEL: CLASS, attributes; LABEL: OTHER, attributes (copy);
//     NAME, attributes (update in place); NAME->ATTR = expr.
//   - SEQUENCE (L, REFER, REFPOS, AT, FROM) ... ENDSEQUENCE, with nested
//     sequences; entries NAME, AT=..., FROM=..., attributes, or
//     LABEL: CLASS-or-ELEMENT, AT=..., attributes.
//   - LINE: LABEL: LINE = (a, b, 3*c, -d, 2*(e, f), -(g, h)).
//   - BEAM (PARTICLE, ENERGY, PC, GAMMA, BETA, BRHO, BCURRENT, RADIATE,
//     SEQUENCE), USE (SEQUENCE or PERIOD), CALL (FILE, relative to the
//     calling file), RETURN.
//   - Comments: ! and // to the end of the line, /* ... */.
//
// Every other command is reported, with its lines, in one warning written
// to Options.Warn; those that change the lattice in MAD-X (EALIGN, EFCOMP,
// SEQEDIT, INSTALL, MAKETHIN, ...) are marked so.
//
// # Conversion (as PyAT)
//
// DRIFT: Drift. MARKER: Marker. QUADRUPOLE (L required, K1, K1S):
// Quadrupole. SEXTUPOLE (K2/2, K2S/2): Sextupole. OCTUPOLE (K3/6, K3S/6):
// Octupole. MULTIPOLE (KNL, KSL divided by n!): ThinMultipole. SBEND (L,
// ANGLE required, E1, E2, K1, K2/2, K1S, and with HGAP: FullGap=2 HGAP,
// FringeInt1=FINT, FringeInt2=FINTX or FINT): Bend. RBEND: Bend of arc
// length L/sinc(ANGLE/2) and edge angles |ANGLE|/2 + E1, E2. KICKER
// (HKICK, VKICK), HKICKER and VKICKER (KICK): Corrector. RFCAVITY (VOLT
// MV, FREQ MHz, HARMON; LAG ignored): RFCavity with IdentityPass (L=0) or
// DriftPass; a missing FREQ is HARMON times the revolution frequency and a
// missing HARMON is rounded from FREQ. MONITOR, HMONITOR, VMONITOR,
// INSTRUMENT: Monitor, between two drifts NAME.1 of L/2 when L > 0.
// SOLENOID, RFMULTIPOLE, CRABCAVITY, ELSEPARATOR, COLLIMATOR, TKICKER:
// Marker (L=0) or Drift. TILT gives R1 and R2, KTAP gives Scaling=1+KTAP;
// every element gets origin = its MAD-X class. In a SEQUENCE, gaps longer
// than 1e-5 m become drifts drift_0, drift_1, ...; a negative gap is
// reported as an overlap. With RADIATE, dipoles and quadrupoles get the
// *RadPass passmethod and the Energy attribute and cavities RFCavityPass
// (PyAT's enable_6d). The lattice energy is the BEAM's (ENERGY in GeV,
// default 1) unless Options.Energy is set; the particle is the BEAM's
// (default positron); the harmonic number comes from the lowest-frequency
// cavity; nbunch is 1 with a cavity, 0 without.
//
// Expressions are evaluated as PyAT evaluates them, with Python's rules:
// integers are exact (so -0 gives +0.0, not -0.0), / is true division,
// -a^2 is -(a^2). An "=" value is computed when read; a statement using a
// name defined later is postponed and replayed at the end of the file, as
// PyAT does. A ":=" value made of numbers, builtin constants and functions
// only is computed when read (PyAT's _try_constant, which then takes the
// builtin constant even where a variable of the same name exists, e.g. E);
// any other ":=" value is kept and evaluated at each use, so it sees the
// final values of the variables; a definition that refers to itself,
// directly or not, is an error naming the cycle.
// The functions are those of Python's math module, i.e. of glibc: exp,
// log, sin, cos, atan, sqrt are computed correctly rounded with math/big
// (glibc's are correctly rounded in practice); sinh, cosh, tanh and log10
// follow glibc's fdlibm algorithms on top of them; pow, tan, asin and acos
// are correctly rounded, where glibc is off by one ulp on under 1% of
// the arguments; erf and erfc are Go's and may differ from glibc by a few
// ulps. TestCorrectRounding measures this against a table made with
// python3 on glibc 2.36 (Debian 12); newer glibc releases replace some of
// these functions by correctly rounded ones, which the table would show. PyAT computes the R1/R2 of a TILT with numpy's cos and sin:
// they are libm's, except with numpy's AVX-512 (SVML) code, which differs
// by one ulp on many arguments; R1/R2 here are libm's, correctly rounded.
//
// Undefined variables: as PyAT by default (strict), a variable that is
// never defined is an error when the selected lattice needs it, naming the
// variable, where it is used and how to define it. When the file defines
// the variable NONE (as MAD-X SAVE files do with "none = 0;"), PyAT gives
// its value to the undefined variables: so does this reader, listing them
// in a warning. Statements skipped for an undefined name are listed too.
//
// # Deviations from PyAT
//
//   - A value in parentheses is a number: "L=(a-b)/2" and
//     "x := (a/5)/2*(b)/sin(b/2)" are read as MAD-X does. PyAT takes any
//     value starting with "(" for an array and fails (the ESRF-EBS file
//     low_emit_s10E_save.seq: PyAT refuses it, this reader gives the
//     lattice PyAT makes from a copy patched to avoid the problem). Arrays
//     are {a, b} or (a, b) with a comma; KNL=(x) is a one-term array.
//
//   - Names and numbers are tokens: "sin (x)" works (PyAT turns the space
//     into a comma); attributes may still be separated by spaces.
//
//   - USE is honoured when Options.Use is empty (PyAT ignores it and
//     takes "ring"); with neither, a sequence "ring", else the only
//     SEQUENCE or LINE, else an error listing them.
//
//   - BEAM: PC, GAMMA, BETA and BRHO give the energy when ENERGY is not
//     given (PyAT's default BEAM always carries ENERGY=1 GeV, which hides
//     them). PARTICLE other than PyAT's named particles (ion, ...) is an
//     error (PyAT builds a particle with a rest energy in the wrong unit).
//     As PyAT, antiproton gets the muon mass.
//
//   - MAD-X functions PyAT lacks (floor, ceil, round, frac, sinc) are
//     evaluated (PyAT takes them for undefined names); an unknown function
//     is an error at once.
//
//   - Element classes PyAT does not know (RCOLLIMATOR, ECOLLIMATOR,
//     PLACEHOLDER, and MATRIX, SROTATION, DIPEDGE, ... that change the
//     optics) become a Marker or Drift and are reported (PyAT fails).
//
//   - NAME->ATTR = expr sets the attribute (PyAT stores a variable of that
//     name, without effect).
//
//   - LINE members are looked up when the line is expanded (PyAT when it
//     is defined); -(a, b) reflects the list (PyAT fails); lines with
//     formal arguments are not supported.
//
//   - A LINE used inside a SEQUENCE is an error (PyAT drops it).
//
//   - TYPE= is text (PyAT evaluates it, and drops the element when the
//     text is not a defined name).
//
//   - RBEND with |ANGLE| < 2e-10: sinc is 1 (PyAT's sinc returns its
//     argument there and the length becomes huge or infinite).
//
//   - Commands PyAT drops silently (TWISS, EALIGN, ...) and statements
//     that stay undefined are reported in the warnings.
//
//   - Integers are exact up to 65536 bits (Python: unbounded); lines,
//     sequences and repetitions expanding to more than 2,000,000 elements,
//     nesting deeper than 100 sequences or lines, expressions deeper than
//     200 levels and CALL deeper than 20 files are errors.
//
//   - Names are case-insensitive, quoted ones included; as PyAT, '.' and
//     '_' are the same in names (Q1.F and Q1_F are one name), the family
//     name keeps the case of the label.
//
//   - ^ is always the power: PyAT evaluates a constant ":=" value with
//     Python's ^, the exclusive or, so that "x := 2^3;" gives 1 there
//     (and 8 with "=", as here).
//
//   - FROM on a sub-sequence entry works (PyAT evaluates it as an
//     expression and fails).
//
//   - Names may contain '$' (as MAD-X's LHCB1$START); PyAT fails on them.
//
//   - Names that are Python keywords (IN, IS, OR, ...) work (PyAT fails
//     with a syntax error).
//
//   - REFPOS finds the label in any case (PyAT only when the label is
//     written in lower case).
//
// As PyAT (and unlike MAD-X): FROM adds the AT of the named element's own
// definition, not its position in the sequence.
package madx
