package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/lattices"
	"github.com/gotrack/gotrack/tracking/optics"
)

// defaultRingName describes the built-in lattice in summaries.
const defaultRingName = "default: ESRF-EBS HMBA ring (32 cells)"

// trackJob is a tracking run once the command line is read; extensions
// may change it before it runs (see extension.beforeTrack).
type trackJob struct {
	Lattice *tracking.Lattice
	Beam    *tracking.Beam
	Options tracking.Options
	// Track tracks the beam: tracking.Track unless an extension replaces
	// it (an MPI build spreading the beam over ranks).
	Track func(*tracking.Lattice, *tracking.Beam, tracking.Options) (*tracking.Result, error)
	// Write is whether this process writes the outputs and the summary
	// (false on the non-root ranks of an MPI run).
	Write bool
	// Stderr is where notes and the progress bar go.
	Stderr io.Writer
	// Quiet is --quiet: print neither progress nor notes.
	Quiet bool
	// CPUReason, set by an extension, says why a --device auto run tracks
	// on the CPU although a GPU is present; the note on stderr gives it in
	// place of "no GPU backend in this build".
	CPUReason string
	// Ranks, set by the MPI extension on rank 0, is what each rank of a
	// multi-rank run did, for summary.json.
	Ranks []rankSummary
	// Warnings are said once, before tracking, by the process that writes
	// the outputs (unless Quiet).
	Warnings []string
}

// trackFlags are the options of the track command.
type trackFlags struct {
	beam      string
	particles int
	seed      uint64
	sigma     string
	turns     int
	out       string
	refpts    string
	threads   int
	device    string
	tile      int
	ring      bool
	quiet     bool
	moments   bool
	matched   bool
	sizes     optics.BeamSizes
	quantum   bool
	radiation bool
	lattices  string
	beams     string
	src       latticeSource
}

// summary is what summary.json holds.
type summary struct {
	Version     string `json:"version"`
	Lattice     string `json:"lattice"`
	LatticeFile string `json:"lattice_file,omitempty"`
	Elements    int    `json:"elements"`
	Is6D        bool   `json:"is_6d"`
	Beam        string `json:"beam,omitempty"`
	// Seed keys the generated beam and the random numbers of the
	// stochastic passmethods (quantum excitation).
	Seed  uint64    `json:"seed"`
	Sigma []float64 `json:"sigma,omitempty"`
	// Radiation is set when --radiation turned a 4D lattice 6D;
	// Quantum describes the quantum excitation --quantum added.
	Radiation bool            `json:"radiation,omitempty"`
	Quantum   *quantumSummary `json:"quantum,omitempty"`
	// Matched describes a beam matched to the lattice (--matched).
	Matched           *matchedSummary `json:"matched,omitempty"`
	Particles         int             `json:"particles"`
	Turns             int             `json:"turns"`
	Refpts            []int           `json:"refpts"`
	Device            string          `json:"device"`
	Threads           int             `json:"threads"`
	WallS             float64         `json:"wall_s"`
	ParticleTurnsPerS float64         `json:"particle_turns_per_s"`
	Lost              int             `json:"lost"`
	// Interrupted is set when a signal stopped the run before its last
	// turn: Turns is then the turns done, TurnsRequested those asked.
	Interrupted    bool     `json:"interrupted,omitempty"`
	TurnsRequested int      `json:"turns_requested,omitempty"`
	Files          []string `json:"files"`
	MomentColumns  []string `json:"moment_columns,omitempty"`

	// Ranks is what each rank did in a multi-rank (MPI) run.
	Ranks []rankSummary `json:"ranks,omitempty"`
}

