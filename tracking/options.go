package tracking

import "github.com/gotrack/gotrack/device"

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
	// Device selects the backend by name: "auto" (or ""), "cpu", or
	// another registered name (device.Names).
	Device string
	// Open, when not nil, opens the backend in place of Device: a
	// backend's own constructor, as the conformance suite
	// (tracking/trackingtest) is given one.
	Open device.Factory
	// Backend is the configuration the backend is opened with, the
	// backend's knobs in one place: CPU goroutines (Threads), particles
	// per CPU tile (TileSize), the beam size below which a CPU backend
	// runs on one goroutine (SerialBelow), the GPU ordinal (GPU) and the
	// writer of the backend's notes (Notes; nil silences them). Zero
	// values are the backend's defaults; a backend ignores the knobs that
	// do not apply to it.
	Backend device.Config
	// Seed keys the random numbers of the stochastic passmethods (quantum
	// excitation): a run gives the same bits for a given seed whatever the
	// backend, threads, tiles, GPU batches or MPI ranks (package
	// device/rng). Zero is a seed like any other.
	Seed uint64
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

// compile compiles the lattice for this run: the plan with the run's
// random-number seed and the beam's first particle index.
func (opt *Options) compile(lat *Lattice) (*device.Plan, error) {
	p, err := Compile(lat)
	if err != nil {
		return nil, err
	}
	p.Params.Seed = opt.Seed
	p.Params.First = int64(opt.First)
	return p, nil
}
