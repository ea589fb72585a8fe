package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"strings"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
)

// runJob runs a track job once the command line is read: the extensions
// (which may hand the command over or spread it over MPI ranks), the
// checks that can fail before tracking (the output directory, memory and
// disk), the tracking with the monitor streamed to disk, and the outputs,
// put in place all together (see outDir).
func runJob(job *trackJob, dir string, sum *summary, stdout io.Writer) error {
	for _, e := range extensions {
		if e.beforeTrack != nil {
			if err := e.beforeTrack(job); err != nil {
				return err
			}
		}
	}
	stderr, quiet := job.Stderr, job.Quiet
	say := func(format string, a ...any) {
		if !quiet && job.Write {
			fmt.Fprintf(stderr, "gotrack: "+format+"\n", a...)
		}
	}
	n, turns := job.Beam.Len(), job.Options.Turns
	nref := len(job.Options.Refpts)
	for _, w := range job.Warnings {
		say("warning: %s", w)
	}
	if bad := nonFinite(job.Beam); bad > 0 {
		say("warning: %s of %d with NaN or infinite coordinates at the start, lost at once", device.CountNoun(bad, "particle"), n)
	}

	// Everything that can fail before tracking fails now.
	sigOut := stderr
	if !job.Write {
		sigOut = io.Discard // the ranks of an MPI run that do not write say nothing
	}
	sig := watchSignals(sigOut, dir)
	defer sig.close()
	var out *outDir
	var mon *monitorStream
	if job.Write {
		var err error
		if out, err = openOutDir(dir, &sig.abandon); err != nil {
			return err
		}
		defer out.cleanup() // after commit, nothing is left to clean
		if nref > 0 {
			if mon, err = newMonitorStream(out, []int{turns, nref, n, 6}); err != nil {
				return err
			}
		}
	}
	job.Options.Stop = sig.stopping
	if !quiet && job.Write {
		job.Options.Backend.Notes = stderr
	}
	if nref > 0 {
		// Every process of an MPI run streams; rank 0 alone receives the
		// gathered monitor.
		job.Options.MonitorTo = func(int, []float64) error { return nil }
		if mon != nil {
			job.Options.MonitorTo = mon.write
		}
	}

	auto := job.Options.Device == "" || job.Options.Device == "auto"
	onlyCPU := true
	for _, name := range device.Names() {
		if name != "cpu" && name != "cpu-go" {
			onlyCPU = false
		}
	}
	threads := job.Options.Backend.Threads
	if threads <= 0 {
		threads = runtime.GOMAXPROCS(0)
	}
	if auto && onlyCPU {
		why := job.CPUReason
		if why == "" {
			why = "no GPU backend in this build"
		}
		say("%s; running on the CPU (%s)", why, device.CountNoun(threads, "thread"))
	}
	var bar *progressBar
	if !quiet && job.Write {
		if bar = newProgressBar(stderr); bar != nil {
			job.Options.Progress = bar.update
			bar.update(0, int64(n)*int64(turns))
		}
	}
	sig.whileTracking(func() {
		if out != nil {
			out.cleanup()
		}
		exitNow(sig.code())
	})
	res, err := job.Track(job.Lattice, job.Beam, job.Options)
	sig.whileTracking(nil)
	if bar != nil {
		bar.finish()
	}
	if err != nil {
		if sig.abandon.Load() {
			return sig.abandoned()
		}
		return err
	}
	if !job.Write {
		return nil
	}
	if auto && !onlyCPU && strings.HasPrefix(res.Device, "cpu") {
		say("no usable GPU (backends: %s); ran on the CPU (%s)", strings.Join(device.Names(), ", "), device.CountNoun(res.Threads, "thread"))
	}
	if where := lostInFirstTurn(job.Lattice, res, job.Options.Turn0); where != "" {
		say("warning: %s", where)
	}

	// The outputs, under temporary names, then put in place together.
	if err := writeOutputs(out, mon, job, res, sum); err != nil {
		if errors.Is(err, errAbandoned) || sig.abandon.Load() {
			return sig.abandoned()
		}
		return err
	}
	if !quiet {
		name := sum.Lattice
		if sum.LatticeFile != "" {
			name = fmt.Sprintf("%s (%s)", sum.Lattice, sum.LatticeFile)
		}
		fmt.Fprintf(stdout, "lattice:    %s, %d elements\n", name, sum.Elements)
		fmt.Fprintf(stdout, "tracked:    %s x %s\n", device.CountNoun(n, "particle"), device.CountNoun(res.Turns, "turn"))
		fmt.Fprintf(stdout, "device:     %s\n", res.Device)
		fmt.Fprintf(stdout, "wall time:  %.3f s (%s particle-turns/s)\n", sum.WallS, humanRate(sum.ParticleTurnsPerS))
		fmt.Fprintf(stdout, "lost:       %d of %d (%.2f%%)\n", sum.Lost, n, 100*float64(sum.Lost)/float64(max(n, 1)))
		fmt.Fprintf(stdout, "output:     %s\n", dir)
	}
	if res.Interrupted || sig.stopping() {
		// A signal while the outputs were written still ends the command
		// with its status, the results being complete.
		return sig.stopped(res.Turns, turns, dir)
	}
	return nil
}

