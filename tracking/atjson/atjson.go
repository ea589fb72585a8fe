package atjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/gotrack/gotrack/tracking"

	"github.com/gotrack/gotrack/tracking/internal/attrval"
	"github.com/gotrack/gotrack/tracking/internal/jsonobj"
)

// nonFiniteMark prefixes the string that replaces a NaN or Infinity token
// before decoding; it cannot occur in a real attribute.
const nonFiniteMark = "\x7fnonfinite:"

// LoadLattice reads an AT JSON lattice file (PyAT's Lattice.save format).
func LoadLattice(path string) (*tracking.Lattice, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load lattice: %w", err)
	}
	return ParseLattice(data, path)
}

// ReadLattice reads an AT JSON lattice from r; name is used in errors.
func ReadLattice(r io.Reader, name string) (*tracking.Lattice, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: read lattice: %w", name, err)
	}
	return ParseLattice(data, name)
}

// ParseLattice parses an AT JSON lattice held in data; name is used in
// errors. It never panics: malformed input gives an error naming the file,
// and, where it applies, the element and attribute.
func ParseLattice(data []byte, name string) (*tracking.Lattice, error) {
	fail := func(format string, a ...any) error {
		return fmt.Errorf("%s: %s", name, fmt.Sprintf(format, a...))
	}
	data = markNonFinite(data)
	var top struct {
		ATJSON     *int              `json:"atjson"`
		ATVersion  string            `json:"at_version"`
		Elements   []json.RawMessage `json:"elements"`
		Properties json.RawMessage   `json:"properties"`
	}
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, fail("not an AT JSON lattice: %s", jsonErr(data, err))
	}
	if top.ATJSON == nil {
		return nil, fail(`not an AT JSON lattice: no "atjson" key`)
	}
	if *top.ATJSON != 1 {
		return nil, fail(`unsupported "atjson" version %d (gotrack reads version 1)`, *top.ATJSON)
	}
	if top.Elements == nil {
		return nil, fail(`no "elements" list`)
	}
	lat := &tracking.Lattice{File: name, ATVersion: top.ATVersion, Periodicity: 1}
	if err := parseProperties(lat, top.Properties); err != nil {
		return nil, fail("properties: %v", err)
	}
	lat.Elements = make([]*tracking.Element, len(top.Elements))
	for i, raw := range top.Elements {
		e, err := parseElement(raw)
		if err != nil {
			var ee *tracking.ElementError
			if errors.As(err, &ee) {
				ee.File, ee.Index = name, i
				return nil, ee
			}
			return nil, &tracking.ElementError{File: name, Index: i, Err: err}
		}
		lat.Elements[i] = e
	}
	return lat, nil
}

// jsonErr adds the line and column to a JSON syntax error.
func jsonErr(data []byte, err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) && se.Offset <= int64(len(data)) {
		line := 1 + bytes.Count(data[:se.Offset], []byte("\n"))
		col := se.Offset - int64(bytes.LastIndexByte(data[:se.Offset], '\n'))
		return fmt.Sprintf("line %d, column %d: %v", line, col, err)
	}
	return err.Error()
}

// markNonFinite replaces the bare NaN, Infinity and -Infinity tokens that
// Python's json writes by marked strings, so that decoding succeeds and the
// error can name the attribute.
func markNonFinite(data []byte) []byte {
	if !bytes.Contains(data, []byte("NaN")) && !bytes.Contains(data, []byte("Infinity")) {
		return data
	}
	var out bytes.Buffer
	inStr, esc := false, false
	for i := 0; i < len(data); i++ {
		c := data[i]
		if inStr {
			out.WriteByte(c)
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
			}
			continue
		}
		if c == '"' {
			inStr = true
			out.WriteByte(c)
			continue
		}
		matched := false
		for _, tok := range []string{"-Infinity", "Infinity", "NaN"} {
			if bytes.HasPrefix(data[i:], []byte(tok)) {
				out.WriteString(`"` + nonFiniteMark + tok + `"`)
				i += len(tok) - 1
				matched = true
				break
			}
		}
		if !matched {
			out.WriteByte(c)
		}
	}
	return out.Bytes()
}

