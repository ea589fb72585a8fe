package tracking

import (
	"errors"
	"fmt"
	"sort"
	"sync/atomic"
	"time"

	"github.com/gotrack/gotrack/device"
)

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
	plan, err := opt.compile(lat)
	if err != nil {
		return nil, fmt.Errorf("track: %w", err)
	}
	be, err := opt.openBackend()
	if err != nil {
		return nil, fmt.Errorf("track: %w", err)
	}
	prog, err := be.Load(plan)
	if err != nil {
		return nil, fmt.Errorf("track: %w", err)
	}
	defer func() { prog.Close() }()
	db, host, err := upload(be, beam)
	if err != nil {
		return nil, fmt.Errorf("track: %w", err)
	}
	defer db.Close()
	n := beam.Len()
	res := &Result{Refpts: refpts, Turns: opt.Turns, Device: be.Describe()}
	if t, ok := be.(interface{ Threads() int }); ok {
		res.Threads = t.Threads()
	}
	if len(refpts) > 0 && opt.MonitorTo == nil {
		res.Monitor = make([]float64, opt.Turns*len(refpts)*n*6)
	}
	req := device.RunRequest{Start: 0, End: ne, Turn0: opt.Turn0, Turns: opt.Turns, Refpts: refpts, Monitor: res.Monitor,
		Progress: progress(opt.Progress, int64(n)*int64(opt.Turns), int64(n))}
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

// openBackend opens the backend of the options: with Open when given,
// else the one registered as Device; with the configuration Backend.
func (opt *Options) openBackend() (device.Backend, error) {
	if opt.Open != nil {
		return opt.Open(opt.Backend)
	}
	return device.Open(opt.Device, opt.Backend)
}

// upload puts the beam on the backend; it returns the backend's beam and
// the host particles that Download fills at the end.
func upload(be device.Backend, beam *Beam) (device.Beam, *device.Particles, error) {
	n := beam.Len()
	host := device.NewParticles(n)
	for k := 0; k < 6; k++ {
		if len(beam.Coords[k]) != n {
			return nil, nil, fmt.Errorf("beam coordinate %s has %d values, want %d", CoordNames[k], len(beam.Coords[k]), n)
		}
		copy(host.Coords[k], beam.Coords[k])
	}
	db, err := be.NewBeam(n)
	if err != nil {
		return nil, nil, err
	}
	if err := db.Upload(host); err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("upload beam: %w", err)
	}
	return db, host, nil
}

// progress turns Options.Progress into the backend's progress callback:
// the particle-turns done are summed, and report is called when step more
// are done (and at the end), never concurrently with itself. It returns
// nil for a nil report.
func progress(report func(done, total int64), total, step int64) func(int64) {
	if report == nil {
		return nil
	}
	var done, reported atomic.Int64
	var mu atomic.Bool
	step = max(step, 1)
	return func(k int64) {
		d := done.Add(k)
		if d-reported.Load() >= step || d == total {
			if mu.CompareAndSwap(false, true) {
				reported.Store(d)
				report(d, total)
				mu.Store(false)
			}
		}
	}
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
