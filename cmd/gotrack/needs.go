package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/npy"
)

// particleBytes is the memory a track run holds per particle: the beam
// read or drawn (48 bytes), the particles tracked and their loss record
// (113 bytes: coordinates, flag, turn, element, coordinates at loss) on
// the host and again in the CPU backend's beam, and the (N, 6) rows of
// initial.npy, final.npy and lost_coords.npy as they are written (3 × 48).
const particleBytes = 48 + 2*113 + 3*48

// part is a named amount of bytes.
type part struct {
	name  string
	bytes int64
}

// runNeeds is what a run will take of memory and of disk.
type runNeeds struct {
	mem, disk []part
}

// estimateNeeds returns the memory and disk a run of n particles, turns
// turns, nref refpts (the monitor streamed to disk) and moments takes.
func estimateNeeds(n, turns, nref int, moments bool) runNeeds {
	var r runNeeds
	r.mem = append(r.mem, part{device.CountNoun(n, "particle"), int64(n) * particleBytes})
	if nref > 0 {
		r.mem = append(r.mem, part{"monitor buffer", tracking.StreamedMonitorBytes(turns, n, nref)})
		r.disk = append(r.disk, part{"monitor.npy", npy.FileSize([]int{turns, nref, n, 6}, 8)})
	}
	if moments {
		m := npy.FileSize([]int{turns, len(tracking.MomentColumns)}, 8)
		r.mem = append(r.mem, part{"moments", m})
		r.disk = append(r.disk, part{"moments.npy", m})
	}
	rows := npy.FileSize([]int{n, 6}, 8)
	r.disk = append(r.disk,
		part{"initial.npy, final.npy, lost_coords.npy", 3 * rows},
		part{"lost.npy, lost_turn.npy, lost_element.npy", npy.FileSize([]int{n}, 1) + 2*npy.FileSize([]int{n}, 8)})
	return r
}

func total(ps []part) int64 {
	var t int64
	for _, p := range ps {
		t += p.bytes
	}
	return t
}

// describeParts lists the parts: "monitor.npy 9.6 TB, moments.npy 248 B".
func describeParts(ps []part) string {
	s := make([]string, 0, len(ps))
	for _, p := range ps {
		if p.bytes > 0 {
			s = append(s, p.name+" "+humanBytes(p.bytes))
		}
	}
	return strings.Join(s, ", ")
}

// check refuses a run whose outputs exceed the free space of dir (or of
// the nearest existing directory above it) or whose memory exceeds what
// the system has available, naming the sizes.
func (r runNeeds) check(dir string) error {
	if free, ok := diskFree(existingParent(dir)); ok && total(r.disk) > free {
		return fmt.Errorf("the outputs need %s (%s) and %s has %s free: use fewer turns, refpts or particles, or another --out",
			humanBytes(total(r.disk)), describeParts(r.disk), dir, humanBytes(free))
	}
	if avail, ok := memAvailable(); ok && total(r.mem) > avail {
		return fmt.Errorf("the run needs about %s of memory (%s) and %s is available: use fewer particles, or spread them over MPI ranks",
			humanBytes(total(r.mem)), describeParts(r.mem), humanBytes(avail))
	}
	return nil
}

// existingParent returns dir, or the nearest directory above it that
// exists (where dir will be created).
func existingParent(dir string) string {
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
		if d == filepath.Dir(d) {
			return d
		}
	}
}
