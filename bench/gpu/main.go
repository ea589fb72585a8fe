//go:build cuda

// Command gpu benchmarks gotrack's CUDA backend on the hmba ring: the fused
// kernel gt_segment (every element of every turn in one launch) against
// the per-passmethod kernels gt_elem_<Method> (one launch per element), in
// particle-element updates per second of GPU time (CUDA events), for beams
// of 1e4 to 1e7 particles. Run it from the repository root on a GPU host:
//
//	go run -tags cuda ./bench/gpu
//
// Flags: -nmax limits the largest beam, -turns the turns per measurement,
// -rad uses the radiating hmba lattice.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/gotrack/gotrack/cuda"
	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
)

func main() {
	nmax := flag.Int("nmax", 10_000_000, "largest beam")
	turns := flag.Int("turns", 4, "turns per measurement")
	rad := flag.Bool("rad", false, "radiation on (testdata/lattices/hmba_6d.json)")
	gpu := flag.Int("gpu", 0, "GPU ordinal")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("bench/gpu: ")

	lat := tracking.DefaultLattice()
	name := "hmba"
	if *rad {
		var err error
		if lat, err = tracking.LoadLattice("testdata/lattices/hmba_6d.json"); err != nil {
			log.Fatalf("radiation-on lattice (run from the repository root): %v", err)
		}
		name = "hmba (radiation)"
	}
	plan, err := tracking.Compile(lat)
	if err != nil {
		log.Fatal(err)
	}
	be, err := cuda.Open(*gpu)
	if err != nil {
		log.Fatal(err)
	}
	prog, err := be.Load(plan)
	if err != nil {
		log.Fatal(err)
	}
	defer prog.Close()
	pr := prog.(*cuda.Program)
	ne := len(plan.Elements)

	fmt.Printf("# gotrack GPU benchmark\n\n%s\n\nlattice %s, %d elements, %d turns per measurement; GPU time from CUDA events; particle-element updates/s.\n\n",
		be.Describe(), name, ne, *turns)
	fmt.Println("| N | fused gt_segment | per-element gt_elem_* | fused / per-element | fused wall (incl. transfers) |")
	fmt.Println("|---:|---:|---:|---:|---:|")
	for n := 10_000; n <= *nmax; n *= 10 {
		// Small, so that losses do not change the work between the two.
		beam := tracking.GaussianBeam(n, [6]float64{1e-5, 1e-6, 1e-6, 1e-7, 1e-4, 1e-4}, 1)
		src := device.NewParticles(n)
		for k := 0; k < 6; k++ {
			copy(src.Coords[k], beam.Coords[k])
		}
		db, err := be.NewBeam(n)
		if err != nil {
			log.Fatal(err)
		}
		req := device.RunRequest{Start: 0, End: ne, Turns: *turns}
		updates := float64(n) * float64(ne) * float64(*turns)

		// Warm up (JIT, caches), then measure the fused kernel.
		if err := db.Upload(src); err != nil {
			log.Fatal(err)
		}
		if err := pr.Run(db, device.RunRequest{Start: 0, End: ne, Turns: 1}); err != nil {
			log.Fatal(err)
		}
		if err := db.Upload(src); err != nil {
			log.Fatal(err)
		}
		t0 := time.Now()
		if err := pr.Run(db, req); err != nil {
			log.Fatal(err)
		}
		out := device.NewParticles(n)
		if err := db.Download(out); err != nil {
			log.Fatal(err)
		}
		wall := time.Since(t0)
		fused := pr.RunKernelTime()

		per := "n/a (beam not resident)"
		ratio := "-"
		if err := db.Upload(src); err != nil {
			log.Fatal(err)
		}
		if db.(*cuda.Beam).Resident() {
			if err := pr.RunElements(db, req); err != nil {
				log.Fatal(err)
			}
			pe := pr.RunKernelTime()
			per = fmt.Sprintf("%.3g", updates/pe.Seconds())
			ratio = fmt.Sprintf("%.1f", pe.Seconds()/fused.Seconds())
		}
		fmt.Printf("| %.0e | %.3g | %s | %s | %.3g |\n", float64(n), updates/fused.Seconds(), per, ratio, updates/wall.Seconds())
		if err := db.Close(); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Println("\nModule loads (wall time of cuModuleLoadDataEx, JIT included; GOTRACK_CUDA_MODULE=ptx measures the JIT path):")
	for _, l := range be.ModuleLoadTimes() {
		fmt.Printf("- %v\n", l)
	}
	fmt.Fprintln(os.Stderr, "done")
}
