//go:build cuda

// Command gpu benchmarks gotrack's CUDA backend against its CPU backend on
// the hmba cell (121 elements), for beams of -nmin to -nmax particles
// (1e3 to 1e7 by default):
//
//   - the fused kernel gt_segment (every element of every turn in one
//     launch), in GPU time (CUDA events) and in wall time including the
//     beam's upload and download;
//   - the per-passmethod kernels gt_elem_<Method> (one launch per element
//     and turn), in GPU time;
//   - the CPU backend (all cores, tracking.Track with Device "cpu") up to
//     -cpunmax particles, in wall time;
//
// all in particle-turns/s. It also measures the fixed cost of opening the
// backend (primary context and module load) and derives from the
// measurements the beam size above which the GPU is faster for a run of
// -crossturns turns, fixed costs included. Run it from the repository
// root on a GPU host:
//
//	go run -tags cuda ./bench/gpu [-json bench-gpu.json]
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"time"

	"github.com/gotrack/gotrack/cuda"
	"github.com/gotrack/gotrack/device"
	_ "github.com/gotrack/gotrack/host"        // the CPU backend, for comparison
	_ "github.com/gotrack/gotrack/kernels/cpu" // "cpu" with cgo
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/lattices"
)

// row is one beam size of the report; rates in particle-turns/s, 0 when
// not measured.
type row struct {
	N            int     `json:"n"`
	Fused        float64 `json:"fused_kernel"`
	FusedWall    float64 `json:"fused_wall"`
	PerElement   float64 `json:"per_element_kernel"`
	CPU          float64 `json:"cpu_wall"`
	FusedSeconds float64 `json:"fused_wall_s"`
	CPUSeconds   float64 `json:"cpu_wall_s"`
}

// report is the whole benchmark, as written by -json.
type report struct {
	GPU          string   `json:"gpu"`
	Lattice      string   `json:"lattice"`
	Elements     int      `json:"elements"`
	Turns        int      `json:"turns"`
	CPUs         int      `json:"cpus"`
	OpenSeconds  float64  `json:"open_s"`
	Rows         []row    `json:"rows"`
	CrossTurns   int      `json:"cross_turns"`
	CrossoverN   float64  `json:"crossover_n"`
	CrossoverFit string   `json:"crossover_basis"`
	ModuleLoads  []string `json:"module_loads"`
}

