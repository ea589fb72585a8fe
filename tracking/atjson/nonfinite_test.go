package atjson

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestRawAttributeKeepsNonFinite reads a lattice as PyAT saves it after
// tracking with a SliceMoments element: _means is a 3-D array (kept as
// JSON) with NaN for empty slices. The value must come back verbatim, and
// be written back with bare NaN/Infinity tokens, as Python's json writes
// them.
func TestRawAttributeKeepsNonFinite(t *testing.T) {
	src := `{"atjson": 1, "elements": [{"FamName": "SM", "PassMethod": "SliceMomentsPass", "nslice": 1,
		"_means": [[[NaN, 1.0]], [[2.0, Infinity]], [[-Infinity, 0.5]]]}], "properties": {"energy": 1e9}}`
	lat, err := ParseLattice([]byte(src), "sm.json")
	if err != nil {
		t.Fatal(err)
	}
	want := `[[[NaN, 1.0]], [[2.0, Infinity]], [[-Infinity, 0.5]]]`
	v, _ := lat.Elements[0].Get("_means")
	raw, ok := v.(json.RawMessage)
	if !ok || string(raw) != want {
		t.Fatalf("_means read as %T %q, want the raw %q", v, v, want)
	}
	var b bytes.Buffer
	if err := WriteLattice(lat, &b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"_means": [[[NaN,1.0]],[[2.0,Infinity]],[[-Infinity,0.5]]]`) {
		t.Errorf("written as:\n%s", b.String())
	}
	again, err := ParseLattice(b.Bytes(), "again.json")
	if err != nil {
		t.Fatal(err)
	}
	v2, _ := again.Elements[0].Get("_means")
	if got := string(v2.(json.RawMessage)); got != `[[[NaN,1.0]],[[2.0,Infinity]],[[-Infinity,0.5]]]` {
		t.Errorf("read back as %q", got)
	}
}
