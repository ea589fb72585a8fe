package atm

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gotrack/gotrack/tracking/internal/pyatelem"
)

// builder turns the constructor calls into PyAT elements, as load_m's
// _element_from_m and element_from_dict do.
type builder struct {
	file string
	line int // line of the call being built, for warnings
	warn func(line int, format string, a ...any)
}

func (b *builder) warnf(format string, a ...any) { b.warn(b.line, format, a...) }

// errf makes an error at the line of the call.
func (b *builder) errf(c call, format string, a ...any) error {
	return &Error{File: b.file, Line: c.line, Msg: c.ctor + "(...): " + fmt.Sprintf(format, a...)}
}

// build makes the element of one constructor call.
func (b *builder) build(c call) (*pyElem, error) {
	b.line = c.line
	matcls := ""
	if len(c.ctor) > 2 {
		matcls = c.ctor[2:]
	}
	cls, known := pyatelem.ClassMap[matcls]
	switch {
	case c.ctor == "atbaselem":
		return nil, b.errf(c, "atbaselem is not one of the element constructors of the AT text format (PyAT's load_m skips such a line as an \"Unknown class\", dropping the element): write the element with its class constructor (atmarker, atdrift, atquadrupole, atsbend, atmultipole, atrfcavity, ...), or save the lattice from MATLAB with atwritem, which writes those")
	case !known:
		return nil, b.errf(c, "unknown element constructor %s (PyAT's load_m skips such a line as an \"Unknown class\", dropping the element): the AT text format uses at<class> constructors of PyAT's element classes (atdrift, atmarker, atmonitor, atquadrupole, atsextupole, atoctupole, atsbend, atrbend, atmultipole, atthinmultipole, atcorrector, atrfcavity, atcrabcavity, ataperture, atM66, atsimplequantdiff, atquantumdiffusion, atenergyloss, atringparam)", c.ctor)
	case cls == nil || !builtClasses[cls]:
		return nil, b.errf(c, "PyAT builds this element (class %s) but gotrack's .m reader does not: convert the lattice with PyAT (at.load_lattice('file.m').save('file.json')) and load the JSON file", matcls)
	}
	build := append([]string{"FamName"}, cls.Build...)
	ll := len(build)
	args := c.args
	if ll < len(args) && args[ll].kind == kString && strings.HasSuffix(args[ll].s, "Pass") {
		args = append(append(append([]value(nil), args[:ll]...), strVal("PassMethod")), args[ll:]...)
	}
	if len(args) < ll {
		return nil, b.errf(c, "%s needs %d positional arguments (%s) before any passmethod and 'name',value options; this line gives %d: add the missing ones (PyAT's load_m also needs all of them)",
			c.ctor, ll, strings.Join(build, ", "), len(args))
	}
	rest := args[ll:]
	if len(rest)%2 != 0 {
		return nil, b.errf(c, "after the %d positional arguments (%s) and the passmethod, the options must come as 'name',value pairs; there are %d values: a name or a value is missing",
			ll, strings.Join(build, ", "), len(rest))
	}
	d := newOdict()
	for i, name := range build {
		d.Set(name, args[i])
	}
	for i := 0; i < len(rest); i += 2 {
		if rest[i].kind != kString {
			return nil, b.errf(c, "option %d: the name is %s where a 'Name' string should be: options come as 'name',value pairs after the %d positional arguments (%s)",
				i/2+1, rest[i].describe(), ll, strings.Join(build, ", "))
		}
		d.Set(rest[i].s, rest[i+1])
	}
	// load_m sets Class to the constructor's class, and find_class pops
	// it: a 'Class' option is ignored.
	d.Pop("Class")
	if matcls == "rbend" {
		half, err := toFloat(args[2])
		if err != nil {
			return nil, b.errf(c, "BendingAngle: %v", err)
		}
		d.SetDefault("EntranceAngle", floatVal(0.5*half))
		d.SetDefault("ExitAngle", floatVal(0.5*half))
	}
	b.sanitise(cls, d)
	e, err := pyatelem.FromDict[value](values{}, cls, d, b.warnf)
	var ae *pyatelem.ConflictError
	var te *pyatelem.AttrError
	switch {
	case errors.As(err, &ae):
		return nil, b.errf(c, "%s: give the strength once, either positionally or as PolynomB", ae.Msg)
	case errors.Is(err, pyatelem.ErrTransform) && errors.As(err, &te):
		return nil, b.errf(c, "option '%s': %v", te.Attr, te.Err)
	case err != nil:
		return nil, b.errf(c, "%v", err)
	}
	return e, nil
}

// sanitise is element_from_dict's check of the class against the
// passmethod and length (warnings only).
func (b *builder) sanitise(cls *class, d *odict) {
	pmv, ok := d.Get("PassMethod")
	if !ok {
		return
	}
	pm, _ := toStr(pmv)
	length := 0.0
	if lv, ok := d.Get("Length"); ok {
		length, _ = toFloat(lv)
	}
	pyatelem.Sanitise(cls, pm, length, b.warnf)
}
