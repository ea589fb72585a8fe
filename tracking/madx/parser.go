package madx

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// parser is the MAD-X database being filled, as PyAT's MadxParser.
type parser struct {
	objs    map[string]*object
	beams   map[string]*beamDef // "" for the default BEAM
	seqCur  *object             // SEQUENCE being read
	uses    []string            // USE statements (MAD-X extension of PyAT)
	ev      *evaluator
	pending []*pendingStmt
	// lenient, when set, is the value given to undefined variables (the
	// variable NONE of PyAT's MAD parsers).
	lenient   *value
	defaulted map[string]string // undefined variable -> where first used
	unsup     map[string][]string
	warnings  []string
	callDepth int
	openFiles []string
	readFile  func(string) ([]byte, error)
	stopped   bool // RETURN met
}

// pendingStmt is a statement whose evaluation waits for a name defined
// later (PyAT's postponed commands).
type pendingStmt struct {
	st         *stmt
	defineOnly bool // labelled element inside a SEQUENCE: already appended
	reason     *undefError
}

func newParser() *parser {
	p := &parser{
		objs:      map[string]*object{},
		beams:     map[string]*beamDef{"": newBeam()},
		defaulted: map[string]string{},
		unsup:     map[string][]string{},
		readFile:  os.ReadFile,
	}
	p.ev = &evaluator{db: p}
	return p
}

func (p *parser) warnf(format string, a ...any) {
	p.warnings = append(p.warnings, fmt.Sprintf(format, a...))
}

// setDefault gives an undefined variable the value of NONE (PyAT's
// non-strict behaviour, enabled by "none = value;" in the file).
func (p *parser) setDefault(key, text, file string, line int) {
	if _, ok := p.defaulted[key]; !ok {
		p.defaulted[key] = fmt.Sprintf("%s (%s:%d)", text, file, line)
	}
	p.objs[key] = &object{kind: oVar, name: text, key: key, file: file, line: line, v: &attr{val: *p.lenient}}
}

// unsupported records a statement that is not translated.
func (p *parser) unsupported(name, where string) {
	p.unsup[name] = append(p.unsup[name], where)
}

// parseSource reads MAD-X text; final is false for CALLed files.
func (p *parser) parseSource(src []byte, file string, final bool) error {
	sts, err := splitStatements(string(src), file)
	if err != nil {
		return err
	}
	for _, raw := range sts {
		if len(raw.toks) > 0 && raw.toks[0].kind == tIdent && raw.toks[0].lower() == "return" {
			break
		}
		st, err := parseStmt(raw)
		if err != nil {
			return err
		}
		if err := p.exec(st, false); err != nil {
			return err
		}
		if p.stopped {
			break
		}
	}
	p.stopped = false
	if err := p.replay(); err != nil {
		return err
	}
	if final {
		return p.finalise()
	}
	return nil
}

// exec executes a statement, postponing it when it needs a name not yet
// defined.
func (p *parser) exec(st *stmt, defineOnly bool) error {
	err := p.execStmt(st, defineOnly)
	var ue *undefError
	if errors.As(err, &ue) {
		p.pending = append(p.pending, &pendingStmt{st: st, defineOnly: defineOnly || (p.seqCur != nil && st.label != "" && st.kind == sCommand), reason: ue})
		return nil
	}
	return err
}

// replay re-executes the postponed statements until no more succeed, as
// PyAT does at the end of each file.
func (p *parser) replay() error {
	saved := p.seqCur
	p.seqCur = nil
	defer func() { p.seqCur = saved }()
	for len(p.pending) > 0 {
		n := len(p.pending)
		todo := p.pending
		p.pending = nil
		for _, ps := range todo {
			err := p.execStmt(ps.st, ps.defineOnly)
			var ue *undefError
			if errors.As(err, &ue) {
				ps.reason = ue
				p.pending = append(p.pending, ps)
			} else if err != nil {
				return err
			}
		}
		if len(p.pending) == n {
			return nil
		}
	}
	return nil
}

