// Package atm reads AT text lattices (.m files): the one-element-per-line
// format that MATLAB's atwritem and PyAT's at.save_m write,
//
//	function ring=esrf()
//	ring={...
//	     atringparam('EBS',6e9,1,'Particle',struct('name','electron'));...
//	         atdrift('SDHI',3.0526);...
//	    atquadrupole('QF2',0.94341,0.39100749,'StrMPoleSymplectic4Pass','NumIntSteps',20);...
//	};
//	end
//
// as PyAT's at.load_m reads them: each constructor call names a PyAT
// element class (atdrift -> Drift, atsbend -> Dipole, ...), its
// positional arguments are the class's build attributes, an argument
// ending in "Pass" after them is the passmethod, and 'name',value pairs
// follow. The element is then built as PyAT's class constructor builds it
// (defaults, conversions, multipole polynomials padded to MaxOrder+1),
// and the ring parameters come from the RingParam element, the cavities
// and the bending angles, as PyAT's load_m sets them. The construction
// and the ring properties are tracking/internal/pyatelem's, shared with
// the .mat reader; this package reads the literals and names the file
// and line in errors.
//
// MATLAB literals are read as PyAT converts them: a number written
// without '.' or exponent is an integer, other numbers are floats,
// [...] arrays are float arrays (rows by ';' or new lines, columns by
// blanks or commas, squeezed as numpy does: [5] is a scalar, [1;2;3] a
// vector), 'strings' take a doubled quote for one quote, true/false, Inf
// and NaN, struct('name',value,...), and zeros(m,n) for an empty matrix.
//
// Where PyAT's line-by-line reading (split on commas, Python eval) fails
// or differs, this reader follows MATLAB: commas and quotes inside arrays
// and strings, "..." continuations inside a call, several calls on a
// line, transposes ('), -Inf, true/false; strings read as MATLAB reads
// them (backslashes kept, a doubled quote is one quote), where Python's
// eval differs. A line
// PyAT would skip with a warning, dropping an element (an unknown
// constructor such as atbaselem, missing positional arguments), is an
// error naming the file, line and fix; blank and comment lines are
// skipped silently. An element on line 1 or 2 (which PyAT always skips)
// and code after the closing "};" (which PyAT ignores and MATLAB runs)
// give warnings. NaN and infinite attribute values are errors, as in
// gotrack's JSON reader.
//
// A MATLAB script or function that builds its lattice with code (AT's
// machine_data/FODO.m, dba.m) is not this format: Parse returns an error
// wrapping ErrScript that says how to convert it.
package atm
