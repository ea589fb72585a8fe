// Command equilibrium measures quantum excitation against physics: it
// tracks a radiating ring with its diffusion element from the closed orbit
// (zero emittance) and compares the beam's covariance, recorded every
// -every turns as PyAT's reference runs do, with the linear theory Σₙ = M Σₙ₋₁ Mᵀ + D (M the one-turn matrix, D =
// Lmatp Lmatpᵀ the diffusion of PyAT's gen_quantdiff_elem, Σ₀ = 0), whose
// limit is the envelope equilibrium (ohmi_envelope).
//
//	go run ./bench/equilibrium                 # both cases, about 10 min on 2 cores
//	go run ./bench/equilibrium -fast-turns 0   # the element-by-element case only
//
// Two cases, PyAT's own (testdata/radiation):
//
//   - hmba_6d element by element (121 elements and the diffusion element
//     per turn), -n particles for -turns turns. Its damping times are
//     about 1e5 cell turns, so this run checks the growth rate of the
//     moments, not the equilibrium.
//   - the lumped model of hmba_6d (optics.FastRing: RF, one linear map,
//     detuning, diffusion), -fast-n particles for -fast-turns turns: five
//     damping times, the equilibrium averaged over the turns after twice
//     the longest damping time.
//
// Each case is also compared with PyAT's own run of it (-pyat,
// -pyat-fast): its speed, and for the lumped model its averages.
//
// It writes a Markdown report (-out), a plot of the emittances against the
// turn with the theory (-plot) and the lumped-model case's records as CSV
// (-csv).
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/optics"

	_ "github.com/gotrack/gotrack/host"        // "cpu-go", and "cpu" without cgo
	_ "github.com/gotrack/gotrack/kernels/cpu" // "cpu" with cgo: the kernel source
)

func main() {
	latFile := flag.String("lattice", "testdata/lattices/hmba_6d.json", "radiating AT JSON lattice (one cell)")
	n := flag.Int("n", 2000, "particles of the element-by-element case")
	turns := flag.Int("turns", 1000, "turns of the element-by-element case (0: skip it)")
	fastN := flag.Int("fast-n", 4000, "particles of the lumped-model case")
	fastTurns := flag.Int("fast-turns", 500000, "turns of the lumped-model case (0: skip it)")
	every := flag.Int("every", 100, "turns between records of the beam's covariance")
	pyatRing := flag.String("pyat", "testdata/radiation/hmba_6d_quantdiff.json", "PyAT's run of the element-by-element case, for its speed (\"\": none)")
	pyatFast := flag.String("pyat-fast", "testdata/radiation/fast_ring_quantdiff.json", "PyAT's run of the lumped-model case, for its averages and speed (\"\": none)")
	seed := flag.Uint64("seed", 1, "random seed of the quantum excitation")
	out := flag.String("out", "", "also write the report to this Markdown file")
	csvFile := flag.String("csv", "", "write the lumped-model case's records (turn, tracked and theory quantities) to this CSV file, for numpy.loadtxt(..., delimiter=\",\", skiprows=1)")
	plotFile := flag.String("plot", "", "write the emittance-vs-turn plot of the lumped-model case (.png or .svg)")
	flag.Parse()
	if err := run(*latFile, *n, *turns, *fastN, *fastTurns, *every, *seed, *pyatRing, *pyatFast, *out, *csvFile, *plotFile); err != nil {
		fmt.Fprintln(os.Stderr, "equilibrium:", err)
		os.Exit(1)
	}
}

// run measures the cases and writes the report.
func run(latFile string, n, turns, fastN, fastTurns, every int, seed uint64, pyatRing, pyatFast, out, csvFile, plotFile string) error {
	lat, err := atjson.LoadLattice(latFile)
	if err != nil {
		return err
	}
	// The envelope of the source lattice: its equilibrium, its damping
	// times and the diffusion of one turn (PyAT's quantdiffmat, whose
	// Cholesky factor is the Lmatp of both tracked rings).
	env, err := optics.OhmiEnvelope(lat, nil, nil)
	if err != nil {
		return fmt.Errorf("%s: envelope: %w", latFile, err)
	}
	var tau [3]float64
	for i, a := range env.DampingRates {
		tau[i] = 1 / a
	}
	d, err := optics.QuantDiffMat(lat, nil)
	if err != nil {
		return fmt.Errorf("%s: diffusion matrix: %w", latFile, err)
	}
	var report strings.Builder
	fmt.Fprintf(&report, "# Quantum excitation against the linear theory\n\n")
	fmt.Fprintf(&report, "`go run ./bench/equilibrium` on %s (%s): %s, seed %d.\n", host(), time.Now().UTC().Format("2006-01-02"), latFile, seed)
	w := io.MultiWriter(os.Stdout, &report)
	// PyAT's runs are read first: a bad file fails before the long tracking.
	pyRing, err := loadPyAT(pyatRing)
	if err != nil {
		return err
	}
	pyFast, err := loadPyAT(pyatFast)
	if err != nil {
		return err
	}
	if turns > 0 {
		ring, err := optics.WithQuantumDiffusion(lat, nil)
		if err != nil {
			return fmt.Errorf("%s: %w", latFile, err)
		}
		c, err := measure(ring, d, tau, n, turns, every, seed)
		if err != nil {
			return fmt.Errorf("%s: %w", latFile, err)
		}
		c.pyat = pyRing
		c.report(w, fmt.Sprintf("%s element by element and its diffusion element", latFile), 0)
	}
	if fastTurns > 0 {
		_, rad, err := optics.FastRing(lat, nil)
		if err != nil {
			return fmt.Errorf("%s: fast ring: %w", latFile, err)
		}
		c, err := measure(rad, d, tau, fastN, fastTurns, every, seed)
		if err != nil {
			return fmt.Errorf("%s: fast ring: %w", latFile, err)
		}
		c.pyat = pyFast
		c.envelope = env
		c.report(w, fmt.Sprintf("the lumped model of %s (optics.FastRing)", latFile), 2*c.maxTau())
		if plotFile != "" {
			if err := c.plot(plotFile); err != nil {
				return err
			}
		}
		if csvFile != "" {
			if err := writeFileAtomic(csvFile, c.csv()); err != nil {
				return err
			}
		}
	}
	if out != "" {
		if err := writeFileAtomic(out, []byte(report.String())); err != nil {
			return err
		}
	}
	return nil
}

// host names the machine: its CPU model and core count.
func host() string {
	model := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "model name") {
				if i := strings.Index(l, ":"); i >= 0 {
					model = strings.TrimSpace(l[i+1:])
				}
				break
			}
		}
	}
	return fmt.Sprintf("%s, %d cores", model, numCPU())
}

// writeFileAtomic writes data to a temporary file beside path and renames
// it, so that an interrupted run leaves no half-written report.
func writeFileAtomic(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
