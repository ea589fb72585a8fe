package main

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/lattices"
)

// parseRefpts reads the --refpts selection of elements of lat: a comma
// list of items, each one of
//
//   - an element index: 0..ne, "end" standing for ne (the end of the
//     lattice), or negative as in Python: -1 is the last element (ne-1),
//     -ne the first (0);
//   - a range start:stop[:step] of such indices, stop excluded and step
//     positive, as in Python ("-10:end" is the last ten elements);
//   - a FamName pattern, selecting every element whose FamName it
//     matches as PyAT's refpts strings do (Python's fnmatch.fnmatchcase:
//     "*", "?", "[seq]", "[!seq]", case-sensitive, the whole name).
//
// An item containing ":" is a range; any other item that is neither an
// integer nor "end" is a pattern. ne is len(lat.Elements). The result is
// sorted without duplicates; an empty s gives nil.
func parseRefpts(s string, lat *tracking.Lattice) ([]int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	ne := len(lat.Elements)
	seen := make(map[int]bool)
	var out []int
	add := func(v int) {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		switch {
		case item == "":
			return nil, fmt.Errorf("empty item in %q", s)
		case strings.Contains(item, ":"):
			parts := strings.Split(item, ":")
			if len(parts) > 3 {
				return nil, fmt.Errorf("%q is not a range start:stop[:step]", item)
			}
			a, err := refptIndex(parts[0], ne)
			if err != nil {
				return nil, fmt.Errorf("range %q: %w", item, err)
			}
			b, err := refptIndex(parts[1], ne)
			if err != nil {
				return nil, fmt.Errorf("range %q: %w", item, err)
			}
			step := 1
			if len(parts) == 3 {
				if step, err = strconv.Atoi(strings.TrimSpace(parts[2])); err != nil || step < 1 {
					return nil, fmt.Errorf("range %q: step must be a positive integer", item)
				}
			}
			if b < a {
				return nil, fmt.Errorf("range %q is empty (from %d to %d)", item, a, b)
			}
			for v := a; v < b; v += step {
				add(v)
			}
		case isIndex(item):
			v, err := refptIndex(item, ne)
			if err != nil {
				return nil, err
			}
			add(v)
		default:
			m, err := compileFamPattern(item)
			if err != nil {
				return nil, err
			}
			n := 0
			for i, e := range lat.Elements {
				if m.match(e.FamName) {
					add(i)
					n++
				}
			}
			if n == 0 {
				return nil, noMatchError(item, lat)
			}
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no element selected")
	}
	slices.Sort(out)
	return out, nil
}

// isIndex reports whether t is written as an element index: an integer
// or "end".
func isIndex(t string) bool {
	if t == "end" {
		return true
	}
	_, err := strconv.Atoi(t)
	return err == nil
}

// refptIndex reads an element index of a lattice of ne elements: "end"
// (ne), 0..ne, or -ne..-1 counted from the end as in Python (-1 is ne-1).
func refptIndex(t string, ne int) (int, error) {
	t = strings.TrimSpace(t)
	if t == "end" {
		return ne, nil
	}
	v, err := strconv.Atoi(t)
	if err != nil {
		return 0, fmt.Errorf("%q is not an element index or \"end\"", t)
	}
	if v < -ne || v > ne {
		last := "none"
		if ne > 0 {
			last = fmt.Sprintf("-1 is element %d", ne-1)
		}
		return 0, fmt.Errorf("index %d out of range: the lattice has %d elements, valid indices are 0..%d (%d = end) and -%d..-1 (%s)",
			v, ne, ne, ne, ne, last)
	}
	if v < 0 {
		v += ne
	}
	return v, nil
}

// noMatchError is the error for a FamName pattern that selects nothing in
// lat: it names the lattice and the command that lists its elements.
func noMatchError(pattern string, lat *tracking.Lattice) error {
	name := lat.Name
	if name == "" {
		name = "(unnamed)"
	}
	where, list := "", "gotrack lattice LATTICE.json --list"
	switch lat.File {
	case "":
	case lattices.DefaultFile:
		where, list = " (built in)", "gotrack lattice --list"
		if lat.Periodicity <= 1 { // the full ring, which track tracks by default
			list = "gotrack lattice --ring --list"
		}
	default:
		where, list = " ("+lat.File+")", "gotrack lattice "+shellQuote(lat.File)+" --list"
	}
	return fmt.Errorf("pattern %q matches no element's FamName in lattice %s%s; %q lists the elements", pattern, name, where, list)
}

// shellQuote quotes s for a POSIX shell when it holds characters other
// than letters, digits and ./_-+=:,@%.
func shellQuote(s string) string {
	plain := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("./_-+=:,@%", r)) {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// famPattern is a compiled FamName pattern (see compileFamPattern).
type famPattern []patternItem

// patternItem is one step of a famPattern: a run of any characters
// (star), one character (any), a set of characters, or a literal one.
type patternItem struct {
	star, any bool
	set       *runeSet
	lit       rune
}

// runeSet is a bracket expression: ranges of characters, negated by "!".
type runeSet struct {
	negate bool
	ranges [][2]rune // inclusive bounds; lo > hi matches nothing
}

func (s *runeSet) contains(r rune) bool {
	in := false
	for _, lr := range s.ranges {
		if lr[0] <= r && r <= lr[1] {
			in = true
			break
		}
	}
	return in != s.negate
}

// compileFamPattern compiles a pattern with the syntax of Python's
// fnmatch: "*" matches any run of characters (including none), "?" any
// one character, "[seq]" one character of seq and "[!seq]" one character
// not in seq, where seq holds characters and ranges a-z ("]" first and
// "-" first or last stand for themselves, a range whose ends are in
// decreasing order matches nothing). A "[" without a closing "]" is a
// literal "[". Every other character, "/" and "\" included, stands for
// itself, and matching is case-sensitive.
func compileFamPattern(pat string) (famPattern, error) {
	p := []rune(pat)
	var out famPattern
	for i := 0; i < len(p); {
		c := p[i]
		i++
		switch c {
		case '*':
			if len(out) == 0 || !out[len(out)-1].star {
				out = append(out, patternItem{star: true})
			}
		case '?':
			out = append(out, patternItem{any: true})
		case '[':
			// Find the closing "]": a "]" right after "[" or "[!" is a
			// member of the set.
			j := i
			if j < len(p) && p[j] == '!' {
				j++
			}
			if j < len(p) && p[j] == ']' {
				j++
			}
			for j < len(p) && p[j] != ']' {
				j++
			}
			if j >= len(p) {
				out = append(out, patternItem{lit: '['})
				continue
			}
			set := &runeSet{}
			body := p[i:j]
			if len(body) > 0 && body[0] == '!' {
				set.negate = true
				body = body[1:]
			}
			for k := 0; k < len(body); {
				if k+2 < len(body) && body[k+1] == '-' {
					set.ranges = append(set.ranges, [2]rune{body[k], body[k+2]})
					k += 3
				} else {
					set.ranges = append(set.ranges, [2]rune{body[k], body[k]})
					k++
				}
			}
			out = append(out, patternItem{set: set})
			i = j + 1
		default:
			out = append(out, patternItem{lit: c})
		}
	}
	if len(out) == 0 {
		return nil, errors.New("empty FamName pattern")
	}
	return out, nil
}

// match reports whether the whole of name matches the pattern.
func (m famPattern) match(name string) bool {
	s := []rune(name)
	// Greedy matching with backtracking to the last star: on a mismatch,
	// the last star swallows one more character and matching resumes
	// after it. Stars before the last never need to be revisited, as
	// every other item matches exactly one character.
	pi, si := 0, 0
	starPi, starSi := -1, 0
	for si < len(s) {
		if pi < len(m) {
			it := m[pi]
			switch {
			case it.star:
				starPi, starSi = pi, si
				pi++
				continue
			case it.any,
				it.set != nil && it.set.contains(s[si]),
				it.set == nil && it.lit == s[si]:
				pi++
				si++
				continue
			}
		}
		if starPi < 0 {
			return false
		}
		starSi++
		pi, si = starPi+1, starSi
	}
	for pi < len(m) && m[pi].star {
		pi++
	}
	return pi == len(m)
}
