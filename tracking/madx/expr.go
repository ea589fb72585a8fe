package madx

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// node is a parsed MAD-X expression.
type node interface{ String() string }

type (
	numNode  struct{ v value }
	nameNode struct {
		name string // key (normName)
		text string // as written
		line int
	}
	attrNode struct { // NAME->ATTR
		obj  *nameNode
		attr string
	}
	unaryNode struct {
		op string
		x  node
	}
	binNode struct {
		op   string
		l, r node
	}
	callNode struct {
		fn   string
		args []node
		line int
	}
	tupleNode struct{ items []node } // {a, b} or (a, b)
	strNode   struct{ s string }     // quoted string
)

func (n *numNode) String() string  { return n.v.String() }
func (n *nameNode) String() string { return n.text }
func (n *attrNode) String() string { return n.obj.text + "->" + n.attr }
func (n *unaryNode) String() string {
	return n.op + n.x.String()
}
func (n *binNode) String() string {
	return "(" + n.l.String() + n.op + n.r.String() + ")"
}
func (n *callNode) String() string {
	s := make([]string, len(n.args))
	for i, a := range n.args {
		s[i] = a.String()
	}
	return n.fn + "(" + strings.Join(s, ",") + ")"
}
func (n *tupleNode) String() string {
	s := make([]string, len(n.items))
	for i, a := range n.items {
		s[i] = a.String()
	}
	return "{" + strings.Join(s, ",") + "}"
}
func (n *strNode) String() string { return strconv.Quote(n.s) }

// maxDepth bounds the nesting of parentheses and unary operators.
const maxDepth = 200

// exprParser parses an expression from a token slice.
type exprParser struct {
	toks  []token
	pos   int
	file  string
	depth int
}

func (p *exprParser) peek() (token, bool) {
	if p.pos < len(p.toks) {
		return p.toks[p.pos], true
	}
	return token{}, false
}

func (p *exprParser) line() int {
	if p.pos < len(p.toks) {
		return p.toks[p.pos].line
	}
	if len(p.toks) > 0 {
		return p.toks[len(p.toks)-1].line
	}
	return 0
}

func (p *exprParser) errf(format string, a ...any) error {
	return fmt.Errorf("%s:%d: %s", p.file, p.line(), fmt.Sprintf(format, a...))
}

func (p *exprParser) accept(punct string) bool {
	if t, ok := p.peek(); ok && t.is(punct) {
		p.pos++
		return true
	}
	return false
}

// parseExpr parses a sum.
func (p *exprParser) parseExpr() (node, error) {
	l, err := p.parseTerm()
	if err != nil {
		return nil, err
	}
	for {
		t, ok := p.peek()
		if !ok || !(t.is("+") || t.is("-")) {
			return l, nil
		}
		p.pos++
		r, err := p.parseTerm()
		if err != nil {
			return nil, err
		}
		l = &binNode{t.text, l, r}
	}
}

func (p *exprParser) parseTerm() (node, error) {
	l, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	for {
		t, ok := p.peek()
		if !ok || !(t.is("*") || t.is("/")) {
			return l, nil
		}
		p.pos++
		r, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		l = &binNode{t.text, l, r}
	}
}

// parseUnary: ('+'|'-') unary | power. As in Python (PyAT turns ^ into
// **), -a^2 is -(a^2) and a^-b is allowed.
func (p *exprParser) parseUnary() (node, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxDepth {
		return nil, p.errf("expression nested deeper than %d levels: simplify it", maxDepth)
	}
	t, ok := p.peek()
	if ok && (t.is("-") || t.is("+")) {
		p.pos++
		x, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		return &unaryNode{t.text, x}, nil
	}
	base, err := p.parsePrimary()
	if err != nil {
		return nil, err
	}
	if p.accept("^") || p.accept("**") {
		e, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		return &binNode{"^", base, e}, nil
	}
	return base, nil
}

func (p *exprParser) parsePrimary() (node, error) {
	t, ok := p.peek()
	if !ok {
		return nil, p.errf("expression ends too early: complete it")
	}
	switch t.kind {
	case tNumber:
		p.pos++
		return parseNumber(t, p.file)
	case tString:
		p.pos++
		return &strNode{t.text}, nil
	case tIdent:
		p.pos++
		if p.accept("(") {
			var args []node
			if !p.accept(")") {
				for {
					a, err := p.parseExpr()
					if err != nil {
						return nil, err
					}
					args = append(args, a)
					if p.accept(")") {
						break
					}
					if !p.accept(",") {
						return nil, p.errf("in the arguments of %s(): expected ',' or ')'", t.text)
					}
				}
			}
			return &callNode{fn: strings.ToLower(t.text), args: args, line: t.line}, nil
		}
		n := &nameNode{name: normName(t.text), text: t.text, line: t.line}
		if p.accept("->") {
			a, ok := p.peek()
			if !ok || a.kind != tIdent {
				return nil, p.errf("expected an attribute name after %s->", t.text)
			}
			p.pos++
			return &attrNode{n, strings.ToLower(a.text)}, nil
		}
		return n, nil
	case tPunct:
		switch t.text {
		case "(", "{":
			closing := ")"
			if t.text == "{" {
				closing = "}"
			}
			p.pos++
			p.depth++
			defer func() { p.depth-- }()
			if p.depth > maxDepth {
				return nil, p.errf("expression nested deeper than %d levels: simplify it", maxDepth)
			}
			var items []node
			comma := false
			if p.accept(closing) {
				return &tupleNode{}, nil
			}
			for {
				x, err := p.parseExpr()
				if err != nil {
					return nil, err
				}
				items = append(items, x)
				if p.accept(closing) {
					break
				}
				if !p.accept(",") {
					return nil, p.errf("expected ',' or '%s'", closing)
				}
				comma = true
				if p.accept(closing) {
					break
				}
			}
			if closing == ")" && !comma {
				return items[0], nil
			}
			return &tupleNode{items}, nil
		}
	}
	return nil, p.errf("unexpected %q in an expression", t.text)
}

// parseNumber converts a numeric literal as Python would: int without
// '.' or exponent, float otherwise (correctly rounded).
func parseNumber(t token, file string) (node, error) {
	s := t.text
	if !strings.ContainsAny(s, ".eE") {
		i, ok := new(big.Int).SetString(s, 10)
		if !ok {
			return nil, fmt.Errorf("%s:%d: bad number %q", file, t.line, s)
		}
		if i.BitLen() > maxIntBits {
			return nil, fmt.Errorf("%s:%d: integer %s... too large", file, t.line, s[:10])
		}
		return &numNode{bigVal(i)}, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		// overflow gives inf, as Python's float('1e999')
		if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
			return nil, fmt.Errorf("%s:%d: bad number %q", file, t.line, s)
		}
	}
	return &numNode{floatVal(f)}, nil
}
