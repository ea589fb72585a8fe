package selftest

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// testdata is the repository's reference data directory.
const testdata = "../../testdata"

// TestDataCopies checks that every embedded file decompresses to its
// testdata original byte for byte and that the embedded set is Files.
// With GOTRACK_SELFTEST_UPDATE=1 it first rewrites the copies from the
// originals.
func TestDataCopies(t *testing.T) {
	if os.Getenv("GOTRACK_SELFTEST_UPDATE") == "1" {
		if err := os.RemoveAll("data"); err != nil {
			t.Fatal(err)
		}
		for _, name := range Files {
			orig, err := os.ReadFile(filepath.Join(testdata, name))
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			zw.Name = filepath.Base(name) // no time stamp: reproducible
			if _, err := zw.Write(orig); err != nil {
				t.Fatal(err)
			}
			if err := zw.Close(); err != nil {
				t.Fatal(err)
			}
			dst := filepath.Join("data", name+".gz")
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(dst, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Skip("embedded copies rewritten; rebuild and rerun to check them")
	}
	var embedded []string
	total := 0
	err := fs.WalkDir(data, "data", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		total += int(info.Size())
		embedded = append(embedded, strings.TrimSuffix(strings.TrimPrefix(path, "data/"), ".gz"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := append([]string(nil), Files...)
	sort.Strings(want)
	sort.Strings(embedded)
	if strings.Join(embedded, "\n") != strings.Join(want, "\n") {
		t.Errorf("embedded files %q, want Files %q (GOTRACK_SELFTEST_UPDATE=1 rewrites them)", embedded, want)
	}
	// The binary carries the embedded data: keep it to a few hundred KB.
	const maxEmbedded = 500 << 10
	if total > maxEmbedded {
		t.Errorf("embedded data is %d bytes, more than %d", total, maxEmbedded)
	}
	for _, name := range Files {
		got, err := readFile(name)
		if err != nil {
			t.Error(err)
			continue
		}
		orig, err := os.ReadFile(filepath.Join(testdata, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, orig) {
			t.Errorf("embedded %s differs from testdata/%s (GOTRACK_SELFTEST_UPDATE=1 rewrites it)", name, name)
		}
	}
}
