package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/selftest"
)

// selftestBackend is one backend the selftest command runs the cases on.
type selftestBackend struct {
	// name labels the backend in the report ("cpu", "cuda", "mpi:4").
	name string
	// opt are the tracking options (Device, GPU) the cases run with.
	opt tracking.Options
	// track tracks a case: tracking.Track, or through MPI ranks.
	track selftest.TrackFunc
}

// selftestReport is what --json prints.
type selftestReport struct {
	Pass bool `json:"pass"`
	// Results has one entry per backend and case group.
	Results []selftest.GroupResult `json:"results"`
	// NotUsable maps the backends that did not open to the reason.
	NotUsable map[string]string `json:"not_usable,omitempty"`
}

// loadSelftest loads the self-test's cases; tests replace it to corrupt a
// reference value.
var loadSelftest = selftest.Load

func newSelftestCmd(stdout, stderr io.Writer) *cobra.Command {
	var asJSON bool
	var dev string
	var threads int
	cmd := &cobra.Command{
		Use:   "selftest",
		Short: "Check this build against embedded PyAT reference cases on every backend present",
		Long: `selftest tracks a short set of PyAT reference cases embedded in the binary
(element cases of several passmethod families, the hmba ring for 10 turns,
a wake-field case) on every backend present: the CPU, a GPU when one is
usable, the MPI ranks when started by mpirun. It compares with PyAT at the
conformance suite's tolerances and prints, per backend and group of cases,
PASS or FAIL, the largest absolute and relative differences and the speed
in particle-turns/s. It exits with status 1 on any failure. With --device
auto a backend that does not open (no GPU) is reported, not failed.`,
		Args: maxArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if threads < 0 {
				return &usageError{cmd, fmt.Errorf("--threads must not be negative, got %d", threads)}
			}
			names := device.Names()
			if dev != "auto" && dev != "" && !slices.Contains(names, dev) {
				return &usageError{cmd, fmt.Errorf("--device %s: not a backend of this build (%s)", dev, strings.Join(names, ", "))}
			}
			return runSelftest(stdout, stderr, dev, threads, asJSON)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&asJSON, "json", false, "print the results as JSON")
	fl.StringVar(&dev, "device", "auto", "backend to test: auto (every backend present) or one of "+strings.Join(device.Names(), ", "))
	fl.IntVar(&threads, "threads", 0, "CPU threads (0: all cores)")
	return cmd
}

// errSelftestFailed is the command's error when a case failed.
var errSelftestFailed = errors.New("selftest failed")

func runSelftest(stdout, stderr io.Writer, dev string, threads int, asJSON bool) error {
	auto := dev == "auto" || dev == ""
	rep := selftestReport{NotUsable: map[string]string{}}
	var backends []selftestBackend
	for _, name := range device.Names() {
		if !auto && name != dev {
			continue
		}
		if _, err := device.Open(name, device.Config{Threads: threads}); err != nil {
			rep.NotUsable[name] = err.Error()
			continue
		}
		backends = append(backends, selftestBackend{name: name, opt: tracking.Options{Device: name, Backend: device.Config{Threads: threads}}, track: tracking.Track})
	}
	report := true
	for _, e := range extensions {
		if e.selftest == nil {
			continue
		}
		more, r, finish, err := e.selftest(dev)
		if err != nil {
			return fmt.Errorf("selftest: %w", err)
		}
		if finish != nil {
			defer finish()
		}
		backends = append(backends, more...)
		report = report && r
	}
	for _, b := range backends {
		suite, err := loadSelftest()
		if err != nil {
			return fmt.Errorf("selftest: %w", err)
		}
		rep.Results = append(rep.Results, selftest.Run(suite, b.name, b.track, b.opt)...)
	}
	if !report {
		return nil
	}
	rep.Pass = len(rep.Results) > 0
	for _, r := range rep.Results {
		rep.Pass = rep.Pass && r.Pass()
	}
	if !auto && len(rep.NotUsable) > 0 {
		rep.Pass = false // the backend asked for does not open
	}
	if asJSON {
		js, err := json.MarshalIndent(&rep, "", "  ")
		if err != nil {
			return fmt.Errorf("selftest: %w", err)
		}
		fmt.Fprintf(stdout, "%s\n", js)
	} else {
		printSelftest(stdout, &rep)
	}
	if !rep.Pass {
		return errSelftestFailed
	}
	return nil
}

// printSelftest writes the report as a table, then the not usable
// backends and the failures.
func printSelftest(w io.Writer, rep *selftestReport) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "backend\tgroup\tresult\tcases\tmax |d|\tmax |d|/|PyAT|\tparticle-turns/s\tdevice")
	for _, r := range rep.Results {
		verdict := "PASS"
		cases := fmt.Sprint(r.Cases)
		if !r.Pass() {
			verdict = "FAIL"
			cases = fmt.Sprintf("%d/%d failed", r.Failed, r.Cases)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%.2g\t%.2g\t%s\t%s\n", r.Backend, r.Group, verdict, cases, r.MaxAbs, r.MaxRel, humanRate(r.Rate), r.Device)
	}
	tw.Flush()
	names := make([]string, 0, len(rep.NotUsable))
	for n := range rep.NotUsable {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		fmt.Fprintf(w, "%s: not usable: %s\n", n, rep.NotUsable[n])
	}
	for _, r := range rep.Results {
		for _, f := range r.Failures {
			fmt.Fprintf(w, "%s/%s: %s\n", r.Backend, r.Group, f)
		}
	}
	if rep.Pass {
		fmt.Fprintln(w, "selftest: PASS")
	} else {
		fmt.Fprintln(w, "selftest: FAIL")
	}
}
