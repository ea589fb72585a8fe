package atm

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// scanner reads MATLAB text: the literals of the AT text format and the
// few statements around them. pos is a byte offset in src, line the
// 1-based line of pos.
type scanner struct {
	file string
	src  []byte
	pos  int
	line int
	// depth counts nested values, so that deeply nested input is an error
	// rather than a stack overflow.
	depth int
}

// maxDepth bounds the nesting of struct(...) and [...] values.
const maxDepth = 64

func (s *scanner) eof() bool { return s.pos >= len(s.src) }

func (s *scanner) peek() byte {
	if s.pos < len(s.src) {
		return s.src[s.pos]
	}
	return 0
}

func (s *scanner) peekAt(k int) byte {
	if s.pos+k < len(s.src) {
		return s.src[s.pos+k]
	}
	return 0
}

// errf makes an error at the current line.
func (s *scanner) errf(format string, a ...any) error {
	return &Error{File: s.file, Line: s.line, Msg: fmt.Sprintf(format, a...)}
}

// advance moves past one byte, counting lines.
func (s *scanner) advance() {
	if s.pos < len(s.src) {
		if s.src[s.pos] == '\n' {
			s.line++
		}
		s.pos++
	}
}

// skipBlanks skips spaces, tabs and carriage returns.
func (s *scanner) skipBlanks() {
	for !s.eof() {
		switch s.peek() {
		case ' ', '\t', '\r', '\f', '\v':
			s.pos++
		default:
			return
		}
	}
}

// isEllipsis reports whether a MATLAB continuation "..." starts at pos.
func (s *scanner) isEllipsis() bool {
	return s.peek() == '.' && s.peekAt(1) == '.' && s.peekAt(2) == '.'
}

// skipToLineEnd moves to the next newline (not past it).
func (s *scanner) skipToLineEnd() {
	for !s.eof() && s.peek() != '\n' {
		s.pos++
	}
}

// skipContinuation skips "..." and the rest of its line, newline
// included.
func (s *scanner) skipContinuation() {
	s.skipToLineEnd()
	s.advance()
}