func main() {
	nmin := flag.Int("nmin", 1_000, "smallest beam")
	nmax := flag.Int("nmax", 10_000_000, "largest beam")
	cpunmax := flag.Int("cpunmax", 1_000_000, "largest beam tracked on the CPU")
	turns := flag.Int("turns", 4, "turns per measurement")
	crossTurns := flag.Int("crossturns", 1000, "turns of the run for which the CPU/GPU crossover is computed")
	rad := flag.Bool("rad", false, "radiation on (testdata/lattices/hmba_6d.json)")
	gpu := flag.Int("gpu", 0, "GPU ordinal")
	jsonOut := flag.String("json", "", "also write the measurements to this JSON file")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("bench/gpu: ")

	lat := lattices.Default()
	name := "hmba"
	if *rad {
		var err error
		if lat, err = atjson.LoadLattice("testdata/lattices/hmba_6d.json"); err != nil {
			log.Fatalf("radiation-on lattice (run from the repository root): %v", err)
		}
		name = "hmba (radiation)"
	}
	plan, err := tracking.Compile(lat)
	if err != nil {
		log.Fatal(err)
	}
	t0 := time.Now()
	be, err := cuda.Open(*gpu)
	if err != nil {
		log.Fatal(err)
	}
	open := time.Since(t0)
	prog, err := be.Load(plan)
	if err != nil {
		log.Fatal(err)
	}
	defer prog.Close()
	pr := prog.(*cuda.Program)
	ne := len(plan.Elements)
	rep := report{GPU: be.Describe(), Lattice: name, Elements: ne, Turns: *turns, CPUs: runtime.NumCPU(),
		OpenSeconds: open.Seconds(), CrossTurns: *crossTurns}

	fmt.Printf("# gotrack GPU benchmark\n\n%s\n\nlattice %s, %d elements, %d turns per measurement, %d CPUs. "+
		"Opening the backend (primary context, segment module) took %.3g s. Rates in particle-turns/s: "+
		"kernel = GPU time from CUDA events; wall = in process, upload and download of the beam included.\n\n",
		be.Describe(), name, ne, *turns, runtime.NumCPU(), open.Seconds())
	fmt.Println("| N | fused gt_segment (kernel) | fused (wall) | per-element gt_elem_* (kernel) | fused / per-element | CPU backend (wall) | GPU / CPU (wall rates) |")
	fmt.Println("|---:|---:|---:|---:|---:|---:|---:|")
	for n := *nmin; n <= *nmax; n *= 10 {
		r := measure(be, pr, lat, ne, n, *turns, n <= *cpunmax)
		rep.Rows = append(rep.Rows, r)
		per, ratio, cpu, vs := "n/a", "-", "-", "-"
		if r.PerElement > 0 {
			per, ratio = fmt.Sprintf("%.3g", r.PerElement), fmt.Sprintf("%.1f", r.Fused/r.PerElement)
		}
		if r.CPU > 0 {
			cpu, vs = fmt.Sprintf("%.3g", r.CPU), fmt.Sprintf("%.2f", r.FusedWall/r.CPU)
		}
		fmt.Printf("| %.0e | %.3g | %.3g | %s | %s | %s | %s |\n", float64(n), r.Fused, r.FusedWall, per, ratio, cpu, vs)
	}
	rep.CrossoverN, rep.CrossoverFit = crossover(rep)
	fmt.Printf("\nCrossover for a run of %d turns, opening the backend included: %s\n", *crossTurns, rep.CrossoverFit)
	fmt.Println("\nModule loads (wall time of cuModuleLoadDataEx, JIT included; GOTRACK_CUDA_MODULE=ptx measures the JIT path):")
	for _, l := range be.ModuleLoadTimes() {
		fmt.Printf("- %v\n", l)
		rep.ModuleLoads = append(rep.ModuleLoads, l.String())
	}
	if *jsonOut != "" {
		b, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(*jsonOut, append(b, '\n'), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// measure runs one beam size: the fused kernel (after a warm-up run), the
// per-element kernels when the beam is resident, and the CPU backend when
// cpu is set.
func measure(be *cuda.Backend, pr *cuda.Program, lat *tracking.Lattice, ne, n, turns int, cpu bool) row {
	// Small, so that losses do not change the work between the runs.
	sigma := [6]float64{1e-5, 1e-6, 1e-6, 1e-7, 1e-4, 1e-4}
	beam := tracking.GaussianBeam(n, sigma, 1)
	src := device.NewParticles(n)
	for k := 0; k < 6; k++ {
		copy(src.Coords[k], beam.Coords[k])
	}
	db, err := be.NewBeam(n)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	req := device.RunRequest{Start: 0, End: ne, Turns: turns}
	pt := float64(n) * float64(turns)
	r := row{N: n}

	if err := db.Upload(src); err != nil {
		log.Fatal(err)
	}
	if err := pr.Run(db, device.RunRequest{Start: 0, End: ne, Turns: 1}); err != nil {
		log.Fatal(err)
	}
	t0 := time.Now()
	if err := db.Upload(src); err != nil {
		log.Fatal(err)
	}
	if err := pr.Run(db, req); err != nil {
		log.Fatal(err)
	}
	out := device.NewParticles(n)
	if err := db.Download(out); err != nil {
		log.Fatal(err)
	}
	wall := time.Since(t0)
	r.Fused = pt / pr.RunKernelTime().Seconds()
	r.FusedWall = pt / wall.Seconds()
	r.FusedSeconds = wall.Seconds()

	if err := db.Upload(src); err != nil {
		log.Fatal(err)
	}
	if db.(*cuda.Beam).Resident() {
		if err := pr.RunElements(db, req); err != nil {
			log.Fatal(err)
		}
		r.PerElement = pt / pr.RunKernelTime().Seconds()
	}
	if cpu {
		res, err := tracking.Track(lat, beam, tracking.Options{Device: "cpu", Turns: turns})
		if err != nil {
			log.Fatal(err)
		}
		r.CPU = pt / res.Wall.Seconds()
		r.CPUSeconds = res.Wall.Seconds()
	}
	return r
}

// crossover compares, for each beam size measured on both backends, a
// run of rep.CrossTurns turns: open + N·turns/rate on the GPU (the fused
// wall rate at that N, transfers included) against N·turns/rate on the
// CPU. It returns the smallest such N at which the GPU is faster, with
// the basis of the figure; the true crossover lies between it and the
// size measured before it.
func crossover(rep report) (float64, string) {
	turns := float64(rep.CrossTurns)
	prev := 0
	for _, r := range rep.Rows {
		if r.CPU == 0 || r.FusedWall == 0 {
			continue
		}
		n := float64(r.N)
		gpu := rep.OpenSeconds + n*turns/r.FusedWall
		cpu := n * turns / r.CPU
		if gpu < cpu {
			below := "the smallest size measured"
			if prev > 0 {
				below = fmt.Sprintf("the CPU was faster at N = %.0e", float64(prev))
			}
			return n, fmt.Sprintf("the GPU is faster from N = %.0e (%.3g s against %.3g s on the CPU; %s)", n, gpu, cpu, below)
		}
		prev = r.N
	}
	if prev == 0 {
		return 0, "not measured (no beam size tracked on both backends)"
	}
	return 0, fmt.Sprintf("the CPU was faster at every size measured on both, up to N = %.0e", float64(prev))
}
