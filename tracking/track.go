package tracking

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"sync/atomic"
	"time"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking/collective"
)

// Options control a tracking run.
type Options struct {
	// Turns is the number of turns (at least 1).
	Turns int
	// Turn0 is the number of the first turn (AT's turn counter, which
	// RF cavities and the loss record use): a run continuing an earlier
	// one of n turns passes Turn0 = n.
	Turn0 int
	// Refpts are the element indices (0..len(elements), the last meaning
	// the end of the lattice) where coordinates are recorded every turn,
	// as PyAT's refpts. Duplicates are removed and the list sorted.
	Refpts []int
	// Device selects the backend: "auto" (or ""), "cpu", or another
	// registered name.
	Device string
	// Threads is the number of CPU goroutines (0: all cores).
	Threads int
	// TileSize is the number of particles per CPU tile (0: default).
	TileSize int
	// SerialBelow: beams smaller than this run on one goroutine (0:
	// default; negative: never serial).
	SerialBelow int
	// GPU is the ordinal of the GPU a GPU backend runs on (0: the first).
	GPU int
	// Hooks are user functions called during the run (see Hook).
	Hooks []Hook
	// Moments records the beam moments at the end of every turn in
	// Result.Moments, computed where the beam lives (no download).
	Moments bool
	// Exchange, First and Total describe a beam split over processes
	// (MPI ranks): this process tracks particles First..First+len(beam)-1
	// of Total, and collective elements and moments combine their partial
	// sums through Exchange. Single-process runs leave them zero.
	Exchange device.Exchange
	First    int
	Total    int
	// Notes, when not nil, receives the backend's advice on how it is
	// used (a beam small for a GPU); nil silences it.
	Notes io.Writer
	// Progress, when not nil, is called about once per turn of the beam
	// with the particle-turns done and the total. It may be called from
	// several goroutines, though never concurrently with itself.
	Progress func(done, total int64)
	// MonitorTo, when not nil, receives the coordinates at the refpts as
	// the run goes, in place of Result.Monitor (then left nil): it is
	// called after each chunk of turns with the number of turns of the
	// chunk and their monitor, len(Refpts)×N×6 values per turn in
	// Result.Monitor's layout, the chunks in turn order. The memory held for the monitor is then at
	// most a few tens of MB (one turn when a turn is larger). An error
	// stops the run; Track returns it.
	MonitorTo func(turns int, monitor []float64) error
	// Stop, when not nil, is asked between chunks of turns (about every
	// half second of tracking, or every ChunkTurns turns) whether to stop
	// there: Track then returns the result of the turns done, with
	// Result.Interrupted set and Result.Turns the turns done.
	Stop func() bool
	// ChunkTurns, when positive, is the number of turns between calls of
	// Stop and MonitorTo (fewer when a turn's monitor is large); zero lets
	// Track choose chunks of about half a second.
	ChunkTurns int
	// AgreeChunk, when not nil, is called with the number of turns this
	// process would track in the next chunk and returns the number it
	// tracks: processes sharing a run (MPI ranks) return the smallest of
	// their wishes, so that they call Stop and MonitorTo at the same
	// turns. It is called once per chunk, after Stop.
	AgreeChunk func(turns int) int
}

// Result is what a tracking run returns, in PyAT's terms.
type Result struct {
	// Final is the beam at the end of the last turn; lost particles read
	// (NaN, 0, 0, 0, 0, 0).
	Final *Beam
	// Lost, LostTurn, LostElement and LostCoords are PyAT's loss record
	// (islost, turn, elem, coord): zero for particles not lost.
	Lost        []bool
	LostTurn    []int64
	LostElement []int64
	LostCoords  *Beam
	// Refpts are the observation points, sorted; Monitor holds the
	// coordinates there, row-major with shape (turns, len(Refpts), N, 6).
	Refpts  []int
	Monitor []float64
	// Turns is the number of turns tracked: Options.Turns, or fewer when
	// Options.Stop stopped the run.
	Turns int
	// Interrupted is whether Options.Stop stopped the run before its last
	// turn.
	Interrupted bool
	// Device describes the backend that ran.
	Device string
	// Threads is the number of CPU goroutines used (0 for other devices).
	Threads int
	// Wall is the time spent tracking (compile, upload and download
	// included).
	Wall time.Duration
	// Moments, when Options.Moments is set, holds one row of
	// len(MomentColumns) values per turn: the beam moments at the end of
	// the turn (see MomentColumns).
	Moments []float64
	// Results hold what the collective elements computed, in lattice
	// order: Wakes, BeamMoments and SliceMoments.
	collective.Results
}