func newTrackCmd(stdout, stderr io.Writer) *cobra.Command {
	var f trackFlags
	cmd := &cobra.Command{
		Use:   "track [LATTICE]",
		Short: "Track a beam through a lattice and write the results as .npy files",
		Long: `track tracks a beam through a lattice (AT JSON, .mat, .m or MAD-X: see
"gotrack lattice --help") for a number of turns and writes into the
output directory:

  initial.npy       the beam tracked, shape (N, 6)
  final.npy         the beam after the last turn, shape (N, 6); lost
                    particles read (NaN, 0, 0, 0, 0, 0)
  lost.npy          bool (N): whether each particle was lost
  lost_turn.npy     int64 (N): the turn of the loss (0 if not lost)
  lost_element.npy  int64 (N): the element of the loss (0 if not lost)
  lost_coords.npy   (N, 6): the coordinates at the loss
  monitor.npy       (turns, nrefpts, N, 6): the coordinates at the refpts
                    (with --refpts), at the entrance of each refpt
  moments.npy       (turns, 31): with --moments, the beam moments at the
                    end of every turn, columns named in summary.json's
                    moment_columns: live count, 6 means, 21 central second
                    moments, 3 rms emittances
  wake_E<i>.npy, beam_moments_E<i>_{means,stds}.npy,
  slice_moments_E<i>_{means,stds,spos,weights}.npy
                    what the collective elements of the lattice computed
                    (element index i; PyAT's layouts)
  summary.json      the run: lattice, particles, turns, device, timing,
                    and the list of files

The directory holds one run, complete: files are written under temporary
names and renamed into place together, summary.json last, and the files
of these names that the run does not write are removed (other files are
left alone). monitor.npy is streamed to disk as the run goes. A run whose
outputs exceed the free disk space, or whose beam exceeds the memory, is
refused before tracking. SIGINT or SIGTERM stops the run at the end of the
current turn and writes the turns done (summary.json: "interrupted": true;
exit status 130 or 143); a second signal abandons the run and leaves the
directory as it was.

The beam is read from a .npy file (float64 or float32, either byte order,
C or Fortran order) of shape (N, 6), the columns being AT's x, px, y, py,
delta, ct, or (6, N), PyAT's layout; or, without --beam, drawn from a
Gaussian with --particles, --seed and --sigma. Counts may be written
10000, 10_000 or 1e4. --matched draws it matched to the lattice and
centred on its closed orbit (PyAT's sigma_matrix): for a radiating
lattice from the equilibrium envelope (ohmi_envelope's beam matrix), for
another from its Twiss functions at the start (linopt6's mode matrices,
with the dispersion for a 4D lattice) and the sizes --emit-x, --emit-y,
--sigma-e and --sigma-l, which must then be given; summary.json records
the beam matrix and the orbit.

Without a lattice file, the built-in ESRF-EBS HMBA ring (32 cells, 3872
elements) is tracked. A lattice file is tracked as it is: a single cell
of a periodic ring tracks one cell per turn, unless --ring repeats it by
its periodicity.

--refpts selects the elements at whose entrance coordinates are recorded
every turn, as PyAT's refpts: a comma list of indices (negative ones count
from the end as in Python: -1 is the last element), ranges
start:stop[:step] (stop excluded), "end" (the end of the lattice, index
N) and FamName patterns matched as PyAT does (*, ?, [seq], [!seq]):
"0,BPM*,-10:end". "gotrack lattice LATTICE.json --list" shows the
indices, FamNames and s positions.

-q prints nothing but errors; otherwise notes and warnings (non-finite
particles, contradicting element attributes, a beam lost in its first
turn) are said once on stderr.`,
		Example: `  gotrack track --particles 1e4 --turns 100
  gotrack track ring.json --beam beam.npy --turns 1000 --refpts 'BPM*,end' --out run1
  gotrack track cell_6d.json --matched --particles 1e5 --turns 1000
  gotrack track --matched --emit-x 1.3e-10 --emit-y 1e-11 --sigma-e 9.4e-4 --sigma-l 3e-3`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if f.lattices != "" || f.beams != "" {
				return runTrackBatch(cmd, args, &f, stdout, stderr)
			}
			return runTrack(cmd, args, &f, stdout, stderr)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.beam, "beam", "", "read the beam from `IN.npy`: shape (N, 6), or PyAT's (6, N); float64 or float32")
	fl.VarP(newCountValue(1000, &f.particles), "particles", "n", "number of particles of the generated beam")
	fl.Uint64Var(&f.seed, "seed", 1, "random seed of the generated beam and of quantum excitation")
	fl.BoolVar(&f.radiation, "radiation", false, "turn radiation on first (PyAT's enable_6d: cavities, radiating dipoles and quadrupoles) when the lattice is 4D")
	fl.BoolVar(&f.quantum, "quantum", false, "add quantum excitation: the ring's diffusion element (PyAT's gen_quantdiff_elem) appended at the end")
	fl.StringVar(&f.sigma, "sigma", joinFloats(tracking.DefaultSigma[:]), "rms of x,px,y,py,delta,ct of the generated beam (6 values)")
	fl.BoolVar(&f.matched, "matched", false, "draw the beam matched to the lattice, centred on its closed orbit")
	fl.Float64Var(&f.sizes.EmitX, "emit-x", 0, "with --matched, a lattice without radiation: emittance of mode 1 [m]")
	fl.Float64Var(&f.sizes.EmitY, "emit-y", 0, "with --matched, a lattice without radiation: emittance of mode 2 [m]")
	fl.Float64Var(&f.sizes.SigmaE, "sigma-e", 0, "with --matched, a lattice without radiation: rms relative energy spread")
	fl.Float64Var(&f.sizes.SigmaL, "sigma-l", 0, "with --matched, a lattice without radiation: rms bunch length [m]")
	fl.VarP(newCountValue(1, &f.turns), "turns", "t", "number of turns")
	fl.StringVarP(&f.out, "out", "o", "gotrack-out", "output `DIR` (created if missing)")
	fl.StringVar(&f.refpts, "refpts", "", "elements where coordinates are recorded each turn: indices, ranges, FamName patterns, e.g. 0,BPM*,-1,end")
	fl.IntVar(&f.threads, "threads", 0, "CPU threads (0: all cores)")
	fl.StringVar(&f.device, "device", "auto", "backend: auto, or one of the registered backends ("+strings.Join(device.Names(), ", ")+")")
	fl.IntVar(&f.tile, "tile", 0, "particles per CPU tile (0: the default)")
	fl.BoolVar(&f.moments, "moments", false, "write the beam moments at the end of every turn to moments.npy (computed where the beam lives)")
	fl.BoolVar(&f.ring, "ring", false, "repeat the lattice by its periodicity (a cell into the full ring)")
	f.src.addFlags(fl)
	fl.StringVar(&f.beams, "beams", "", "track every beam file matching `PATTERN` (e.g. 'bunch*.npy') through the lattice, one run each; --out then needs {name}, the beam file's name without extension (default gotrack-out-{name})")
	fl.StringVar(&f.lattices, "lattices", "", "track the same beam through every lattice matching `PATTERN` (e.g. 'seed*.json'), one run each; --out then needs {name}, the file's name without extension (default gotrack-out-{name})")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "print nothing but errors")
	return cmd
}