// writeOutputs writes the results of a run into out and commits them
// with summary.json.
func writeOutputs(out *outDir, mon *monitorStream, job *trackJob, res *tracking.Result, sum *summary) error {
	n := job.Beam.Len()
	if mon != nil {
		if err := mon.close(res.Turns); err != nil {
			return err
		}
		sum.Files = append(sum.Files, "monitor.npy")
	}
	type output struct {
		name  string
		shape []int
		data  any
	}
	outs := []output{
		{"initial.npy", []int{n, 6}, job.Beam.Rows()},
		{"final.npy", []int{n, 6}, res.Final.Rows()},
		{"lost.npy", []int{n}, res.Lost},
		{"lost_turn.npy", []int{n}, res.LostTurn},
		{"lost_element.npy", []int{n}, res.LostElement},
		{"lost_coords.npy", []int{n, 6}, res.LostCoords.Rows()},
	}
	if job.Options.Moments {
		outs = append(outs, output{"moments.npy", []int{res.Turns, len(tracking.MomentColumns)}, res.Moments})
		sum.MomentColumns = tracking.MomentColumns
	}
	for _, c := range collectiveOutputs(res) {
		outs = append(outs, output{c.name, c.shape, c.data})
	}
	for _, o := range outs {
		if err := out.saveNPY(o.name, o.shape, o.data); err != nil {
			return err
		}
		sum.Files = append(sum.Files, o.name)
	}
	sum.Elements = len(job.Lattice.Elements)
	sum.Is6D = job.Lattice.Is6D()
	sum.Particles, sum.Turns = n, res.Turns
	if res.Interrupted {
		sum.Interrupted, sum.TurnsRequested = true, job.Options.Turns
	}
	sum.Refpts = res.Refpts
	if sum.Refpts == nil {
		sum.Refpts = []int{}
	}
	sum.Device, sum.Threads = res.Device, res.Threads
	sum.WallS = res.Wall.Seconds()
	if sum.WallS > 0 {
		sum.ParticleTurnsPerS = float64(n) * float64(res.Turns) / sum.WallS
	}
	sum.Lost = res.NumLost()
	sum.Ranks = job.Ranks
	sum.Files = append(sum.Files, "summary.json")
	js, err := json.MarshalIndent(sum, "", "  ")
	if err != nil {
		return err
	}
	return out.commit(append(js, '\n'))
}

// nonFinite returns the number of particles with a NaN or infinite
// coordinate.
func nonFinite(b *tracking.Beam) int {
	bad := 0
	for i := 0; i < b.Len(); i++ {
		for k := 0; k < 6; k++ {
			if v := b.Coords[k][i]; math.IsNaN(v) || math.IsInf(v, 0) {
				bad++
				break
			}
		}
	}
	return bad
}

// lostInFirstTurn says where the beam went when a run lost every
// particle in its first turn, else returns "".
func lostInFirstTurn(lat *tracking.Lattice, res *tracking.Result, turn0 int) string {
	n := len(res.Lost)
	if n == 0 {
		return ""
	}
	at := map[int64]int{}
	for i, l := range res.Lost {
		if !l || res.LostTurn[i] != int64(turn0) {
			return ""
		}
		at[res.LostElement[i]]++
	}
	var top int64
	for e, c := range at {
		if c > at[top] || (c == at[top] && e < top) {
			top = e
		}
	}
	where := fmt.Sprintf("element %d", top)
	if int(top) < len(lat.Elements) {
		el := lat.Elements[top]
		where = fmt.Sprintf("element %d (%s, %s)", top, el.FamName, el.PassMethod)
	}
	msg := fmt.Sprintf("every particle was lost in the first turn; %d of %d at %s", at[top], n, where)
	if len(at) > 1 {
		msg += fmt.Sprintf(", the rest at %s", device.CountNoun(len(at)-1, "other element"))
	}
	return msg
}