// unmarkNonFinite returns a copy of raw with the marked strings of
// markNonFinite turned back into the bare NaN, Infinity and -Infinity
// tokens of the file, so that a value kept as json.RawMessage (say a 3-D
// array of moments with NaN for empty slices) is kept verbatim.
func unmarkNonFinite(raw []byte) json.RawMessage {
	out := append(json.RawMessage(nil), raw...)
	if !bytes.Contains(out, []byte(nonFiniteMark)) {
		return out
	}
	for _, tok := range []string{"-Infinity", "Infinity", "NaN"} {
		out = bytes.ReplaceAll(out, []byte(`"`+nonFiniteMark+tok+`"`), []byte(tok))
	}
	return out
}

// parseValue turns a raw JSON value into an attribute value (see Attr).
func parseValue(raw json.RawMessage) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	switch x := v.(type) {
	case json.Number:
		return parseNumber(x)
	case string:
		if strings.HasPrefix(x, nonFiniteMark) {
			return nonFinite(strings.TrimPrefix(x, nonFiniteMark)), nil
		}
		return x, nil
	case []any:
		if vec, ok, err := numberList(x); ok || err != nil {
			return vec, err
		}
		m := make([][]float64, len(x))
		for i, row := range x {
			r, ok := row.([]any)
			if !ok {
				return unmarkNonFinite(raw), nil
			}
			vec, ok, err := numberList(r)
			if err != nil {
				return nil, fmt.Errorf("row %d: %w", i, err)
			}
			if !ok {
				return unmarkNonFinite(raw), nil
			}
			m[i] = vec
		}
		return m, nil
	}
	return unmarkNonFinite(raw), nil
}

// numberList converts a JSON list of numbers. ok is false when some item
// is not a number; err is set for a non-finite item.
func numberList(x []any) ([]float64, bool, error) {
	if len(x) == 0 {
		return []float64{}, true, nil
	}
	vec := make([]float64, len(x))
	for i, it := range x {
		switch n := it.(type) {
		case json.Number:
			f, err := strconv.ParseFloat(string(n), 64)
			if err != nil {
				return nil, false, fmt.Errorf("item %d: %w", i, err)
			}
			vec[i] = f
		case string:
			if strings.HasPrefix(n, nonFiniteMark) {
				return nil, false, fmt.Errorf("item %d is %s: values must be finite", i, strings.TrimPrefix(n, nonFiniteMark))
			}
			return nil, false, nil
		default:
			return nil, false, nil
		}
	}
	return vec, true, nil
}

func parseNumber(n json.Number) (any, error) {
	s := string(n)
	if !strings.ContainsAny(s, ".eE") {
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return i, nil
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, err
	}
	return f, nil
}

func parseElement(raw json.RawMessage) (*tracking.Element, error) {
	keys, vals, err := jsonobj.Ordered(raw)
	if err != nil {
		return nil, err
	}
	e := &tracking.Element{}
	for i, k := range keys {
		v, err := parseValue(vals[i])
		if err != nil {
			return nil, &tracking.ElementError{FamName: e.FamName, Attr: k, Err: err}
		}
		switch k {
		case "FamName", "PassMethod":
			s, ok := v.(string)
			if !ok {
				return nil, &tracking.ElementError{Attr: k, Err: fmt.Errorf("want a string, got %s", describe(v))}
			}
			if k == "FamName" {
				e.FamName = s
			} else {
				e.PassMethod = s
			}
			continue
		}
		if nf, ok := v.(nonFinite); ok {
			return nil, &tracking.ElementError{FamName: e.FamName, Attr: k, Err: fmt.Errorf("value is %s: values must be finite", string(nf))}
		}
		e.Attrs = append(e.Attrs, tracking.Attr{Name: k, Value: v})
	}
	if e.PassMethod == "" {
		return nil, &tracking.ElementError{FamName: e.FamName, Attr: "PassMethod", Err: errors.New("missing")}
	}
	for _, a := range e.Attrs {
		if err := checkFinite(a.Value); err != nil {
			return nil, &tracking.ElementError{FamName: e.FamName, Attr: a.Name, Err: err}
		}
	}
	return e, nil
}

