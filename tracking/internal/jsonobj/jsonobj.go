// Package jsonobj decodes JSON objects keeping their keys' order, for the
// AT JSON codec and the PyAT reference-case reader.
package jsonobj

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Ordered decodes a JSON object into its keys and raw values, in file
// order (a Go map would lose the order, which AT JSON files give meaning:
// the elements' attributes as written, the order of C attributes).
func Ordered(raw json.RawMessage) ([]string, []json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil {
		return nil, nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, nil, fmt.Errorf("want a JSON object, got %s", strings.TrimSpace(string(raw[:min(len(raw), 20)])))
	}
	var keys []string
	var vals []json.RawMessage
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		k, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, nil, fmt.Errorf("key %q: %w", k, err)
		}
		keys = append(keys, k)
		vals = append(vals, v)
	}
	return keys, vals, nil
}
