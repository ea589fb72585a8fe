//go:build cgo

package main

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/npy"
	"github.com/gotrack/gotrack/tracking/trackingtest"
)

// TestCommandPyATBits runs the command (`gotrack track --device cpu`, the
// kernel source compiled by the host C compiler) on every public PyAT
// reference case and requires PyAT's numbers bit for bit, read back from
// the files it writes: final.npy and the loss record (lost.npy,
// lost_turn.npy, lost_element.npy, lost_coords.npy) of every element case,
// and for every ring case monitor.npy at PyAT's refpts on every turn, and
// the loss record. The lattice of an element case goes through the AT JSON
// writer, the input beam through an .npy file. No tolerance: a NaN matches
// a NaN, every other value must have PyAT's bits.
func TestCommandPyATBits(t *testing.T) {
	trackingtest.EachElementCase(t, testdataDir, func(t *testing.T, c *trackingtest.ElementCase, lat *tracking.Lattice) {
		dir := t.TempDir()
		latFile := filepath.Join(dir, "lattice.json")
		if err := atjson.SaveLattice(lat, latFile); err != nil {
			t.Fatal(err)
		}
		out := trackCase(t, dir, latFile, trackingtest.InputBeam(c.Input), 1, nil)
		_, final := readNPY(t, filepath.Join(out, "final.npy"))
		var bad trackingtest.BitTally
		for i, want := range c.LatticePass.Output {
			for k := 0; k < 6; k++ {
				bad.Add(fmt.Sprintf("particle %d %s", i, tracking.CoordNames[k]), final[6*i+k], float64(want[k]))
			}
		}
		lossFilesBits(t, &bad, out, c.LatticePass.Loss)
		bad.Report(t)
	})
	trackingtest.EachRingCase(t, testdataDir, func(t *testing.T, _ string, c *trackingtest.RingCase, _ *tracking.Lattice) {
		dir := t.TempDir()
		out := trackCase(t, dir, filepath.Join(testdataDir, c.LatticeJSON), trackingtest.InputBeam(c.Input), c.NTurns, c.Refpts)
		shape, mon := readNPY(t, filepath.Join(out, "monitor.npy"))
		n := len(c.Input)
		if want := []int{c.NTurns, len(c.Refpts), n, 6}; fmt.Sprint(shape) != fmt.Sprint(want) {
			t.Fatalf("monitor.npy of shape %v, want %v", shape, want)
		}
		var bad trackingtest.BitTally
		for turn, byRef := range c.Output {
			for r, parts := range byRef {
				for i, want := range parts {
					for k := 0; k < 6; k++ {
						got := mon[((turn*len(c.Refpts)+r)*n+i)*6+k]
						bad.Add(fmt.Sprintf("turn %d refpt %d particle %d %s", turn, c.Refpts[r], i, tracking.CoordNames[k]), got, float64(want[k]))
					}
				}
			}
		}
		lossFilesBits(t, &bad, out, c.Loss)
		bad.Report(t)
	})
}

// trackCase writes beam to dir/beam.npy, runs `gotrack track` on latFile
// for turns turns with the refpts given, and returns the output directory.
func trackCase(t *testing.T, dir, latFile string, beam *tracking.Beam, turns int, refpts []int) string {
	t.Helper()
	n := beam.Len()
	rows := make([]float64, 0, 6*n)
	for i := 0; i < n; i++ {
		for k := 0; k < 6; k++ {
			rows = append(rows, beam.Coords[k][i])
		}
	}
	beamFile := filepath.Join(dir, "beam.npy")
	if err := npy.Save(beamFile, []int{n, 6}, rows); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	args := []string{"track", latFile, "--beam", beamFile, "--turns", strconv.Itoa(turns), "--device", "cpu", "--out", out}
	if len(refpts) > 0 {
		s := make([]string, len(refpts))
		for i, r := range refpts {
			s[i] = strconv.Itoa(r)
		}
		args = append(args, "--refpts", strings.Join(s, ","))
	}
	if code, _, stderr := gotrack(t, args...); code != 0 {
		t.Fatalf("gotrack %s: exit status %d: %s", strings.Join(args, " "), code, stderr)
	}
	return out
}

// lossFilesBits compares the loss record the command wrote in out with
// PyAT's: flags, turns and elements exactly, coordinates at loss into bad.
func lossFilesBits(t *testing.T, bad *trackingtest.BitTally, out string, want trackingtest.Loss) {
	t.Helper()
	lostRaw := npyPayload(t, filepath.Join(out, "lost.npy"), "|b1", 1)
	lost := make([]bool, len(lostRaw))
	for i, b := range lostRaw {
		lost[i] = b != 0
	}
	turn := int64s(npyPayload(t, filepath.Join(out, "lost_turn.npy"), "<i8", 8))
	elem := int64s(npyPayload(t, filepath.Join(out, "lost_element.npy"), "<i8", 8))
	_, coords := readNPY(t, filepath.Join(out, "lost_coords.npy"))
	for i, l := range want.IsLost {
		if lost[i] != l {
			t.Errorf("particle %d: lost %v, PyAT %v", i, lost[i], l)
			continue
		}
		if !l {
			continue
		}
		if turn[i] != want.Turn[i] || elem[i] != want.Elem[i] {
			t.Errorf("particle %d: lost at turn %d element %d, PyAT turn %d element %d", i, turn[i], elem[i], want.Turn[i], want.Elem[i])
		}
		for k := 0; k < 6; k++ {
			bad.Add(fmt.Sprintf("particle %d %s at loss", i, tracking.CoordNames[k]), coords[6*i+k], float64(want.Coord[i][k]))
		}
	}
}

// npyPayload reads the .npy file path (format 1.0 or 2.0), requires its
// dtype to be descr, and returns its data, size bytes a value.
func npyPayload(t *testing.T, path, descr string, size int) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 12 || string(b[:6]) != "\x93NUMPY" {
		t.Fatalf("%s: not an .npy file", path)
	}
	var hlen, start int
	switch b[6] {
	case 1:
		hlen, start = int(binary.LittleEndian.Uint16(b[8:10])), 10
	default:
		hlen, start = int(binary.LittleEndian.Uint32(b[8:12])), 12
	}
	header := string(b[start : start+hlen])
	if !strings.Contains(header, "'descr': '"+descr+"'") {
		t.Fatalf("%s: header %q, want dtype %s", path, header, descr)
	}
	data := b[start+hlen:]
	if len(data)%size != 0 {
		t.Fatalf("%s: %d bytes of data, not a whole number of %d-byte values", path, len(data), size)
	}
	return data
}

// int64s decodes little-endian int64 values.
func int64s(b []byte) []int64 {
	v := make([]int64, len(b)/8)
	for i := range v {
		v[i] = int64(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return v
}
