package madx

import (
	"fmt"
	"strings"
)

// tokKind classifies a token of a MAD-X statement.
type tokKind int

const (
	tIdent  tokKind = iota // identifier (letters, digits, '_', '.')
	tNumber                // numeric literal
	tString                // quoted string, quotes removed
	tPunct                 // operator or punctuation
)

// token is one lexical item of a statement with the line it starts on.
type token struct {
	kind tokKind
	text string // identifiers keep their case; see lower
	line int
}

func (t token) is(p string) bool { return t.kind == tPunct && t.text == p }

func (t token) lower() string { return strings.ToLower(t.text) }

// statement is the token list of one ';'-terminated MAD-X statement.
type statement struct {
	file string
	line int // line of the first token
	toks []token
}

// splitStatements removes the comments (!, //, /* */) and splits src into
// statements at ';', tokenising each. A statement left without its ';' at
// the end of the file is kept, as PyAT does.
func splitStatements(src, file string) ([]statement, error) {
	var out []statement
	var cur []token
	line := 1
	n := len(src)
	flush := func() {
		if len(cur) > 0 {
			out = append(out, statement{file: file, line: cur[0].line, toks: cur})
		}
		cur = nil
	}
	for i := 0; i < n; {
		c := src[i]
		switch {
		case c == '\n':
			line++
			i++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '!' || (c == '/' && i+1 < n && src[i+1] == '/'):
			for i < n && src[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < n && src[i+1] == '*':
			start := line
			j := strings.Index(src[i+2:], "*/")
			if j < 0 {
				return nil, fmt.Errorf("%s:%d: block comment /* is never closed: add */", file, start)
			}
			line += strings.Count(src[i:i+2+j], "\n")
			i += j + 4
		case c == ';':
			flush()
			i++
		case c == '"' || c == '\'':
			j := strings.IndexByte(src[i+1:], c)
			if j < 0 {
				return nil, fmt.Errorf("%s:%d: string %c... is never closed: add the closing %c", file, line, c, c)
			}
			s := src[i+1 : i+1+j]
			cur = append(cur, token{tString, s, line})
			line += strings.Count(s, "\n")
			i += j + 2
		case isIdentStart(c) || (c == '.' && i+1 < n && isLetter(src[i+1])):
			j := i + 1
			for j < n && isIdentChar(src[j]) {
				j++
			}
			cur = append(cur, token{tIdent, src[i:j], line})
			i = j
		case isDigit(c) || (c == '.' && i+1 < n && isDigit(src[i+1])):
			j := i
			for j < n && isDigit(src[j]) {
				j++
			}
			if j < n && src[j] == '.' {
				j++
				for j < n && isDigit(src[j]) {
					j++
				}
			}
			if j < n && (src[j] == 'e' || src[j] == 'E') {
				k := j + 1
				if k < n && (src[k] == '+' || src[k] == '-') {
					k++
				}
				if k < n && isDigit(src[k]) {
					for k < n && isDigit(src[k]) {
						k++
					}
					j = k
				}
			}
			cur = append(cur, token{tNumber, src[i:j], line})
			i = j
		default:
			two := ""
			if i+1 < n {
				two = src[i : i+2]
			}
			switch two {
			case ":=", "->", "==", "<=", ">=", "<>", "**":
				cur = append(cur, token{tPunct, two, line})
				i += 2
				continue
			}
			if strings.IndexByte(":=,(){}[]+-*/^<>&|", c) >= 0 {
				cur = append(cur, token{tPunct, string(c), line})
				i++
				continue
			}
			return nil, fmt.Errorf("%s:%d: unexpected character %q: remove it or quote the text", file, line, rune(c))
		}
	}
	flush()
	return out, nil
}

func isLetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isIdentStart(c byte) bool {
	return isLetter(c) || c == '_'
}
func isIdentChar(c byte) bool {
	return isLetter(c) || isDigit(c) || c == '_' || c == '.' || c == '$'
}

// normName turns a MAD-X name into its database key as PyAT does:
// lower case, '.' and ':' replaced by '_'.
func normName(s string) string {
	s = strings.ToLower(s)
	return strings.NewReplacer(".", "_", ":", "_").Replace(s)
}
