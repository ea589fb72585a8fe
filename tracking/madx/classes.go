package madx

// classInfo describes a MAD-X element class.
type classInfo struct {
	// ignored: converted to a Marker (L=0) or a Drift, as PyAT's
	// ignore_class does.
	ignored bool
	// unsupported: PyAT has no such class (it fails); converted as
	// ignored and reported.
	unsupported bool
	// optics: the element acts on the beam in MAD-X; the conversion to a
	// Marker or Drift changes the optics.
	optics bool
}

// madClasses are the element classes known to the reader.
var madClasses = map[string]classInfo{
	"drift": {}, "marker": {}, "quadrupole": {}, "sextupole": {}, "octupole": {},
	"multipole": {}, "sbend": {}, "rbend": {}, "kicker": {}, "hkicker": {},
	"vkicker": {}, "rfcavity": {}, "monitor": {}, "hmonitor": {}, "vmonitor": {},
	"instrument": {},
	// PyAT's ignore_class list
	"solenoid": {ignored: true}, "rfmultipole": {ignored: true}, "crabcavity": {ignored: true},
	"elseparator": {ignored: true}, "collimator": {ignored: true}, "tkicker": {ignored: true},
	// not in PyAT
	"rcollimator": {ignored: true, unsupported: true}, "ecollimator": {ignored: true, unsupported: true},
	"placeholder": {ignored: true, unsupported: true}, "beambeam": {ignored: true, unsupported: true, optics: true},
	"matrix": {ignored: true, unsupported: true, optics: true}, "srotation": {ignored: true, unsupported: true, optics: true},
	"xrotation": {ignored: true, unsupported: true, optics: true}, "yrotation": {ignored: true, unsupported: true, optics: true},
	"translation": {ignored: true, unsupported: true, optics: true}, "changeref": {ignored: true, unsupported: true, optics: true},
	"dipedge": {ignored: true, unsupported: true, optics: true}, "nllens": {ignored: true, unsupported: true, optics: true},
	"wire": {ignored: true, unsupported: true, optics: true}, "hacdipole": {ignored: true, unsupported: true, optics: true},
	"vacdipole": {ignored: true, unsupported: true, optics: true}, "twcavity": {ignored: true, unsupported: true, optics: true},
}

// otherCommands are MAD-X commands the reader does not translate; true
// marks those that change the lattice in MAD-X.
var otherCommands = map[string]bool{
	"ealign": true, "efcomp": true, "seterr": true, "seqedit": true, "endedit": true,
	"install": true, "move": true, "remove": true, "cycle": true, "reflect": true,
	"flatten": true, "extract": true, "replace": true, "makethin": true,
	"setvars": true, "setvars_lin": true, "fill": true, "readtable": true, "readmytable": true,
	"delete": true, "exec": true, "macro": true, "while": true, "if": true,
	"twiss": false, "select": false, "option": false, "title": false, "set": false,
	"value": false, "print": false, "show": false, "assign": false, "exit": false,
	"stop": false, "quit": false, "system": false, "plot": false, "survey": false,
	"emit": false, "match": false, "endmatch": false, "vary": false, "constraint": false,
	"lmdif": false, "simplex": false, "migrad": false, "jacobian": false, "global": false,
	"weight": false, "track": false, "start": false, "run": false, "endtrack": false,
	"observe": false, "dynap": false, "save": false, "esave": false, "savebeta": false,
	"setplot": false, "resplot": false, "help": false, "printf": false, "create": false,
	"write": false, "table": false, "coguess": false, "aperture": false, "sodd": false,
	"touschek": false, "ibs": false, "correct": false, "usemonitor": false, "usekick": false,
	"csave": false, "sectormap": false, "dumpsequ": false, "eprint": false, "resbeam": false,
	"ptc_create_universe": false, "ptc_create_layout": false, "ptc_twiss": false,
	"ptc_end": false, "ptc_normal": false, "ptc_track": false, "ptc_align": false,
	"beta0": false, "newline": false, "shrink": false,
}
