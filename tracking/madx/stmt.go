package madx

import (
	"fmt"
	"strings"
)

// stmtKind classifies a parsed statement.
type stmtKind int

const (
	sAssign  stmtKind = iota // NAME = expr, NAME := expr, NAME->ATTR = expr
	sCommand                 // [LABEL:] NAME, arg, arg...
	sLine                    // LABEL: LINE = (...)
)

// arg is one argument of a command: KEY=VALUE, KEY:=VALUE or a flag.
type arg struct {
	key      string // lower case
	deferred bool   // :=
	expr     node   // nil for a flag
	flag     bool   // bare KEY (true) or -KEY (false)
	flagVal  bool
	line     int
}

// lineItem is one member of a LINE: a name or a sub-list, repeated and
// possibly reversed.
type lineItem struct {
	name    string // key; "" for a sub-list
	text    string
	sub     []lineItem
	repeat  int
	reverse bool
	line    int
}

// stmt is one parsed MAD-X statement.
type stmt struct {
	file  string
	line  int
	kind  stmtKind
	label string // as written ("" when none)
	// sAssign
	target   string // key
	tgtText  string
	attr     string // for NAME->ATTR = expr
	deferred bool
	expr     node
	// sCommand
	cmd     string // key of the command, class or element
	cmdText string
	args    []arg
	// sLine
	items []lineItem
}

func (s *stmt) where() string { return fmt.Sprintf("%s:%d", s.file, s.line) }

// strAttrs are the arguments taken as text, not evaluated.
var strAttrs = map[string]bool{
	"particle": true, "sequence": true, "from": true, "refer": true, "refpos": true,
	"apertype": true, "type": true, "file": true, "period": true, "class": true, "name": true,
}

var qualifiers = map[string]bool{"const": true, "real": true, "int": true, "shared": true}

// assignExpr parses toks, the right-hand side of an assignment, into
// s.expr; nothing may follow the expression.
func (s *stmt) assignExpr(toks []token, file string) (*stmt, error) {
	p := &exprParser{toks: toks, file: file}
	e, err := p.parseExpr()
	if err != nil {
		return nil, err
	}
	if p.pos != len(p.toks) {
		return nil, fmt.Errorf("%s:%d: unexpected %q after the expression %s", file, p.line(), p.toks[p.pos].text, e)
	}
	s.expr = e
	return s, nil
}

// parseStmt turns the tokens of one statement into a stmt.
func parseStmt(st statement) (*stmt, error) {
	toks := st.toks
	s := &stmt{file: st.file, line: st.line}
	errf := func(line int, format string, a ...any) error {
		return fmt.Errorf("%s:%d: %s", st.file, line, fmt.Sprintf(format, a...))
	}
	i := 0
	if len(toks) >= 2 && (toks[0].kind == tIdent || toks[0].kind == tString) && toks[1].is(":") {
		s.label = toks[0].text
		i = 2
	}
	for i+1 < len(toks) && toks[i].kind == tIdent && qualifiers[toks[i].lower()] && toks[i+1].kind == tIdent {
		i++
	}
	if i >= len(toks) {
		return nil, errf(st.line, "label %q without a command: add the element class or command after the ':'", s.label)
	}
	head := toks[i]
	if head.kind != tIdent {
		hint := ""
		if head.is("{") || head.is("}") {
			hint = " (MAD-X blocks such as IF, WHILE and MACRO are not supported)"
		}
		return nil, errf(head.line, "a statement must start with a name, found %q%s", head.text, hint)
	}
	// assignments
	if s.label == "" && i+1 < len(toks) && (toks[i+1].is("=") || toks[i+1].is(":=")) {
		s.kind = sAssign
		s.target, s.tgtText = normName(head.text), head.text
		s.deferred = toks[i+1].is(":=")
		return s.assignExpr(toks[i+2:], st.file)
	}
	if s.label == "" && i+3 < len(toks) && toks[i+1].is("->") && toks[i+2].kind == tIdent && (toks[i+3].is("=") || toks[i+3].is(":=")) {
		s.kind = sAssign
		s.target, s.tgtText = normName(head.text), head.text
		s.attr = toks[i+2].lower()
		s.deferred = toks[i+3].is(":=")
		return s.assignExpr(toks[i+4:], st.file)
	}
	s.cmd, s.cmdText = normName(head.text), head.text
	i++
	if _, ok := otherCommands[s.cmd]; ok {
		// not translated: the arguments are not parsed (they may use a
		// syntax outside the subset)
		s.kind = sCommand
		return s, nil
	}
	// LABEL: LINE = (...)
	if s.cmd == "line" && i < len(toks) && (toks[i].is("=") || toks[i].is(":=")) {
		if s.label == "" {
			return nil, errf(head.line, "LINE without a label: write NAME: LINE = (...)")
		}
		s.kind = sLine
		lp := &lineParser{toks: toks, pos: i + 1, file: st.file}
		items, err := lp.parseList(0)
		if err != nil {
			return nil, err
		}
		if lp.pos != len(toks) {
			return nil, errf(toks[lp.pos].line, "unexpected %q after the LINE list", toks[lp.pos].text)
		}
		s.items = items
		return s, nil
	}
	s.kind = sCommand
	for i < len(toks) {
		t := toks[i]
		if t.is(",") {
			i++
			continue
		}
		if t.is("-") && i+1 < len(toks) && toks[i+1].kind == tIdent {
			s.args = append(s.args, arg{key: toks[i+1].lower(), flag: true, flagVal: false, line: t.line})
			i += 2
			continue
		}
		if t.kind != tIdent {
			return nil, errf(t.line, "expected an attribute name in %s, found %q", head.text, t.text)
		}
		key := t.lower()
		if i+1 >= len(toks) || !(toks[i+1].is("=") || toks[i+1].is(":=")) {
			s.args = append(s.args, arg{key: key, flag: true, flagVal: true, line: t.line})
			i++
			continue
		}
		a := arg{key: key, deferred: toks[i+1].is(":="), line: t.line}
		i += 2
		if i >= len(toks) {
			return nil, errf(t.line, "%s= has no value: give one", strings.ToUpper(key))
		}
		if strAttrs[key] && (toks[i].kind == tIdent || toks[i].kind == tString) {
			a.expr = &strNode{toks[i].text}
			i++
		} else {
			p := &exprParser{toks: toks[i:], file: st.file}
			e, err := p.parseExpr()
			if err != nil {
				return nil, err
			}
			a.expr = e
			i += p.pos
		}
		s.args = append(s.args, a)
	}
	return s, nil
}