// finalise handles what is still undefined after the last file: with NONE
// defined, undefined variables take its value (PyAT's non-strict mode)
// and the postponed statements are tried once more.
func (p *parser) finalise() error {
	if o, ok := p.objs["none"]; ok && o.kind == oVar {
		v, err := p.ev.attrValue(o.v, "none")
		if err == nil && v.isNumber() {
			p.lenient = &v
		}
	}
	if p.lenient != nil {
		for _, ps := range p.pending {
			r := ps.reason
			if r.name != "" && !p.isCommandName(ps.st, r.name) {
				if _, ok := p.objs[r.name]; !ok {
					p.setDefault(r.name, r.text, r.file, r.line)
				}
			}
		}
		return p.replay()
	}
	return nil
}

// isCommandName tells whether name is the command of st (an unknown
// command rather than an undefined variable).
func (p *parser) isCommandName(st *stmt, name string) bool {
	return st.kind == sCommand && st.cmd == name
}

// execStmt executes one statement.
func (p *parser) execStmt(st *stmt, defineOnly bool) error {
	switch st.kind {
	case sAssign:
		return p.assign(st)
	case sLine:
		key := normName(st.label)
		p.objs[key] = &object{kind: oLine, name: st.label, key: key, file: st.file, line: st.line, items: st.items}
		return nil
	}
	switch st.cmd {
	case "endsequence":
		if p.seqCur == nil {
			return fmt.Errorf("%s: ENDSEQUENCE without SEQUENCE: remove it or add the SEQUENCE", st.where())
		}
		p.seqCur = nil
		return nil
	case "beam":
		return p.beamCmd(st)
	case "use":
		return p.useCmd(st)
	case "call":
		return p.callCmd(st)
	case "sequence":
		if st.label == "" {
			return fmt.Errorf("%s: SEQUENCE without a name: write NAME: SEQUENCE, L=<length>", st.where())
		}
		if p.seqCur != nil {
			return fmt.Errorf("%s: SEQUENCE %s starts inside SEQUENCE %s: add ENDSEQUENCE before it", st.where(), st.label, p.seqCur.name)
		}
		key := normName(st.label)
		seq := &object{kind: oSeq, name: st.label, key: key, file: st.file, line: st.line, attrs: map[string]*attr{}}
		// PyAT keeps a sequence whose attributes use names defined later
		// and sets them at the end: here they are deferred.
		args := make([]arg, len(st.args))
		for i, a := range st.args {
			a.deferred = true
			args[i] = a
		}
		if err := p.applyArgs(seq, st, args); err != nil {
			return err
		}
		p.objs[key] = seq
		p.seqCur = seq
		return nil
	}
	if p.seqCur != nil && !defineOnly {
		name, text := st.cmd, st.cmdText
		if st.label != "" {
			name, text = normName(st.label), st.label
		}
		p.seqCur.entries = append(p.seqCur.entries, seqEntry{name: name, text: text, args: st.args, file: st.file, line: st.line})
		if st.label == "" {
			return nil
		}
		err := p.define(st)
		var ue *undefError
		if errors.As(err, &ue) {
			p.pending = append(p.pending, &pendingStmt{st: st, defineOnly: true, reason: ue})
			return nil
		}
		return err
	}
	return p.define(st)
}

