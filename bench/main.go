package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/gotrack/gotrack/device"
	_ "github.com/gotrack/gotrack/host"        // "cpu-go", and "cpu" without cgo
	_ "github.com/gotrack/gotrack/kernels/cpu" // "cpu" with cgo
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/lattices"
)

// benchCase is one line of the report.
type benchCase struct {
	lattice string // "hmba" or "hmba x32"
	rad     bool
	n       int
	threads int
	pyat    float64 // PyAT particle-turns/s on the reference machine; 0 if not measured
}

// pyatRef holds PyAT 0.8.1.dev32's speed measured with at.lattice_pass on
// the 2-core machine kind of CI (particle-turns/s).
func pyatRef(lattice string, rad bool, n, threads int) float64 {
	switch {
	case lattice == "hmba" && !rad && threads == 1:
		return 2.3e4
	case lattice == "hmba" && !rad && threads == 2 && n == 10000:
		return 4.3e4
	case lattice == "hmba" && !rad && threads == 2 && n == 100000:
		return 4.5e4
	case lattice == "hmba" && rad && threads == 1:
		return 9.4e3
	case lattice == "hmba" && rad && threads == 2 && n >= 10000:
		return 1.83e4
	case lattice == "hmba x32" && !rad && threads == 2 && n == 10000:
		return 1.38e3
	case lattice == "hmba x32" && rad && threads == 2 && n == 10000:
		return 5.7e2
	}
	return 0
}

func load(name string, rad bool) (*tracking.Lattice, error) {
	cell := lattices.Default()
	if rad {
		var err error
		cell, err = atjson.LoadLattice("testdata/lattices/hmba_6d.json")
		if err != nil {
			return nil, fmt.Errorf("radiation-on lattice (run from the repository root): %w", err)
		}
	}
	if name == "hmba x32" {
		return cell.Repeat(32)
	}
	return cell, nil
}

func main() {
	quick := flag.Bool("quick", false, "run a few cases only")
	out := flag.String("out", "", "also write the report to this file")
	minTime := flag.Duration("mintime", 2*time.Second, "minimum time per case")
	dev := flag.String("device", "cpu", "backend to measure: cpu (the kernel source with cgo, else the Go engine) or cpu-go (the Go engine)")
	flag.Parse()
	log.SetFlags(0)

	var cases []benchCase
	ns := []int{1000, 10000, 100000}
	if *quick {
		ns = []int{10000}
	}
	for _, rad := range []bool{false, true} {
		for _, n := range ns {
			for _, th := range []int{1, 2} {
				cases = append(cases, benchCase{"hmba", rad, n, th, pyatRef("hmba", rad, n, th)})
			}
		}
		if !*quick {
			cases = append(cases, benchCase{"hmba x32", rad, 10000, 2, pyatRef("hmba x32", rad, 10000, 2)})
		}
	}

	var b strings.Builder
	fmt.Fprintf(&b, "# gotrack CPU benchmark\n\nbackend %s; %s, %s/%s, %d CPUs, GOMAXPROCS %d, %s\n\n",
		*dev, time.Now().UTC().Format("2006-01-02"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version())
	b.WriteString("| lattice | radiation | N | threads | particle-turns/s | particle-element passes/s | PyAT particle-turns/s | gotrack / PyAT |\n")
	b.WriteString("|---|---|---:|---:|---:|---:|---:|---:|\n")
	for _, c := range cases {
		lat, err := load(c.lattice, c.rad)
		if err != nil {
			log.Fatal(err)
		}
		beam := tracking.GaussianBeam(c.n, tracking.DefaultSigma, 1)
		opt := tracking.Options{Device: *dev, Backend: device.Config{Threads: c.threads}, Turns: 1}
		// Grow the number of turns until one run lasts minTime.
		var wall time.Duration
		for {
			res, err := tracking.Track(lat, beam, opt)
			if err != nil {
				log.Fatal(err)
			}
			wall = res.Wall
			if wall >= *minTime || opt.Turns > 1<<20 {
				break
			}
			grow := int(float64(*minTime)/float64(max(wall, time.Millisecond))*1.2) + 1
			opt.Turns *= min(grow, 100)
		}
		pt := float64(c.n) * float64(opt.Turns) / wall.Seconds()
		rad := "off"
		if c.rad {
			rad = "on"
		}
		ref, ratio := "-", "-"
		if c.pyat > 0 {
			ref = fmt.Sprintf("%.3g", c.pyat)
			ratio = fmt.Sprintf("%.2f", pt/c.pyat)
		}
		line := fmt.Sprintf("| %s | %s | %d | %d | %.3g | %.3g | %s | %s |\n",
			c.lattice, rad, c.n, c.threads, pt, pt*float64(len(lat.Elements)), ref, ratio)
		b.WriteString(line)
		fmt.Fprint(os.Stderr, line)
	}
	b.WriteString("\nPyAT figures: PyAT 0.8.1.dev32 (at.lattice_pass, C integrators built with gcc 12), measured on a 2-core AMD EPYC VM of the same kind.\n")
	var w io.Writer = os.Stdout
	fmt.Fprint(w, "\n"+b.String())
	if *out != "" {
		if err := os.WriteFile(*out, []byte(b.String()), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