// runTrackBatch tracks the beam through every lattice matching
// --lattices, in name order, each as "gotrack track FILE" would, into
// --out with {name} replaced by the file's name without extension. The
// generated beam is the same for every lattice (same --seed); with
// --matched each lattice gets the beam matched to it. With --beams, it
// tracks every matching beam file through the one lattice instead. Under
// mpirun (MPI build), the runs are split over the ranks, each run on one
// rank.
func runTrackBatch(cmd *cobra.Command, args []string, f *trackFlags, stdout, stderr io.Writer) error {
	out := f.out
	if !cmd.Flags().Changed("out") {
		out = "gotrack-out-{name}"
	}
	if f.lattices != "" && f.beams != "" {
		return &usageError{cmd, fmt.Errorf("give --lattices or --beams, not both")}
	}
	if f.beams != "" {
		if f.beam != "" {
			return &usageError{cmd, fmt.Errorf("give --beam or --beams, not both")}
		}
		b, err := newFileBatch(cmd, "track", "beam", f.beams, [][2]string{{"out", out}})
		if err != nil {
			return err
		}
		return b.run(f.quiet, stderr, func(file, name string) error {
			one := *f
			one.beams, one.beam = "", file
			one.out = strings.ReplaceAll(out, "{name}", name)
			return runTrack(cmd, args, &one, stdout, stderr)
		})
	}
	if len(args) > 0 {
		return &usageError{cmd, fmt.Errorf("give either a lattice file or --lattices, not both")}
	}
	b, err := newFileBatch(cmd, "track", "lattice", f.lattices, [][2]string{{"out", out}})
	if err != nil {
		return err
	}
	return b.run(f.quiet, stderr, func(file, name string) error {
		one := *f
		one.lattices = ""
		one.out = strings.ReplaceAll(out, "{name}", name)
		return runTrack(cmd, []string{file}, &one, stdout, stderr)
	})
}

func joinFloats(x []float64) string {
	s := make([]string, len(x))
	for i, v := range x {
		s[i] = strconv.FormatFloat(v, 'g', -1, 64)
	}
	return strings.Join(s, ",")
}