func checkFinite(v any) error {
	switch x := v.(type) {
	case float64:
		if !attrval.Finite(x) {
			return fmt.Errorf("value %v is not finite", x)
		}
	case []float64:
		for i, f := range x {
			if !attrval.Finite(f) {
				return fmt.Errorf("item %d is %v: values must be finite", i, f)
			}
		}
	case [][]float64:
		for i, r := range x {
			for j, f := range r {
				if !attrval.Finite(f) {
					return fmt.Errorf("item [%d][%d] is %v: values must be finite", i, j, f)
				}
			}
		}
	}
	return nil
}

func parseProperties(l *tracking.Lattice, raw json.RawMessage) error {
	if len(raw) == 0 {
		return errors.New(`missing: the lattice needs at least "energy"`)
	}
	keys, vals, err := jsonobj.Ordered(raw)
	if err != nil {
		return err
	}
	haveEnergy := false
	for i, k := range keys {
		v, err := parseValue(vals[i])
		if err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
		num := func() (float64, error) {
			switch x := v.(type) {
			case float64:
				if !attrval.Finite(x) {
					return 0, fmt.Errorf("%s: value must be finite", k)
				}
				return x, nil
			case int64:
				return float64(x), nil
			}
			return 0, fmt.Errorf("%s: want a number, got %s", k, describe(v))
		}
		switch k {
		case "name":
			s, ok := v.(string)
			if !ok {
				return fmt.Errorf("name: want a string, got %s", describe(v))
			}
			l.Name = s
		case "energy":
			f, err := num()
			if err != nil {
				return err
			}
			if f <= 0 {
				return fmt.Errorf("energy: must be positive, got %v eV", f)
			}
			l.Energy, haveEnergy = f, true
		case "periodicity", "harmonic_number":
			f, err := num()
			if err != nil {
				return err
			}
			if f != math.Trunc(f) || f < 0 || f > math.MaxInt32 {
				return fmt.Errorf("%s: want a non-negative integer, got %v", k, f)
			}
			if k == "periodicity" {
				l.Periodicity = int(f)
			} else {
				l.HarmonicNumber = int(f)
			}
		case "particle":
			if err := parseParticle(l, vals[i]); err != nil {
				return fmt.Errorf("particle: %w", err)
			}
		default:
			if nf, ok := v.(nonFinite); ok {
				return fmt.Errorf("%s: value is %s: values must be finite", k, string(nf))
			}
			l.Properties = append(l.Properties, tracking.Attr{Name: k, Value: v})
		}
	}
	if !haveEnergy {
		return errors.New(`missing "energy"`)
	}
	if l.Particle.Name == "" {
		l.Particle = tracking.Particle{Name: "relativistic", Charge: -1}
	}
	return nil
}

func parseParticle(l *tracking.Lattice, raw json.RawMessage) error {
	keys, vals, err := jsonobj.Ordered(raw)
	if err != nil {
		return err
	}
	p := tracking.Particle{Charge: -1}
	for i, k := range keys {
		v, err := parseValue(vals[i])
		if err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
		switch k {
		case "name":
			s, ok := v.(string)
			if !ok {
				return fmt.Errorf("name: want a string, got %s", describe(v))
			}
			p.Name = s
		case "rest_energy", "charge":
			var f float64
			switch x := v.(type) {
			case float64:
				f = x
			case int64:
				f = float64(x)
			default:
				return fmt.Errorf("%s: want a number, got %s", k, describe(v))
			}
			if !attrval.Finite(f) {
				return fmt.Errorf("%s: value must be finite", k)
			}
			if k == "rest_energy" {
				if f < 0 {
					return fmt.Errorf("rest_energy: must not be negative, got %v", f)
				}
				p.RestEnergy = f
			} else {
				p.Charge = f
			}
		}
	}
	if p.Name == "" {
		return errors.New(`missing "name"`)
	}
	l.Particle = p
	return nil
}

