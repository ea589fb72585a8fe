package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
)

// fileBatch is the job list of a --lattices or --beams run: the files
// matching a pattern, in name order, each an independent run whose
// output names have {name} replaced by the file's name without
// extension.
type fileBatch struct {
	command string   // "track" or "acceptance", for messages
	kind    string   // "lattice" or "beam"
	files   []string // the files, in name order
	names   []string // their names without directory and extension
}

// newFileBatch globs pattern (the value of --lattices or --beams, as
// kind says) and checks that every output template of outputs (flag name
// and value; empty values are not written) holds {name}, and that no two
// files share a name.
func newFileBatch(cmd *cobra.Command, command, kind, pattern string, outputs [][2]string) (*fileBatch, error) {
	usage := func(format string, a ...any) error { return &usageError{cmd, fmt.Errorf(format, a...)} }
	flag := "--" + kind + "s"
	files, err := filepath.Glob(pattern)
	if err != nil {
		return nil, usage("%s %q: %v", flag, pattern, err)
	}
	if len(files) == 0 {
		return nil, usage("%s %q matches no file", flag, pattern)
	}
	for _, o := range outputs {
		if o[1] != "" && !strings.Contains(o[1], "{name}") {
			return nil, usage("--%s %s: with %s, the name needs {name} (e.g. %s-{name}%s), so that each %s has its own output",
				o[0], o[1], flag, strings.TrimSuffix(filepath.Base(o[1]), filepath.Ext(o[1])), filepath.Ext(o[1]), kind)
		}
	}
	b := &fileBatch{command: command, kind: kind, files: files}
	seen := map[string]string{}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
		if other, ok := seen[name]; ok {
			return nil, usage("%s: %s and %s have the same name %q: their outputs would collide", flag, other, file, name)
		}
		seen[name] = file
		b.names = append(b.names, name)
	}
	return b, nil
}

// batchSplit returns the jobs of a batch of n that this process runs and
// the function that ends the batch: every process calls it with its own
// outcome, and it returns whether this process reports and the batch's
// outcome to report. Without an extension that splits (an MPI build
// under a launcher), the process runs every job and reports.
func batchSplit(n int) (mine []int, finish func(error) (bool, error), err error) {
	for _, e := range extensions {
		if e.batch != nil {
			return e.batch(n)
		}
	}
	return runAll(n)
}

// runAll is the batchSplit of a single process: it runs all n jobs and
// reports.
func runAll(n int) (mine []int, finish func(error) (bool, error), err error) {
	mine = make([]int, n)
	for i := range mine {
		mine[i] = i
	}
	return mine, func(err error) (bool, error) { return true, err }, nil
}

// run runs one(file, name) for each file of this process's share, one
// after the other (each run uses the whole machine, or this process's
// part of it), with a line on stderr before each unless quiet. A run that
// fails is reported and the others still run; the command then fails
// naming their files. A signal that stops a run (SIGINT, SIGTERM) stops the
// batch after that run, with the run's exit status.
func (b *fileBatch) run(quiet bool, stderr io.Writer, one func(file, name string) error) error {
	mine, finish, err := batchSplit(len(b.files))
	if err != nil {
		return fmt.Errorf("%s --lattices: %w", b.command, err)
	}
	var failed []string
	var stopped error
	for k, i := range mine {
		if !quiet {
			of := fmt.Sprint(len(mine))
			if len(mine) != len(b.files) {
				of = fmt.Sprintf("%d here (%d in the batch)", len(mine), len(b.files))
			}
			fmt.Fprintf(stderr, "gotrack: %s: %s %d of %s: %s\n", b.command, b.kind, k+1, of, b.files[i])
		}
		err := one(b.files[i], b.names[i])
		if xe := (*exitError)(nil); errors.As(err, &xe) {
			stopped = err
			fmt.Fprintf(stderr, "gotrack: %s: %v; the batch stops here (%d of its %d %ss not run)\n", b.files[i], err, len(mine)-k-1, len(mine), b.kind)
			break
		}
		if err != nil {
			if strings.Contains(err.Error(), b.files[i]) {
				fmt.Fprintf(stderr, "gotrack: %v\n", err)
			} else {
				fmt.Fprintf(stderr, "gotrack: %s: %v\n", b.files[i], err)
			}
			failed = append(failed, b.files[i])
		}
	}
	local := stopped
	if local == nil && len(failed) > 0 {
		local = fmt.Errorf("%s: %d of %d %ss failed: %s", b.command, len(failed), len(mine), b.kind, strings.Join(failed, ", "))
	}
	report, err := finish(local)
	switch {
	case stopped != nil:
		return stopped // every process was signalled
	case !report:
		return nil
	}
	return err
}
