package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/lattices"
)

// listRows runs "gotrack lattice ARGS --list" and returns the header and
// the rows split into fields.
func listRows(t *testing.T, args ...string) (header string, rows [][]string) {
	t.Helper()
	code, stdout, stderr := gotrack(t, append([]string{"lattice", "--list"}, args...)...)
	if code != 0 {
		t.Fatalf("lattice --list %v: exit %d: %s", args, code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	for _, l := range lines[1:] {
		rows = append(rows, strings.Fields(l))
	}
	return lines[0], rows
}

// bpmRows returns the indices of the rows whose FamName starts with BPM.
func bpmRows(t *testing.T, rows [][]string) []int {
	t.Helper()
	var out []int
	for _, r := range rows {
		if strings.HasPrefix(r[1], "BPM") {
			i, err := strconv.Atoi(r[0])
			if err != nil {
				t.Fatalf("row %q: %v", r, err)
			}
			out = append(out, i)
		}
	}
	return out
}

func TestLatticeList(t *testing.T) {
	lat := lattices.Default()
	code, stdout, stderr := gotrack(t, "lattice", "--list")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != 1+122 {
		t.Fatalf("%d lines, want a header and 122 rows:\n%s", len(lines), stdout)
	}
	if got := strings.Fields(lines[0]); !reflect.DeepEqual(got, []string{"index", "FamName", "PassMethod", "Length", "[m]", "s", "[m]"}) {
		t.Errorf("header %q", lines[0])
	}
	// Aligned columns (Length and s to 15 significant digits): FamName starts at the same column on every line,
	// and the lengths and positions have their decimal point in one column.
	wantLines := map[int]string{
		0:   "index  FamName                PassMethod               Length [m]           s [m]",
		3:   "    2  DR_01                  DriftPass                2.6514                0",
		4:   "    3  BPM_01                 IdentityPass             0                     2.6514",
		13:  "   12  srdiag/emittance/id04  IdentityPass             0                     3.72682740769662",
		122: "  121  end                                                                  26.3742879523169",
	}
	for k, want := range wantLines {
		if lines[k] != want {
			t.Errorf("line %d:\n%q\nwant\n%q", k, lines[k], want)
		}
	}
	for k, l := range lines {
		if l[7:] != strings.TrimLeft(l[7:], " ") || l[6] != ' ' {
			t.Errorf("line %d: FamName does not start at column 7: %q", k, l)
		}
	}

	s := 0.0
	for i, e := range lat.Elements {
		r := strings.Fields(lines[1+i])
		if len(r) != 5 || r[0] != strconv.Itoa(i) || r[1] != e.FamName || r[2] != e.PassMethod {
			t.Fatalf("row %d: %q, want %d %s %s", i, lines[1+i], i, e.FamName, e.PassMethod)
		}
		for c, want := range map[int]float64{3: e.Length(), 4: s} {
			v, err := strconv.ParseFloat(r[c], 64)
			if err != nil || math.Abs(v-want) > 1e-14*math.Abs(want) {
				t.Errorf("row %d column %d: %q, want %v", i, c, r[c], want)
			}
		}
		s += e.Length()
	}
	end := strings.Fields(lines[122])
	if len(end) != 3 || end[0] != "121" || end[1] != "end" {
		t.Fatalf("end row %q", lines[122])
	}
	sEnd, err := strconv.ParseFloat(end[2], 64)
	if want := lat.Length(); err != nil || math.Abs(sEnd-want) > 1e-12*want {
		t.Errorf("end row s %q, want %v", end[2], want)
	}

	// The elements --refpts 'BPM*' selects are the rows of the BPMs.
	_, rows := listRows(t)
	sel, err := parseRefpts("BPM*", lat)
	if err != nil {
		t.Fatal(err)
	}
	if got := bpmRows(t, rows); !reflect.DeepEqual(got, sel) || !reflect.DeepEqual(got, cellBPMs) {
		t.Errorf("BPM rows %v, --refpts BPM* %v, want %v", got, sel, cellBPMs)
	}
}

// TestLatticeListRing lists the full ring that track tracks by default,
// and a lattice file repeated by --ring.
func TestLatticeListRing(t *testing.T) {
	_, rows := listRows(t, "--ring")
	if len(rows) != 3873 {
		t.Fatalf("%d rows, want 3873", len(rows))
	}
	ring := lattices.DefaultRing()
	if last := rows[3872]; last[0] != "3872" || last[1] != "end" || last[2] != "843.977214474127" {
		t.Errorf("end row %q, want 3872 end 843.977214474127 (ring length %.15g)", last, ring.Length())
	}
	if r := rows[121]; r[0] != "121" || r[1] != "RFC" || r[4] != "26.3742879523169" {
		t.Errorf("row 121 %q, want the second cell's RFC at 26.3742879523169 m", r)
	}
	sel, err := parseRefpts("BPM*", ring)
	if err != nil {
		t.Fatal(err)
	}
	if got := bpmRows(t, rows); len(got) != 320 || !reflect.DeepEqual(got, sel) {
		t.Errorf("%d BPM rows, --refpts BPM* %d elements: %v, %v", len(got), len(sel), got, sel)
	}

	_, rows = listRows(t, hmbaFile, "--ring")
	if len(rows) != 3873 || rows[3872][2] != "843.977214474127" {
		t.Errorf("%s --ring: %d rows, end row %q", hmbaFile, len(rows), rows[len(rows)-1])
	}
	code, stdout, stderr := gotrack(t, "lattice", hmbaFile, "--ring")
	if code != 0 || !strings.Contains(stdout, "elements:       3872\n") || !strings.Contains(stdout, "periodicity 1,") {
		t.Errorf("summary with --ring: exit %d\n%s%s", code, stdout, stderr)
	}
}

func TestLatticeListJSON(t *testing.T) {
	lat := lattices.Default()
	out := filepath.Join(t.TempDir(), "copy.json")
	code, stdout, stderr := gotrack(t, "lattice", "--list", "--json", "--write", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var raw []map[string]any
	if err := json.Unmarshal([]byte(stdout), &raw); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if len(raw) != 121 {
		t.Fatalf("%d objects, want 121 (no end row)", len(raw))
	}
	if want := (map[string]any{"index": 3.0, "FamName": "BPM_01", "PassMethod": "IdentityPass", "Length": 0.0, "s_pos": 2.6513999999999998}); !reflect.DeepEqual(raw[3], want) {
		t.Errorf("element 3: %v, want %v", raw[3], want)
	}
	var elems []elementRow
	if err := json.Unmarshal([]byte(stdout), &elems); err != nil {
		t.Fatal(err)
	}
	s := 0.0
	for i, e := range elems {
		le := lat.Elements[i]
		if e.Index != i || e.FamName != le.FamName || e.PassMethod != le.PassMethod || e.Length != le.Length() {
			t.Errorf("element %d: %+v, want %s %s %v", i, e, le.FamName, le.PassMethod, le.Length())
		}
		// Full precision: the running sum, bit for bit.
		if e.SPos != s {
			t.Errorf("element %d: s_pos %v, want %v", i, e.SPos, s)
		}
		s += e.Length
	}
	if s != lat.Length() {
		t.Errorf("last s_pos + Length = %v, want the lattice length %v", s, lat.Length())
	}
	// --write writes the file and adds nothing to the JSON.
	if _, err := os.Stat(out); err != nil {
		t.Error(err)
	}

	code, stdout, stderr = gotrack(t, "lattice", "--json")
	if code != 1 || stdout != "" || !strings.Contains(stderr, "--json applies to --list") || !strings.Contains(stderr, "Run 'gotrack lattice --help' for usage.") {
		t.Errorf("--json without --list: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestSPositions(t *testing.T) {
	lat := &tracking.Lattice{Elements: []*tracking.Element{
		{FamName: "D1", PassMethod: "DriftPass", Attrs: []tracking.Attr{{Name: "Length", Value: 0.5}}},
		{FamName: "M", PassMethod: "IdentityPass"},
		{FamName: "D2", PassMethod: "DriftPass", Attrs: []tracking.Attr{{Name: "Length", Value: 0.25}}},
	}}
	if got, want := sPositions(lat), []float64{0, 0.5, 0.5, 0.75}; !reflect.DeepEqual(got, want) {
		t.Errorf("sPositions %v, want %v", got, want)
	}
	for _, c := range []struct {
		v    float64
		want string
	}{
		{0, "0"},
		{2.6513999999999998, "2.6514"},
		{26.374287952316944, "26.3742879523169"},
		{1e-7, "0.0000001"},
		{843.977214474127, "843.977214474127"},
	} {
		if got := metres(c.v); got != c.want {
			t.Errorf("metres(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}