// Save writes the lattice to path in AT JSON format (see Write).
func SaveLattice(l *tracking.Lattice, path string) error {
	var b bytes.Buffer
	if err := WriteLattice(l, &b); err != nil {
		return err
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("save lattice: %w", err)
	}
	return nil
}

// Write writes the lattice in PyAT's JSON format ("atjson": 1), which
// PyAT's load_lattice reads back. Floats are written in Python's repr
// form (shortest round trip), so reading the file again gives the same
// numbers bit for bit.
func WriteLattice(l *tracking.Lattice, w io.Writer) error {
	var b bytes.Buffer
	ver := l.ATVersion
	if ver == "" {
		ver = "0.8.1"
	}
	fmt.Fprintf(&b, "{\n  \"atjson\": 1,\n  \"at_version\": %s,\n  \"elements\": [", quote(ver))
	for i, e := range l.Elements {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n    {")
		first := true
		field := func(k string, v any) {
			if !first {
				b.WriteString(",")
			}
			first = false
			fmt.Fprintf(&b, "\n      %s: ", quote(k))
			writeValue(&b, v, "      ")
		}
		field("FamName", e.FamName)
		if v, ok := e.Get("Length"); ok {
			field("Length", v)
		}
		field("PassMethod", e.PassMethod)
		for _, a := range e.Attrs {
			if a.Name != "Length" {
				field(a.Name, a.Value)
			}
		}
		b.WriteString("\n    }")
	}
	b.WriteString("\n  ],\n  \"properties\": {")
	fmt.Fprintf(&b, "\n    \"name\": %s,\n    \"energy\": %s,", quote(l.Name), attrval.JSONFloat(l.Energy))
	fmt.Fprintf(&b, "\n    \"particle\": {\n      \"name\": %s,\n      \"rest_energy\": %s,\n      \"charge\": %s\n    },",
		quote(l.Particle.Name), attrval.JSONFloat(l.Particle.RestEnergy), attrval.JSONFloat(l.Particle.Charge))
	fmt.Fprintf(&b, "\n    \"periodicity\": %d,\n    \"harmonic_number\": %d", l.Periodicity, l.HarmonicNumber)
	for _, a := range l.Properties {
		fmt.Fprintf(&b, ",\n    %s: ", quote(a.Name))
		writeValue(&b, a.Value, "    ")
	}
	b.WriteString("\n  }\n}\n")
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write lattice: %w", err)
	}
	return nil
}

func quote(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}

func writeValue(b *bytes.Buffer, v any, indent string) {
	switch x := v.(type) {
	case float64:
		b.WriteString(attrval.JSONFloat(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case string:
		b.WriteString(quote(x))
	case []float64:
		writeVector(b, x, indent)
	case [][]float64:
		if len(x) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteString("[")
		for i, r := range x {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n" + indent + "  ")
			writeVector(b, r, indent+"  ")
		}
		b.WriteString("\n" + indent + "]")
	case json.RawMessage:
		var c bytes.Buffer
		if json.Compact(&c, markNonFinite(x)) == nil {
			b.Write(unmarkNonFinite(c.Bytes()))
		} else {
			b.WriteString("null")
		}
	default:
		b.WriteString("null")
	}
}

func writeVector(b *bytes.Buffer, x []float64, indent string) {
	if len(x) == 0 {
		b.WriteString("[]")
		return
	}
	b.WriteString("[")
	for i, f := range x {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n" + indent + "  " + attrval.JSONFloat(f))
	}
	b.WriteString("\n" + indent + "]")
}

// ParseElement parses one element object as PyAT writes it in the
// "elements" list of a lattice file.
func ParseElement(raw []byte) (*tracking.Element, error) {
	e, err := parseElement(markNonFinite(raw))
	if err != nil {
		return nil, fmt.Errorf("parse element: %w", err)
	}
	return e, nil
}
