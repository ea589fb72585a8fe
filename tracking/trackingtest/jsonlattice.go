package trackingtest

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
)

// JSONRoundTrip writes lat as PyAT JSON (atjson) and reads it back, as
// the lattice would be saved and loaded: what a reader's lattice becomes
// in a file.
func JSONRoundTrip(t *testing.T, lat *tracking.Lattice) *tracking.Lattice {
	t.Helper()
	var b bytes.Buffer
	if err := atjson.WriteLattice(lat, &b); err != nil {
		t.Fatal(err)
	}
	back, err := atjson.ParseLattice(b.Bytes(), "round trip of "+lat.Name)
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	return back
}

// ReadJSONLattice reads a PyAT JSON lattice file, gzipped when its name
// ends in .gz (a large reference kept small in the repository).
func ReadJSONLattice(t *testing.T, path string) *tracking.Lattice {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		if r, err = gzip.NewReader(f); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	lat, err := atjson.ReadLattice(r, path)
	if err != nil {
		t.Fatal(err)
	}
	return lat
}