// NumLost returns the number of lost particles.
func (r *Result) NumLost() int {
	n := 0
	for _, l := range r.Lost {
		if l {
			n++
		}
	}
	return n
}

// MonitorAt returns the coordinates of particle i at refpt index k of turn
// t (0-based).
func (r *Result) MonitorAt(t, k, i int) [6]float64 {
	n := r.Final.Len()
	base := ((t*len(r.Refpts)+k)*n + i) * 6
	var p [6]float64
	copy(p[:], r.Monitor[base:base+6])
	return p
}

// Track tracks beam through the lattice for opt.Turns turns on the
// selected backend. The input beam is not modified. Particles already
// marked as lost in the input (x = NaN) are reported lost at element 0 of
// the first turn, as PyAT does.
func Track(lat *Lattice, beam *Beam, opt Options) (*Result, error) {
	start := time.Now()
	if lat == nil || beam == nil {
		return nil, errors.New("track: nil lattice or beam")
	}
	if opt.Turns < 1 {
		return nil, fmt.Errorf("track: turns must be at least 1, got %d", opt.Turns)
	}
	ne := len(lat.Elements)
	refpts, err := normRefpts(opt.Refpts, ne)
	if err != nil {
		return nil, err
	}
	plan, err := Compile(lat)
	if err != nil {
		return nil, fmt.Errorf("track: %w", err)
	}
	be, err := device.Open(opt.Device, device.Config{Threads: opt.Threads, TileSize: opt.TileSize, SerialBelow: opt.SerialBelow, GPU: opt.GPU, Notes: opt.Notes})
	if err != nil {
		return nil, fmt.Errorf("track: %w", err)
	}
	prog, err := be.Load(plan)
	if err != nil {
		return nil, fmt.Errorf("track: %w", err)
	}
	defer func() { prog.Close() }()
	n := beam.Len()
	db, err := be.NewBeam(n)
	if err != nil {
		return nil, fmt.Errorf("track: %w", err)
	}
	defer db.Close()
	host := device.NewParticles(n)
	for k := 0; k < 6; k++ {
		if len(beam.Coords[k]) != n {
			return nil, fmt.Errorf("track: beam coordinate %s has %d values, want %d", CoordNames[k], len(beam.Coords[k]), n)
		}
		copy(host.Coords[k], beam.Coords[k])
	}
	if err := db.Upload(host); err != nil {
		return nil, fmt.Errorf("track: upload beam: %w", err)
	}
	res := &Result{Refpts: refpts, Turns: opt.Turns, Device: be.Describe()}
	if t, ok := be.(interface{ Threads() int }); ok {
		res.Threads = t.Threads()
	}
	if len(refpts) > 0 && opt.MonitorTo == nil {
		res.Monitor = make([]float64, opt.Turns*len(refpts)*n*6)
	}
	req := device.RunRequest{Start: 0, End: ne, Turn0: opt.Turn0, Turns: opt.Turns, Refpts: refpts, Monitor: res.Monitor}
	if opt.Progress != nil {
		total := int64(n) * int64(opt.Turns)
		var done, reported atomic.Int64
		var mu atomic.Bool
		step := max(int64(n), 1)
		req.Progress = func(k int64) {
			d := done.Add(k)
			if d-reported.Load() >= step || d == total {
				if mu.CompareAndSwap(false, true) {
					reported.Store(d)
					opt.Progress(d, total)
					mu.Store(false)
				}
			}
		}
	}
	if err := run(lat, plan, be, &prog, db, req, &opt, res); err != nil {
		return nil, fmt.Errorf("track: %w", err)
	}
	if err := db.Download(host); err != nil {
		return nil, fmt.Errorf("track: download beam: %w", err)
	}
	res.Final = &Beam{Coords: host.Coords}
	res.Lost, res.LostTurn, res.LostElement = host.Lost, host.LostTurn, host.LostElement
	res.LostCoords = &Beam{Coords: host.LostCoords}
	res.Wall = time.Since(start)
	return res, nil
}

func normRefpts(in []int, ne int) ([]int, error) {
	if len(in) == 0 {
		return nil, nil
	}
	s := append([]int(nil), in...)
	sort.Ints(s)
	out := s[:0]
	for i, r := range s {
		if r < 0 || r > ne {
			return nil, fmt.Errorf("track: refpt %d outside 0..%d (the lattice has %d elements)", r, ne, ne)
		}
		if i > 0 && r == s[i-1] {
			continue
		}
		out = append(out, r)
	}
	return out, nil
}