// skipArgSpace skips what may separate the tokens of a call's arguments:
// blanks and continuations.
func (s *scanner) skipArgSpace() {
	for {
		s.skipBlanks()
		if s.isEllipsis() {
			s.skipContinuation()
			continue
		}
		return
	}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

// ident reads an identifier at pos ("" if there is none).
func (s *scanner) ident() string {
	if !isLetter(s.peek()) {
		return ""
	}
	start := s.pos
	for !s.eof() && (isLetter(s.peek()) || isDigit(s.peek()) || s.peek() == '_') {
		s.pos++
	}
	return string(s.src[start:s.pos])
}

// callArgs reads the arguments of a call, the opening parenthesis being
// at pos, up to and past the closing one.
func (s *scanner) callArgs(what string) ([]value, error) {
	open := s.line
	s.pos++ // '('
	var args []value
	s.skipArgSpace()
	if s.peek() == ')' {
		s.pos++
		return args, nil
	}
	for {
		s.skipArgSpace()
		v, err := s.value()
		if err != nil {
			return nil, err
		}
		args = append(args, v)
		s.skipArgSpace()
		switch c := s.peek(); c {
		case ',':
			s.pos++
		case ')':
			s.pos++
			return args, nil
		case '\n':
			return nil, s.errf("%s: the parenthesis opened on line %d is not closed on this line: close it, or end the line with ... to continue the call on the next line", what, open)
		case 0:
			return nil, s.errf("%s: the file ends before the parenthesis opened on line %d is closed", what, open)
		case '%':
			return nil, s.errf("%s: a comment starts before the closing parenthesis: close the call first", what)
		case ';', '}':
			return nil, s.errf("%s: the parenthesis opened on line %d is not closed before %s: close it", what, open, quoteByte(c))
		default:
			return nil, s.errf("%s: after argument %d, found %s where ',' or ')' should be: write each argument as a literal value (a number, a '...' string, a [...] array, true/false or struct(...)), not an expression", what, len(args), quoteByte(c))
		}
	}
}

func quoteByte(c byte) string {
	if c >= 0x20 && c < 0x7f {
		return fmt.Sprintf("'%c'", c)
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

// value reads one MATLAB literal, as PyAT's load_m converts it: numbers
// (Python int when written without '.' or exponent), strings, [...]
// arrays (numpy float64, squeezed), true/false, struct(...).
func (s *scanner) value() (value, error) {
	s.depth++
	defer func() { s.depth-- }()
	if s.depth > maxDepth {
		return value{}, s.errf("values nested more than %d deep", maxDepth)
	}
	c := s.peek()
	var v value
	var err error
	switch {
	case c == '\'' || c == '"':
		v, err = s.str()
	case c == '[':
		v, err = s.array()
	case c == '{':
		return value{}, s.errf("cell arrays {...} are not part of the AT text format (PyAT's load_m cannot read them either): write the value as a [...] array or a string")
	case isDigit(c) || c == '.' || c == '+' || c == '-':
		v, err = s.scalar()
	case isLetter(c):
		v, err = s.word()
	case c == 0:
		return value{}, s.errf("the file ends where a value should be")
	default:
		return value{}, s.errf("found %s where a value should be: write a number, a '...' string, a [...] array, true/false or struct(...)", quoteByte(c))
	}
	if err != nil {
		return value{}, err
	}
	// MATLAB's postfix transpose.
	for s.peek() == '\'' && (v.kind == kArray || v.kind == kInt || v.kind == kFloat) {
		s.pos++
		v = v.transpose()
	}
	return v, nil
}

// str reads a '...' or "..." string; a doubled quote stands for one.
func (s *scanner) str() (value, error) {
	q := s.peek()
	s.pos++
	var b strings.Builder
	for {
		if s.eof() || s.peek() == '\n' {
			return value{}, s.errf("string not closed on its line: end it with %c (write %c%c for a %c inside it)", q, q, q, q)
		}
		c := s.peek()
		s.pos++
		if c == q {
			if s.peek() == q {
				s.pos++
				b.WriteByte(q)
				continue
			}
			return strVal(b.String()), nil
		}
		b.WriteByte(c)
	}
}

// word reads a literal spelled with letters: true, false, Inf, NaN,
// struct(...).
func (s *scanner) word() (value, error) {
	line := s.line
	w := s.ident()
	switch w {
	case "true", "True":
		return value{kind: kBool, b: true}, nil
	case "false", "False":
		return value{kind: kBool, b: false}, nil
	}
	if f, ok := special(w); ok {
		return floatVal(f), nil
	}
	if w == "zeros" {
		// MATLAB's mat2str writes an empty matrix as zeros(m,n).
		s.skipBlanks()
		if s.peek() == '(' {
			args, err := s.callArgs("zeros(...)")
			if err != nil {
				return value{}, err
			}
			if len(args) == 2 && args[0].kind == kInt && args[1].kind == kInt && args[0].i >= 0 && args[1].i >= 0 && (args[0].i == 0 || args[1].i == 0) {
				return matVal(1, 0, []float64{}), nil
			}
		}
		return value{}, &Error{File: s.file, Line: line, Msg: "zeros(...) is read only as mat2str writes an empty matrix, zeros(m,n) with m or n 0: write other arrays as [...]"}
	}
	if w == "struct" {
		s.skipBlanks()
		if s.peek() != '(' {
			return value{}, s.errf("struct must be followed by (")
		}
		args, err := s.callArgs("struct(...)")
		if err != nil {
			return value{}, err
		}
		if len(args)%2 != 0 {
			return value{}, &Error{File: s.file, Line: line, Msg: fmt.Sprintf("struct(...) has %d arguments: it needs 'name',value pairs", len(args))}
		}
		v := value{kind: kStruct}
		for i := 0; i < len(args); i += 2 {
			if args[i].kind != kString {
				return value{}, &Error{File: s.file, Line: line, Msg: fmt.Sprintf("struct(...): argument %d is %s where a field name ('name') should be", i+1, args[i].describe())}
			}
			v.fields = setField(v.fields, args[i].s, args[i+1])
		}
		return v, nil
	}
	return value{}, &Error{File: s.file, Line: line, Msg: fmt.Sprintf("%s is a variable or a function call, not a literal value: the AT text format holds numbers, '...' strings, [...] arrays, true/false and struct(...) only (a file that computes values is a MATLAB script: run it in MATLAB/Octave and save the lattice with atwritem or save('ring.mat','RING'))", w)}
}

// setField sets name in a field list, keeping the position of an
// existing name as a Python dict does.
func setField(fs []field, name string, v value) []field {
	for i := range fs {
		if fs[i].name == name {
			fs[i].val = v
			return fs
		}
	}
	return append(fs, field{name, v})
}

// special reads the spellings of infinity and not-a-number that MATLAB
// and Python's float() accept.
func special(w string) (float64, bool) {
	switch strings.ToLower(w) {
	case "inf", "infinity":
		return math.Inf(1), true
	case "nan":
		return math.NaN(), true
	}
	return 0, false
}

// number reads an unsigned decimal number at pos. isInt is true when it
// has neither a decimal point nor an exponent. ok is false when no digit
// is there.
func (s *scanner) number() (text string, isInt, ok bool) {
	start := s.pos
	digits := 0
	for isDigit(s.peek()) {
		s.pos++
		digits++
	}
	isInt = true
	// A '.' starts the fraction unless it starts a "..." continuation.
	if s.peek() == '.' && !(s.peekAt(1) == '.' && s.peekAt(2) == '.') {
		isInt = false
		s.pos++
		for isDigit(s.peek()) {
			s.pos++
			digits++
		}
	}
	if digits == 0 {
		s.pos = start
		return "", false, false
	}
	if c := s.peek(); c == 'e' || c == 'E' {
		save := s.pos
		s.pos++
		if c := s.peek(); c == '+' || c == '-' {
			s.pos++
		}
		if !isDigit(s.peek()) {
			s.pos = save
		} else {
			isInt = false
			for isDigit(s.peek()) {
				s.pos++
			}
		}
	}
	return string(s.src[start:s.pos]), isInt, true
}

// scalar reads a signed number, Inf or NaN outside brackets.
func (s *scanner) scalar() (value, error) {
	neg := false
	if c := s.peek(); c == '+' || c == '-' {
		neg = c == '-'
		s.pos++
		s.skipBlanks()
	}
	if isLetter(s.peek()) {
		w := s.ident()
		f, ok := special(w)
		if !ok {
			return value{}, s.errf("%s is not a number: the AT text format holds literal values only", w)
		}
		if neg {
			f = -f
		}
		return floatVal(f), nil
	}
	text, isInt, ok := s.number()
	if !ok {
		return value{}, s.errf("found %s where a number should be", quoteByte(s.peek()))
	}
	if err := s.numberEnd(); err != nil {
		return value{}, err
	}
	if isInt {
		if i, err := strconv.ParseInt(text, 10, 64); err == nil {
			if neg {
				i = -i
			}
			return intVal(i), nil
		}
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil && !isRangeErr(err) {
		return value{}, s.errf("%s is not a number: %v", text, err)
	}
	if neg {
		f = -f
	}
	return floatVal(f), nil
}

// numberEnd checks that a number is not glued to letters (1x2, 3i).
func (s *scanner) numberEnd() error {
	if c := s.peek(); isLetter(c) || c == '_' {
		return s.errf("a number is followed by %s: write numbers in decimal (1.5, -2e-3), without units, complex parts or hexadecimal", quoteByte(c))
	}
	return nil
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// array reads a [...] matrix as PyAT's load_m does: numbers separated by
// blanks or commas, rows by ';' or new lines; inner brackets are ignored
// (numpy's [[1. 0.]; [0. 1.]] form). The result is squeezed as numpy
// squeezes it.
func (s *scanner) array() (value, error) {
	open := s.line
	s.pos++ // '['
	depth := 1
	var rows [][]float64
	var cur []float64
	endRow := func() error {
		if len(cur) == 0 {
			return nil // MATLAB ignores empty rows
		}
		if len(rows) > 0 && len(cur) != len(rows[0]) {
			return s.errf("the rows of the array opened on line %d have different lengths (%d and %d numbers): every row needs the same number of columns", open, len(rows[0]), len(cur))
		}
		rows = append(rows, cur)
		cur = nil
		return nil
	}
	for {
		c := s.peek()
		switch {
		case c == 0:
			return value{}, s.errf("the file ends inside the array opened on line %d: close it with ]", open)
		case c == ' ' || c == '\t' || c == '\r' || c == ',':
			s.pos++
		case c == '\n' || c == ';':
			if err := endRow(); err != nil {
				return value{}, err
			}
			s.advance()
		case s.isEllipsis():
			s.skipContinuation()
		case c == '%':
			s.skipToLineEnd()
		case c == '[':
			depth++
			if depth > maxDepth {
				return value{}, s.errf("arrays nested more than %d deep", maxDepth)
			}
			s.pos++
		case c == ']':
			depth--
			s.pos++
			if depth == 0 {
				if err := endRow(); err != nil {
					return value{}, err
				}
				if len(rows) == 0 {
					return matVal(1, 0, []float64{}), nil
				}
				data := make([]float64, 0, len(rows)*len(rows[0]))
				for _, r := range rows {
					data = append(data, r...)
				}
				return matVal(len(rows), len(rows[0]), data), nil
			}
		default:
			f, err := s.arrayItem()
			if err != nil {
				return value{}, err
			}
			cur = append(cur, f)
		}
	}
}

// arrayItem reads one number of an array: a signed decimal number, Inf,
// NaN, true or false.
func (s *scanner) arrayItem() (float64, error) {
	neg := false
	if c := s.peek(); c == '+' || c == '-' {
		neg = c == '-'
		s.pos++
	}
	var f float64
	if isLetter(s.peek()) {
		w := s.ident()
		switch w {
		case "true":
			f = 1
		case "false":
			f = 0
		default:
			g, ok := special(w)
			if !ok {
				return 0, s.errf("%s inside [...] is not a number: arrays of the AT text format hold literal numbers only", w)
			}
			f = g
		}
	} else {
		text, _, ok := s.number()
		if !ok {
			if neg {
				return 0, s.errf("a sign stands alone inside [...]: write the number right after it (-2, not - 2); expressions are not supported")
			}
			return 0, s.errf("found %s inside [...] where a number should be", quoteByte(s.peek()))
		}
		if err := s.numberEnd(); err != nil {
			return 0, err
		}
		var err error
		f, err = strconv.ParseFloat(text, 64)
		if err != nil && !isRangeErr(err) {
			return 0, s.errf("%s is not a number: %v", text, err)
		}
	}
	if neg {
		f = -f
	}
	return f, nil
}