// lineParser parses the list of a LINE definition.
type lineParser struct {
	toks []token
	pos  int
	file string
}

func (p *lineParser) errf(format string, a ...any) error {
	line := 0
	if p.pos < len(p.toks) {
		line = p.toks[p.pos].line
	} else if len(p.toks) > 0 {
		line = p.toks[len(p.toks)-1].line
	}
	return fmt.Errorf("%s:%d: in LINE: %s", p.file, line, fmt.Sprintf(format, a...))
}

func (p *lineParser) parseList(depth int) ([]lineItem, error) {
	if depth > maxDepth {
		return nil, p.errf("lists nested deeper than %d levels", maxDepth)
	}
	if p.pos >= len(p.toks) || !p.toks[p.pos].is("(") {
		return nil, p.errf("expected '(' to start the list of elements")
	}
	p.pos++
	var items []lineItem
	for {
		it, err := p.parseItem(depth)
		if err != nil {
			return nil, err
		}
		items = append(items, it)
		if p.pos >= len(p.toks) {
			return nil, p.errf("list not closed: add ')'")
		}
		t := p.toks[p.pos]
		p.pos++
		if t.is(")") {
			return items, nil
		}
		if !t.is(",") {
			return nil, p.errf("expected ',' or ')', found %q", t.text)
		}
	}
}

func (p *lineParser) parseItem(depth int) (lineItem, error) {
	it := lineItem{repeat: 1}
	if p.pos < len(p.toks) && p.toks[p.pos].is("-") {
		it.reverse = true
		p.pos++
	}
	if p.pos+1 < len(p.toks) && p.toks[p.pos].kind == tNumber && p.toks[p.pos+1].is("*") {
		n := 0
		for _, c := range p.toks[p.pos].text {
			if c < '0' || c > '9' || n > 1e6 {
				return it, p.errf("repetition count %q must be a small integer", p.toks[p.pos].text)
			}
			n = n*10 + int(c-'0')
		}
		it.repeat = n
		p.pos += 2
		if p.pos < len(p.toks) && p.toks[p.pos].is("-") {
			it.reverse = !it.reverse
			p.pos++
		}
	}
	if p.pos >= len(p.toks) {
		return it, p.errf("list ends too early")
	}
	t := p.toks[p.pos]
	it.line = t.line
	switch {
	case t.kind == tIdent:
		it.name, it.text = normName(t.text), t.text
		p.pos++
	case t.is("("):
		sub, err := p.parseList(depth + 1)
		if err != nil {
			return it, err
		}
		it.sub = sub
	default:
		return it, p.errf("expected an element name, found %q", t.text)
	}
	return it, nil
}
