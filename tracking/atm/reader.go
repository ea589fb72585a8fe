package atm

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// ErrScript is wrapped by the error for a MATLAB script or function that
// builds a lattice with code (AT's machine_data/FODO.m, dba.m) rather
// than listing it in the AT text format: errors.Is(err, ErrScript).
var ErrScript = errors.New("MATLAB script, not the AT text lattice format")

// Error is an error at a line of a .m file.
type Error struct {
	File string
	Line int
	Msg  string
	// Script is set when the file is a MATLAB script or function that
	// builds the lattice with code.
	Script bool
}

// Error formats as file:line: message.
func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Unwrap gives ErrScript for a script.
func (e *Error) Unwrap() error {
	if e.Script {
		return ErrScript
	}
	return nil
}

// call is one element constructor call of the lattice cell array.
type call struct {
	ctor string
	line int
	args []value
}

// reader reads the structure of an AT text lattice: an optional
// "function ring=name()" line, "ring={...", one element constructor per
// line, "};".
type reader struct {
	scanner
	fn      string // function name of the header, or the file's base name
	hasFunc bool
	warnf   func(line int, format string, a ...any)
}

// lineText returns the text of the line holding pos, trimmed and
// shortened for messages.
func (r *reader) lineText(pos int) string {
	start := bytes.LastIndexByte(r.src[:pos], '\n') + 1
	end := bytes.IndexByte(r.src[pos:], '\n')
	if end < 0 {
		end = len(r.src)
	} else {
		end += pos
	}
	t := strings.TrimSpace(string(r.src[start:end]))
	if len(t) > 72 {
		t = t[:69] + "..."
	}
	return t
}

// skipLines skips blank lines and comment lines.
func (r *reader) skipLines() {
	for {
		r.skipBlanks()
		switch {
		case r.peek() == '%':
			r.skipToLineEnd()
		case r.peek() == '\n':
			r.advance()
		default:
			return
		}
	}
}

// scriptErr is the error for a file that builds its lattice with code.
func (r *reader) scriptErr(line int, what string) error {
	run := fmt.Sprintf("RING=%s(); ", r.fn)
	if !r.hasFunc {
		run = fmt.Sprintf("run('%s'), then with RING the lattice it builds, ", filepath.Base(r.file))
	}
	return &Error{File: r.file, Line: line, Script: true, Msg: fmt.Sprintf(
		"this is a MATLAB script or function that builds the lattice with code (%s), not the AT text lattice format "+
			"that MATLAB's atwritem and PyAT's save_m write (a \"function ring=name()\" line, \"ring={...\", one element "+
			"constructor with literal values per line such as \"atdrift('DR1',0.5);...\", and \"};\"); PyAT's load_m cannot "+
			"read it either. To convert it, run it in MATLAB or GNU Octave with AT on the path and save the lattice: "+
			"%ssave('ring.mat','RING') (or atwritem(RING,'ring.m'), or atwritejson(RING,'ring.json')), then load that file",
		what, run)}
}

// matlabKeywords start statements that only scripts hold.
var matlabKeywords = map[string]bool{"for": true, "if": true, "while": true, "switch": true, "end": true, "function": true,
	"global": true, "persistent": true, "return": true, "try": true, "parfor": true, "clear": true, "load": true}

// header reads up to and past the "{" that opens the lattice cell array.
func (r *reader) header() error {
	r.skipLines()
	start := r.pos
	if w := r.ident(); w == "function" && (r.peek() == ' ' || r.peek() == '\t' || r.peek() == '[') {
		r.hasFunc = true
		rest := string(r.src[r.pos:])
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			rest = rest[:i]
		}
		if i := strings.IndexByte(rest, '='); i >= 0 {
			rest = rest[i+1:]
		}
		if i := strings.IndexByte(rest, '('); i >= 0 {
			rest = rest[:i]
		}
		if name := strings.TrimSpace(rest); name != "" {
			r.fn = name
		}
		r.skipToLineEnd()
		r.skipLines()
	} else {
		r.pos = start
	}
	if r.eof() {
		return &Error{File: r.file, Line: r.line, Msg: "no lattice: the AT text format lists the elements in a cell array (\"ring={...\", one element constructor per line, \"};\")"}
	}
	line, pos := r.line, r.pos
	w := r.ident()
	r.skipBlanks()
	if w == "" || matlabKeywords[w] {
		return r.scriptErr(line, fmt.Sprintf("line %d: %q", line, r.lineText(pos)))
	}
	if r.peek() != '=' || r.peekAt(1) == '=' {
		return r.scriptErr(line, fmt.Sprintf("line %d: %q", line, r.lineText(pos)))
	}
	r.pos++
	r.skipBlanks()
	if r.peek() != '{' {
		return r.scriptErr(line, fmt.Sprintf("line %d assigns a variable: %q", line, r.lineText(pos)))
	}
	r.pos++
	return nil
}

// calls reads the element constructor calls of the cell array, up to its
// closing "}".
func (r *reader) calls() ([]call, error) {
	var out []call
	for {
		// Separators between the cells: blanks, new lines, ';', ',',
		// continuations and comments.
		switch c := r.peek(); {
		case r.eof():
			return out, nil
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == ';' || c == ',':
			r.pos++
			continue
		case c == '\n':
			r.advance()
			continue
		case r.isEllipsis():
			r.skipContinuation()
			continue
		case c == '%':
			r.skipToLineEnd()
			continue
		case c == '}':
			r.pos++
			return out, nil
		case !isLetter(c):
			return nil, r.errf("found %s where an element constructor such as atdrift('DR1',0.5) should start", quoteByte(c))
		}
		line, pos := r.line, r.pos
		name := r.ident()
		r.skipBlanks()
		switch {
		case r.peek() == '(':
		case r.peek() == '=' && r.peekAt(1) != '=':
			return nil, r.scriptErr(line, fmt.Sprintf("line %d assigns a variable: %q", line, r.lineText(pos)))
		default:
			return nil, r.scriptErr(line, fmt.Sprintf("line %d lists %s, a variable, where an element constructor call with literal values should be: %q", line, name, r.lineText(pos)))
		}
		args, err := r.callArgs(name + "(...)")
		if err != nil {
			return nil, err
		}
		out = append(out, call{ctor: name, line: line, args: args})
	}
}

// trailer warns about code after the cell array: PyAT's load_m ignores
// it, MATLAB runs it.
func (r *reader) trailer() {
	r.skipToLineEnd()
	for !r.eof() {
		r.advance()
		pos := r.pos
		r.skipToLineEnd()
		t := strings.TrimSpace(string(r.src[pos:r.pos]))
		t = strings.TrimSuffix(strings.ReplaceAll(t, " ", ""), ";")
		switch {
		case t == "", strings.HasPrefix(t, "%"), t == "end", strings.HasPrefix(t, "function"),
			t == "v=false", t == "v=true":
			continue
		}
		r.warnf(r.line, "code after the lattice's closing \"}\" is ignored, as PyAT's load_m ignores it, but MATLAB runs it (%q): if it changes the lattice, run the file in MATLAB or Octave and save the lattice it returns (atwritem, or save('ring.mat','RING'))", r.lineText(pos))
		return
	}
}
