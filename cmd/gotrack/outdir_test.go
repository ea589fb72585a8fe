package main

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// npyHeader matches the dict of a .npy header: dtype and shape.
var npyHeaderRE = regexp.MustCompile(`'descr': '([<>|]?[a-z])([0-9]+)'.*'shape': \(([0-9, ]*)\)`)

// npyComplete fails unless path is a .npy file whose size is exactly its
// header and the data its shape calls for (what numpy.load checks), and
// returns the shape.
func npyComplete(t *testing.T, path string) []int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 10 || string(b[:6]) != "\x93NUMPY" || b[6] != 1 {
		t.Fatalf("%s: not a version 1 .npy file", path)
	}
	hlen := int(binary.LittleEndian.Uint16(b[8:10]))
	m := npyHeaderRE.FindStringSubmatch(string(b[10 : 10+hlen]))
	if m == nil {
		t.Fatalf("%s: header %q", path, b[10:10+hlen])
	}
	item, _ := strconv.Atoi(m[2])
	size := item
	var shape []int
	for _, f := range strings.Split(m[3], ",") {
		if f = strings.TrimSpace(f); f != "" {
			v, _ := strconv.Atoi(f)
			shape = append(shape, v)
			size *= v
		}
	}
	if len(b) != 10+hlen+size {
		t.Fatalf("%s: %d bytes, want %d for shape %v", path, len(b), 10+hlen+size, shape)
	}
	return shape
}

// summaryOf reads summary.json of dir.
func summaryOf(t *testing.T, dir string) summary {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s summary
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// dirState maps each file of dir to the sha256 of its content.
func dirState(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m[e.Name()] = fmt.Sprintf("%x", sha256.Sum256(b))
	}
	return m
}

// checkOneRun fails unless dir holds exactly the files summary.json lists
// (besides the files gotrack does not name), each complete.
func checkOneRun(t *testing.T, dir string, others ...string) summary {
	t.Helper()
	s := summaryOf(t, dir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if !slices.Contains(others, e.Name()) {
			names = append(names, e.Name())
		}
	}
	want := slices.Clone(s.Files)
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Fatalf("%s holds %v, summary.json lists %v", dir, names, want)
	}
	for _, f := range s.Files {
		if strings.HasSuffix(f, ".npy") {
			npyComplete(t, filepath.Join(dir, f))
		}
	}
	return s
}