// define executes an element definition, clone or update.
func (p *parser) define(st *stmt) error {
	if kind, ok := madClasses[st.cmd]; ok {
		if st.label == "" {
			p.warnf("%s: %s without a label defines nothing: ignored", st.where(), strings.ToUpper(st.cmdText))
			return nil
		}
		switch {
		case kind.optics:
			p.unsupported(strings.ToUpper(st.cmd)+" (element class unknown to PyAT, CHANGES THE OPTICS: replaced by a Marker or Drift)", st.where())
		case kind.unsupported:
			p.unsupported(strings.ToUpper(st.cmd)+" (element class unknown to PyAT, replaced by a Marker or Drift)", st.where())
		case kind.ignored:
			p.unsupported(strings.ToUpper(st.cmd)+" (replaced by a Marker or Drift, as PyAT does)", st.where())
		}
		key := normName(st.label)
		el := &object{kind: oElem, name: st.label, key: key, class: st.cmd, file: st.file, line: st.line, attrs: map[string]*attr{}}
		if err := p.applyArgs(el, st, st.args); err != nil {
			return err
		}
		p.objs[key] = el
		return nil
	}
	if o, ok := p.objs[st.cmd]; ok {
		switch o.kind {
		case oElem:
			if st.label == "" {
				return p.applyArgs(o, st, st.args)
			}
			el := o.clone()
			el.name, el.key, el.file, el.line = st.label, normName(st.label), st.file, st.line
			if err := p.applyArgs(el, st, st.args); err != nil {
				return err
			}
			p.objs[el.key] = el
			return nil
		case oSeq:
			if st.label == "" {
				return p.applyArgs(o, st, st.args)
			}
			return fmt.Errorf("%s: %s: a SEQUENCE cannot be copied under another name; use %s itself", st.where(), st.label, o.name)
		case oLine:
			return fmt.Errorf("%s: LINE %s takes no attributes", st.where(), o.name)
		}
		return fmt.Errorf("%s: %s is a variable, not a command or element", st.where(), o.name)
	}
	if c, ok := otherCommands[st.cmd]; ok {
		name := strings.ToUpper(st.cmd)
		if c {
			name += " (CHANGES THE LATTICE in MAD-X, not applied)"
		}
		p.unsupported(name, st.where())
		return nil
	}
	return &undefError{name: st.cmd, text: st.cmdText, file: st.file, line: st.line}
}

// evalArg evaluates one argument as PyAT: '=' now (an undefined name
// postpones the statement), ':=' now if possible, else kept deferred.
func (p *parser) evalArg(a arg, file string) (*attr, error) {
	if a.flag {
		return &attr{val: boolVal(a.flagVal), file: file, line: a.line}, nil
	}
	if sn, ok := a.expr.(*strNode); ok {
		return &attr{val: strVal(strings.ToLower(sn.s)), file: file, line: a.line}, nil
	}
	if a.deferred {
		// PyAT's _try_constant: a ":=" value made of numbers, constants
		// and functions only is computed at once (with the builtin
		// constants, even if a variable of the same name exists);
		// anything else is kept and evaluated at each use.
		if constOnly(a.expr) {
			p.ev.builtinsOnly = true
			v, err := p.ev.eval(a.expr, file)
			p.ev.builtinsOnly = false
			if err == nil {
				return &attr{val: v, file: file, line: a.line}, nil
			}
		}
		return &attr{expr: a.expr, file: file, line: a.line}, nil
	}
	v, err := p.ev.eval(a.expr, file)
	if err == nil {
		return &attr{val: v, file: file, line: a.line}, nil
	}
	var ue *undefError
	if errors.As(err, &ue) {
		return nil, err
	}
	if strings.HasPrefix(err.Error(), fmt.Sprintf("%s:%d: ", file, a.line)) {
		// The evaluator named the place already.
		return nil, fmt.Errorf("%w (in %s = %s)", err, strings.ToUpper(a.key), a.expr)
	}
	return nil, fmt.Errorf("%s:%d: %s = %s: %w", file, a.line, strings.ToUpper(a.key), a.expr, err)
}

// applyArgs evaluates all arguments first, then stores them (a failing
// argument leaves the object unchanged, as in PyAT).
func (p *parser) applyArgs(o *object, st *stmt, args []arg) error {
	vals := make([]*attr, len(args))
	for i, a := range args {
		v, err := p.evalArg(a, st.file)
		if err != nil {
			return err
		}
		vals[i] = v
	}
	for i, a := range args {
		o.attrs[a.key] = vals[i]
	}
	return nil
}

// assign executes NAME = expr, NAME := expr and NAME->ATTR = expr.
func (p *parser) assign(st *stmt) error {
	a := arg{key: st.tgtText, deferred: st.deferred, expr: st.expr, line: st.line}
	if st.attr != "" {
		o, ok := p.objs[st.target]
		if !ok {
			return &undefError{name: st.target, text: st.tgtText, file: st.file, line: st.line}
		}
		if o.kind != oElem && o.kind != oSeq {
			return fmt.Errorf("%s: %s is a %s: %s->%s cannot be set", st.where(), o.name, o.kindName(), o.name, st.attr)
		}
		v, err := p.evalArg(a, st.file)
		if err != nil {
			return err
		}
		o.attrs[st.attr] = v
		return nil
	}
	v, err := p.evalArg(a, st.file)
	if err != nil {
		return err
	}
	if old, ok := p.objs[st.target]; ok && old.kind != oVar {
		p.warnf("%s: variable %s replaces the %s of the same name", st.where(), st.tgtText, old.kindName())
	}
	p.objs[st.target] = &object{kind: oVar, name: st.tgtText, key: st.target, file: st.file, line: st.line, v: v}
	return nil
}