func runTrack(cmd *cobra.Command, args []string, f *trackFlags, stdout, stderr io.Writer) (err error) {
	createdOut := false // a run that fails leaves no empty directory of its own
	defer func() {
		if err != nil && createdOut {
			os.Remove(f.out)
		}
	}()
	usage := func(format string, a ...any) error {
		return &usageError{cmd, fmt.Errorf(format, a...)}
	}
	if f.turns < 1 {
		return usage("--turns must be at least 1, got %d", f.turns)
	}
	if f.threads < 0 {
		return usage("--threads must not be negative, got %d", f.threads)
	}
	if f.tile < 0 {
		return usage("--tile must not be negative, got %d", f.tile)
	}
	fl := cmd.Flags()
	if f.beam != "" {
		for _, g := range []string{"particles", "sigma", "matched"} {
			if fl.Changed(g) {
				return usage("--%s applies to a generated beam; it cannot be used with --beam", g)
			}
		}
	}
	sizeFlags := 0
	for _, g := range []string{"emit-x", "emit-y", "sigma-e", "sigma-l"} {
		if fl.Changed(g) {
			if !f.matched {
				return usage("--%s applies to a matched beam (--matched)", g)
			}
			sizeFlags++
		}
	}
	if f.matched && fl.Changed("sigma") {
		return usage("--sigma and --matched cannot be used together: a matched beam takes its sizes from the lattice")
	}

	// The lattice.
	var lat *tracking.Lattice
	sum := summary{Version: versionString()}
	if len(args) == 0 {
		if f.src.given() {
			return usage("--format, --use and --energy apply to a lattice file")
		}
		lat = lattices.DefaultRing()
		sum.Lattice = defaultRingName
	} else {
		var err error
		if lat, err = f.src.load(args[0], quietWriter(f.quiet, stderr)); err != nil {
			return err
		}
		if f.ring && lat.Periodicity > 1 {
			if lat, err = lat.Repeat(lat.Periodicity); err != nil {
				return fmt.Errorf("%s: --ring: %w", args[0], err)
			}
		}
		sum.Lattice, sum.LatticeFile = lat.Name, args[0]
	}
	sum.Seed = f.seed
	if lat, err = radiateLattice(lat, f, &sum, stderr); err != nil {
		return err
	}
	refpts, err := parseRefpts(f.refpts, lat)
	if err != nil {
		return usage("--refpts: %v", err)
	}

	// The beam. A run that cannot write its outputs, or needs more disk
	// or memory than there is, fails before the beam is made.
	early := func(n int) error {
		// parseRefpts returns them sorted and distinct.
		if err := estimateNeeds(n, f.turns, len(refpts), f.moments).check(f.out); err != nil {
			return err
		}
		var err error
		createdOut, err = probeOutDir(f.out)
		return err
	}
	var beam *tracking.Beam
	if f.beam != "" {
		var note string
		if beam, note, err = readBeam(f.beam); err != nil {
			return err
		}
		if err := early(beam.Len()); err != nil {
			return err
		}
		if note != "" && !f.quiet {
			fmt.Fprintf(stderr, "gotrack: %s\n", note)
		}
		sum.Beam = f.beam
	} else {
		if f.particles < 1 {
			return usage("--particles must be at least 1, got %d", f.particles)
		}
		var draw func() (*tracking.Beam, error)
		if f.matched {
			m, err := matchBeam(lat, f, sizeFlags)
			if err != nil {
				return err
			}
			sum.Matched = m.summary()
			draw = func() (*tracking.Beam, error) { return optics.GaussianBeamFrom(f.particles, m.Sigma, m.Orbit, f.seed) }
		} else {
			sigma, err := parseSigma(f.sigma)
			if err != nil {
				return usage("--sigma: %v", err)
			}
			sum.Sigma = sigma[:]
			draw = func() (*tracking.Beam, error) { return tracking.GaussianBeam(f.particles, sigma, f.seed), nil }
		}
		if err := early(f.particles); err != nil {
			return err
		}
		if beam, err = generateBeam(draw); err != nil {
			return err
		}
	}
	job := &trackJob{
		Lattice: lat,
		Beam:    beam,
		Options: tracking.Options{
			Seed:    f.seed,
			Turns:   f.turns,
			Refpts:  refpts,
			Device:  f.device,
			Backend: device.Config{Threads: f.threads, TileSize: f.tile},
			Moments: f.moments,
		},
		Track:    tracking.Track,
		Write:    true,
		Stderr:   stderr,
		Quiet:    f.quiet,
		Warnings: lat.Check(),
	}
	return runJob(job, f.out, &sum, stdout)
}

// parseSigma reads six comma-separated non-negative numbers.
func parseSigma(s string) ([6]float64, error) {
	var sigma [6]float64
	parts := strings.Split(s, ",")
	if len(parts) != 6 {
		return sigma, fmt.Errorf("want 6 comma-separated values (x,px,y,py,delta,ct), got %d", len(parts))
	}
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || v < 0 || v != v {
			return sigma, fmt.Errorf("value %d (%s) %q is not a non-negative number", i+1, tracking.CoordNames[i], p)
		}
		sigma[i] = v
	}
	return sigma, nil
}
