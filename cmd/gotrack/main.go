// Command gotrack tracks particles through AT lattices and writes the
// results as numpy .npy files.
//
// Usage:
//
//	gotrack track [LATTICE.json] [--beam IN.npy | --particles N --seed S] --turns T --out DIR
//	gotrack lattice [LATTICE.json] [--ring] [--list [--json]] [--write OUT.json]
//	gotrack gpus
//	gotrack selftest [--device NAME] [--json]
//	gotrack version
//
// Without a lattice file, the built-in ESRF-EBS HMBA lattice is used (the
// full ring of 32 cells for track, one cell for lattice). Run
// "gotrack help track" for the options.
//
// This file holds nothing backend-specific besides the import of the CPU
// backend: builds with the tags cuda or mpi add files that import their
// backend and extend the commands through addExtension.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/gotrack/gotrack/device"
	_ "github.com/gotrack/gotrack/host"        // the Go engine: "cpu-go", and "cpu" without cgo
	_ "github.com/gotrack/gotrack/kernels/cpu" // with cgo, "cpu": the kernel source compiled by the host C compiler
	"github.com/gotrack/gotrack/tracking"
)

// version is gotrack's version; release builds set it with
// -ldflags "-X main.version=v1.2.3".
var version = "0.1.0-dev"

// versionString returns the version: the one set at link time, else the
// module version when installed with "go install module@version".
func versionString() string {
	if version == "0.1.0-dev" {
		if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			return bi.Main.Version
		}
	}
	return version
}

// An extension adds to the commands from a file built with a tag (cuda,
// mpi). Such a file imports its backend package, whose init registers the
// backend with package device, and calls addExtension from an init
// function.
type extension struct {
	// name identifies the extension in "gotrack version".
	name string
	// flags, when not nil, adds flags to the subcommand called cmd
	// ("track", "lattice").
	flags func(cmd string, fs *pflag.FlagSet)
	// readBeam, when not nil, reads the --beam file in place of loadBeam
	// (an MPI build reads it on one rank only), returning the beam and
	// loadBeam's note. On a process that does not write the outputs it
	// may return an empty beam and no note.
	readBeam func(path string) (*tracking.Beam, string, error)
	// generateBeam, when not nil, calls draw to draw the generated beam
	// (an MPI build draws it on rank 0 only, which scatters it). On a
	// process that does not write the outputs it may return an empty
	// beam. draw's errors are the same on every process.
	generateBeam func(draw func() (*tracking.Beam, error)) (*tracking.Beam, error)
	// beforeTrack, when not nil, runs once the lattice, beam and options
	// are ready, before tracking. It may change the job: its options, the
	// function that tracks, whether this process writes the outputs.
	beforeTrack func(job *trackJob) error
	// batch, when not nil, splits a --lattices batch of n independent
	// runs over the processes of a job (an MPI build under a launcher:
	// round robin over the ranks, each run on one rank, as one process):
	// it returns the indices this process runs and the function that
	// ends the batch (see batchSplit).
	batch func(n int) (mine []int, finish func(error) (bool, error), err error)
	// scanTracker, when not nil, gives the tracking function of an
	// acceptance scan (nil: tracking.Track), whether this process writes
	// the outputs, and finish, which every process calls with the scan's
	// outcome and which returns the error this process reports (an MPI
	// build under a launcher: each call spread over the ranks, rank 0
	// writing and reporting).
	scanTracker func() (track func(*tracking.Lattice, *tracking.Beam, tracking.Options) (*tracking.Result, error), write bool, finish func(error) error, err error)
	// selftest, when not nil, adds backends to the selftest command (an
	// MPI build under a launcher: the cases through the ranks) and says
	// whether this process reports (false on the non-root ranks). It is
	// called once, with the --device flag, before any case runs; finish,
	// when not nil, is called after the last.
	selftest func(dev string) (more []selftestBackend, report bool, finish func(), err error)
}

var extensions []extension

// addExtension registers an extension; call it from an init function.
func addExtension(e extension) { extensions = append(extensions, e) }

// readBeam reads the --beam file with the readBeam of the first extension
// that has one, else with loadBeam; note is loadBeam's note on the layout
// read, if any.
func readBeam(path string) (beam *tracking.Beam, note string, err error) {
	for _, e := range extensions {
		if e.readBeam != nil {
			return e.readBeam(path)
		}
	}
	return loadBeam(path)
}

// generateBeam draws the generated beam with draw, through the
// generateBeam of the first extension that has one.
func generateBeam(draw func() (*tracking.Beam, error)) (*tracking.Beam, error) {
	for _, e := range extensions {
		if e.generateBeam != nil {
			return e.generateBeam(draw)
		}
	}
	return draw()
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// usageError is a command-line mistake: it is reported in one line,
// followed by a pointer to the help of the command.
type usageError struct {
	cmd *cobra.Command
	err error
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// run executes the command line args and returns the exit status: 0, or 1
// after writing "gotrack: <message>" to stderr, and for a usage error a
// second line naming the help to read; a run stopped by a signal exits
// with 128 + the signal number.
func run(args []string, stdout, stderr io.Writer) int {
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return 0
	}
	fmt.Fprintf(stderr, "gotrack: %v\n", err)
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", ue.cmd.CommandPath())
	} else if strings.HasPrefix(err.Error(), "unknown command") {
		fmt.Fprintf(stderr, "Run 'gotrack help' for usage.\n")
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return 1
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "gotrack",
		Short: "Track particles through AT lattices on the CPU or a GPU",
		Long: `gotrack tracks particle beams turn after turn through accelerator lattices
saved in PyAT's JSON format, following PyAT's conventions, and writes the
results as numpy .npy files.

Without a lattice file, the built-in ESRF-EBS HMBA lattice is used.`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &usageError{c, err}
	})
	root.AddCommand(newTrackCmd(stdout, stderr), newAcceptanceCmd(stdout, stderr), newLatticeCmd(stdout, stderr), newGPUsCmd(stdout, stderr), newSelftestCmd(stdout, stderr), newOpticsCmd(stdout, stderr), newVersionCmd(stdout))
	for _, c := range root.Commands() {
		for _, e := range extensions {
			if e.flags != nil {
				e.flags(c.Name(), c.Flags())
			}
		}
	}
	return root
}

// maxArgs is cobra.MaximumNArgs reporting a usage error.
func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > n {
			return &usageError{cmd, fmt.Errorf("%s takes at most %d argument, got %d: %s", cmd.Name(), n, len(args), strings.Join(args, " "))}
		}
		return nil
	}
}

func newVersionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print gotrack's version and the backends of this build",
		Args:  maxArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(stdout, "gotrack %s (%s, %s/%s; backends: %s", versionString(), runtime.Version(), runtime.GOOS, runtime.GOARCH, strings.Join(device.Names(), ", "))
			if len(extensions) > 0 {
				names := make([]string, len(extensions))
				for i, e := range extensions {
					names[i] = e.name
				}
				fmt.Fprintf(stdout, "; extensions: %s", strings.Join(names, ", "))
			}
			fmt.Fprintln(stdout, ")")
			return nil
		},
	}
}