// useCmd records USE, SEQUENCE=name (or PERIOD=name).
func (p *parser) useCmd(st *stmt) error {
	for _, a := range st.args {
		switch {
		case (a.key == "sequence" || a.key == "period") && !a.flag:
			if sn, ok := a.expr.(*strNode); ok {
				p.uses = append(p.uses, sn.s)
				continue
			}
			return fmt.Errorf("%s: USE, %s= needs a sequence name", st.where(), strings.ToUpper(a.key))
		case a.flag && a.flagVal:
			p.uses = append(p.uses, a.key)
		}
	}
	return nil
}

// callCmd reads another file (CALL, FILE="name"), relative to the
// directory of the calling file.
func (p *parser) callCmd(st *stmt) error {
	var name string
	for _, a := range st.args {
		if a.key == "file" && !a.flag {
			if sn, ok := a.expr.(*strNode); ok {
				name = sn.s
			}
		} else if a.flag && name == "" {
			name = a.key
		}
	}
	if name == "" {
		return fmt.Errorf("%s: CALL needs FILE=\"name\"", st.where())
	}
	if p.callDepth >= 20 {
		return fmt.Errorf("%s: CALL nested deeper than 20 files (a file calling itself?): %s", st.where(), strings.Join(p.openFiles, " -> "))
	}
	path := name
	if !filepath.IsAbs(path) {
		path = filepath.Join(filepath.Dir(st.file), name)
	}
	data, err := p.readFile(path)
	if err != nil {
		return fmt.Errorf("%s: CALL: %w", st.where(), err)
	}
	p.callDepth++
	p.openFiles = append(p.openFiles, path)
	saved := p.seqCur
	defer func() {
		p.callDepth--
		p.openFiles = p.openFiles[:len(p.openFiles)-1]
		p.seqCur = saved
	}()
	return p.parseSource(data, path, false)
}

// sequences lists the SEQUENCE and LINE names, sorted.
func (p *parser) sequences() []string {
	var s []string
	for _, o := range p.objs {
		if o.kind == oSeq || o.kind == oLine {
			s = append(s, o.name)
		}
	}
	sort.Strings(s)
	return s
}

// unsupportedReport builds the single warning listing what was not
// translated.
func (p *parser) unsupportedReport() string {
	if len(p.unsup) == 0 {
		return ""
	}
	names := make([]string, 0, len(p.unsup))
	for k := range p.unsup {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("MAD-X statements not translated:")
	for _, n := range names {
		w := p.unsup[n]
		more := ""
		if len(w) > 5 {
			more = fmt.Sprintf(" and %d more", len(w)-5)
			w = w[:5]
		}
		fmt.Fprintf(&b, "\n  %s at %s%s", n, strings.Join(w, ", "), more)
	}
	return b.String()
}

// constOnly tells whether an expression uses no name of the database:
// numbers, strings, builtin constants and functions only.
func constOnly(n node) bool {
	switch x := n.(type) {
	case *numNode, *strNode:
		return true
	case *nameNode:
		_, ok := constants[x.name]
		return ok
	case *attrNode:
		return false
	case *unaryNode:
		return constOnly(x.x)
	case *binNode:
		return constOnly(x.l) && constOnly(x.r)
	case *tupleNode:
		for _, it := range x.items {
			if !constOnly(it) {
				return false
			}
		}
		return true
	case *callNode:
		if _, ok := float1[x.fn]; !ok && x.fn != "abs" {
			return false
		}
		for _, it := range x.args {
			if !constOnly(it) {
				return false
			}
		}
		return true
	}
	return false
}