// TestStaleResultsRemoved: a run into a directory holding an earlier
// run's results leaves only its own files there, and the files gotrack
// does not name.
func TestStaleResultsRemoved(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := gotrack(t, "track", hmbaFile, "-n", "5", "-t", "4", "--refpts", "0,end", "--moments", "--out", dir, "-q"); code != 0 {
		t.Fatalf("first run: exit %d: %s", code, stderr)
	}
	if s := checkOneRun(t, dir); !slices.Contains(s.Files, "monitor.npy") || !slices.Contains(s.Files, "moments.npy") {
		t.Fatalf("first run wrote %v", s.Files)
	}
	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A temporary file of a killed run (a process id that cannot exist).
	if err := os.WriteFile(filepath.Join(dir, ".gotrack-999999999-final.npy"), []byte("partial"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := gotrack(t, "track", hmbaFile, "-n", "3", "-t", "2", "--out", dir, "-q"); code != 0 {
		t.Fatalf("second run: exit %d: %s", code, stderr)
	}
	s := checkOneRun(t, dir, "notes.txt")
	if s.Particles != 3 || slices.Contains(s.Files, "monitor.npy") {
		t.Fatalf("second run's summary: %d particles, files %v", s.Particles, s.Files)
	}
	if shape := npyComplete(t, filepath.Join(dir, "final.npy")); !slices.Equal(shape, []int{3, 6}) {
		t.Errorf("final.npy shape %v, want [3 6]", shape)
	}
}

// TestUnwritableOut: an --out that cannot be created or written fails
// before tracking (the run asked for would take hours).
func TestUnwritableOut(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := gotrack(t, "track", "-n", "1000", "-t", "1e6", "--out", filepath.Join(file, "out"))
	if code != 1 || !strings.Contains(stderr, "output directory") || !strings.Contains(stderr, "not a directory") {
		t.Errorf("--out under a file: exit %d, stderr %q", code, stderr)
	}
	if os.Geteuid() == 0 {
		return // root writes into a read-only directory
	}
	ro := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = gotrack(t, "track", "-n", "1000", "-t", "1e6", "--out", ro)
	if code != 1 || !strings.Contains(stderr, "output directory "+ro+" is not writable") {
		t.Errorf("read-only --out: exit %d, stderr %q", code, stderr)
	}
}

// TestOversizedRunsRefused: outputs larger than the disk, and a beam
// larger than the memory, are refused before anything is allocated or
// tracked, with the sizes in the message.
func TestOversizedRunsRefused(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	// 1e9 turns x 1000 particles x 48 bytes: 48 TB of monitor.
	code, _, stderr := gotrack(t, "track", "--turns", "1e9", "--refpts", "0", "--out", dir)
	if code != 1 || !strings.Contains(stderr, "the outputs need 48 TB (monitor.npy 48 TB,") || !strings.Contains(stderr, "free") {
		t.Errorf("48 TB monitor: exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Errorf("a refused run created %s", dir)
	}
	if _, ok := memAvailable(); !ok {
		return
	}
	// 1e11 particles: tens of TB of memory (and of disk: refused either
	// way, before the beam is drawn).
	code, _, stderr = gotrack(t, "track", "--particles", "1e11", "--out", dir)
	if code != 1 || !(strings.Contains(stderr, "of memory") || strings.Contains(stderr, "the outputs need")) {
		t.Errorf("1e11 particles: exit %d, stderr %q", code, stderr)
	}
}

// TestMemoryRefused: a beam over the memory available is refused with
// the sizes (the disk check is passed with a directory on a file system
// that has room, so the memory check is reached).
func TestMemoryRefused(t *testing.T) {
	avail, ok := memAvailable()
	if !ok {
		t.Skip("no /proc/meminfo")
	}
	n := avail/particleBytes + 1
	need := estimateNeeds(int(n), 1, 0, false)
	err := runNeeds{mem: need.mem}.check(t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "of memory") || !strings.Contains(err.Error(), humanBytes(avail)+" is available") {
		t.Errorf("beam of %d particles: %v", n, err)
	}
}

// failingFile is a file that fails with "no space left on device" after
// room bytes.
type failingFile struct {
	*os.File
	room int
}

func (f *failingFile) Write(p []byte) (int, error) {
	if len(p) > f.room {
		n, _ := f.File.Write(p[:f.room])
		f.room = 0
		return n, syscall.ENOSPC
	}
	f.room -= len(p)
	return f.File.Write(p)
}

// withCreate replaces createOutFile for one test: hook is called with the
// final name of each file before it is created, and may return a
// replacement file.
func withCreate(t *testing.T, hook func(name string, f *os.File) writeFile) {
	old := createOutFile
	t.Cleanup(func() { createOutFile = old })
	createOutFile = func(path string) (writeFile, error) {
		f, err := os.Create(path)
		if err != nil {
			return nil, err
		}
		m := tempName.FindStringSubmatch(filepath.Base(path))
		if m == nil {
			t.Errorf("output file %s has no temporary name", path)
			return f, nil
		}
		if w := hook(m[2], f); w != nil {
			return w, nil
		}
		return f, nil
	}
}

// TestDiskFull: a write error leaves the directory as it was (the earlier
// run's files, no temporary file) and names the file and the bytes it
// needed.
func TestDiskFull(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := gotrack(t, "track", hmbaFile, "-n", "20", "-t", "2", "--out", dir, "-q"); code != 0 {
		t.Fatalf("first run: exit %d: %s", code, stderr)
	}
	before := dirState(t, dir)
	withCreate(t, func(name string, f *os.File) writeFile {
		if name == "lost_coords.npy" {
			return &failingFile{f, 1000}
		}
		return nil
	})
	code, _, stderr := gotrack(t, "track", hmbaFile, "-n", "100", "-t", "2", "--refpts", "0", "--out", dir, "-q")
	if code != 1 || !strings.Contains(stderr, "writing "+filepath.Join(dir, "lost_coords.npy")) ||
		!strings.Contains(stderr, "no space left on device") || !strings.Contains(stderr, "1000 of its 4.93 kB written") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if after := dirState(t, dir); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("a failed run changed %s:\nbefore %v\nafter  %v", dir, before, after)
	}
}

// sendSelf sends sig to this process (whose handler, installed by the
// track command, is running).
func sendSelf(t *testing.T, sig syscall.Signal) {
	if err := syscall.Kill(os.Getpid(), sig); err != nil {
		t.Error(err)
	}
}

// TestSignalStopsAtTurnBoundary: SIGTERM during tracking stops the run at
// a turn boundary; the turns done are written as one complete run
// (monitor.npy of those turns), and the command exits with 143.
func TestSignalStopsAtTurnBoundary(t *testing.T) {
	dir := t.TempDir()
	var once sync.Once
	withCreate(t, func(name string, f *os.File) writeFile {
		if name == "monitor.npy" { // created before tracking starts
			once.Do(func() {
				go func() {
					time.Sleep(300 * time.Millisecond)
					sendSelf(t, syscall.SIGTERM)
				}()
			})
		}
		return nil
	})
	const turns = 1000000
	code, stdout, stderr := gotrack(t, "track", hmbaFile, "-n", "10", "-t", strconv.Itoa(turns), "--refpts", "0,end", "--out", dir)
	if code != 143 || !strings.Contains(stderr, "SIGTERM: stopping at the end of the current turn") || !strings.Contains(stderr, "stopped by SIGTERM after") {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
	s := checkOneRun(t, dir)
	if !s.Interrupted || s.TurnsRequested != turns || s.Turns < 1 || s.Turns >= turns {
		t.Fatalf("summary: interrupted %v, turns %d of %d", s.Interrupted, s.Turns, s.TurnsRequested)
	}
	if shape := npyComplete(t, filepath.Join(dir, "monitor.npy")); !slices.Equal(shape, []int{s.Turns, 2, 10, 6}) {
		t.Errorf("monitor.npy shape %v, want [%d 2 10 6]", shape, s.Turns)
	}
	// The turns done are those of a run asked for that many turns.
	ref := t.TempDir()
	if code, _, stderr := gotrack(t, "track", hmbaFile, "-n", "10", "-t", strconv.Itoa(s.Turns), "--refpts", "0,end", "--out", ref, "-q"); code != 0 {
		t.Fatalf("reference run: exit %d: %s", code, stderr)
	}
	a, b := dirState(t, dir), dirState(t, ref)
	for _, f := range []string{"final.npy", "monitor.npy", "lost.npy", "lost_turn.npy"} {
		if a[f] != b[f] {
			t.Errorf("%s of the stopped run differs from that of a %d-turn run", f, s.Turns)
		}
	}
}

// TestSignalsWhileWriting: one SIGTERM while the outputs are written lets
// them complete (exit 143); a second abandons the run, and the directory
// keeps the earlier run's files, with no temporary file left.
func TestSignalsWhileWriting(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := gotrack(t, "track", hmbaFile, "-n", "20", "-t", "2", "--out", dir, "-q"); code != 0 {
		t.Fatalf("first run: exit %d: %s", code, stderr)
	}
	before := dirState(t, dir)

	signals := 0
	withCreate(t, func(name string, f *os.File) writeFile {
		if name == "final.npy" {
			for k := 0; k < signals; k++ {
				sendSelf(t, syscall.SIGTERM)
				time.Sleep(200 * time.Millisecond) // the handler's turn
			}
		}
		return nil
	})
	signals = 2
	code, _, stderr := gotrack(t, "track", hmbaFile, "-n", "30", "-t", "3", "--out", dir, "-q")
	if code != 143 || !strings.Contains(stderr, "abandoned after a second SIGTERM") {
		t.Fatalf("two signals: exit %d, stderr %q", code, stderr)
	}
	if after := dirState(t, dir); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("an abandoned run changed %s:\nbefore %v\nafter  %v", dir, before, after)
	}

	signals = 1
	code, _, stderr = gotrack(t, "track", hmbaFile, "-n", "30", "-t", "3", "--out", dir, "-q")
	if code != 143 || !strings.Contains(stderr, "SIGTERM while the outputs were written: the run is complete in "+dir) {
		t.Fatalf("one signal: exit %d, stderr %q", code, stderr)
	}
	if s := checkOneRun(t, dir); s.Particles != 30 || s.Turns != 3 || s.Interrupted {
		t.Errorf("summary after one signal while writing: %d particles, %d turns, interrupted %v", s.Particles, s.Turns, s.Interrupted)
	}
}

// TestSecondSignalWhileTracking: a second signal while the run tracks
// removes its temporary files and exits at once with 143; the directory
// keeps the earlier run.
func TestSecondSignalWhileTracking(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := gotrack(t, "track", hmbaFile, "-n", "20", "-t", "2", "--out", dir, "-q"); code != 0 {
		t.Fatalf("first run: exit %d: %s", code, stderr)
	}
	before := dirState(t, dir)
	exited := make(chan int, 1)
	old := exitNow
	t.Cleanup(func() { exitNow = old })
	exitNow = func(code int) {
		// What the process would find on exiting here.
		if after := dirState(t, dir); fmt.Sprint(after) != fmt.Sprint(before) {
			t.Errorf("at exit, %s holds %v, want %v", dir, after, before)
		}
		exited <- code
	}
	// The first signal goes when the monitor file is created (before the
	// tracking starts); the tracking's stop check that sees it sends the
	// second and holds the run until the command has exited, so the
	// second signal always arrives while the run tracks, however fast the
	// turns are.
	var once sync.Once
	withCreate(t, func(name string, f *os.File) writeFile {
		if name == "monitor.npy" {
			once.Do(func() {
				go func() {
					time.Sleep(200 * time.Millisecond)
					sendSelf(t, syscall.SIGTERM)
				}()
			})
		}
		return nil
	})
	oldSeen := stopSeen
	t.Cleanup(func() { stopSeen = oldSeen })
	stopSeen = func() {
		sendSelf(t, syscall.SIGTERM)
		select {
		case c := <-exited:
			exited <- c
		case <-time.After(20 * time.Second):
			t.Error("the second signal did not reach exitNow within 20 s")
		}
	}
	code, _, stderr := gotrack(t, "track", hmbaFile, "-n", "10", "-t", "1e6", "--refpts", "0", "--out", dir)
	select {
	case c := <-exited:
		if c != 143 {
			t.Errorf("exited with %d, want 143", c)
		}
	default:
		t.Errorf("the second signal did not exit; the command returned %d: %s", code, stderr)
	}
	if code != 143 || !strings.Contains(stderr, "SIGTERM again: abandoning the run") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if after := dirState(t, dir); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("an abandoned run changed %s:\nbefore %v\nafter  %v", dir, before, after)
	}
}
