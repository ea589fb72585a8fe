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
// and the bending angles, as PyAT's load_m sets them.
//
// MATLAB literals are read as PyAT converts them: a number written
// without '.' or exponent is an integer, other numbers are floats,
// [...] arrays are float arrays (rows by ';' or new lines, columns by
// blanks or commas, squeezed as numpy does: [5] is a scalar, [1;2;3] a
// vector), 'strings' take a doubled quote for one quote, true/false, Inf and NaN, and
// struct('name',value,...). Unlike PyAT, commas and quotes inside arrays
// and strings, "..." continuations inside a call, and transposes (') are
// accepted, and a line PyAT would skip with a warning (an unknown
// constructor, missing positional arguments) is an error naming the file,
// line and fix.
//
// A MATLAB script or function that builds its lattice with code (AT's
// machine_data/FODO.m, dba.m) is not this format: Parse returns an error
// wrapping ErrScript that says how to convert it.
package atm
