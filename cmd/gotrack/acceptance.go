package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/acceptance"
	"github.com/gotrack/gotrack/tracking/lattices"
	"github.com/gotrack/gotrack/tracking/optics"
)

// acceptanceFlags are the flags of "gotrack acceptance".
type acceptanceFlags struct {
	planes, npoints, amplitudes string
	resolution                  float64
	grid                        string
	turns                       int
	refpts                      string
	dp                          float64
	offset, bounds              string
	device                      string
	threads                     int
	json, plot                  string
	lattices                    string
	quiet                       bool
	src                         latticeSource
}

func newAcceptanceCmd(stdout, stderr io.Writer) *cobra.Command {
	var f acceptanceFlags
	cmd := &cobra.Command{
		Use:   "acceptance [LATTICE]",
		Short: "Dynamic and momentum acceptance: PyAT's get_acceptance, get_1d_acceptance, get_momentum_acceptance",
		Long: `acceptance scans the initial conditions that survive --turns turns, with
PyAT's definitions and arguments, tracking every grid (or every step of
the recursive search) as one beam on the chosen backend:

  --planes x,y --npoints 31,17 --amplitudes 0.015,0.008 [--grid radial]
      at.get_acceptance: a 2-D grid (radial, cartesian or floodfill)
  --planes x --resolution 5e-5 --amplitudes 0.01
      at.get_1d_acceptance: PyAT's recursive search of one plane, both signs
  --planes dp --resolution 5e-4 --amplitudes 0.05
      at.get_momentum_acceptance

The points are offset by the closed orbit (at --dp, at the element
--refpts, which is then the starting point) or by --offset. It prints the
boundary's extent; --json writes boundary, survived and tracked in PyAT's
shapes (as returned), each tracked point's survived flag and loss record,
and the arguments as applied; --plot draws the tracked points (lost ones
coloured by the turn of their loss) and the boundary.`,
		Example: `  gotrack acceptance cell.json --planes x,y --npoints 31,17 --amplitudes 0.015,0.008
  gotrack acceptance cell.json --planes x --resolution 5e-5 --amplitudes 0.01 --json x.json
  gotrack acceptance cell.json --planes dp --resolution 5e-4 --amplitudes 0.05 --turns 1024`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if f.lattices != "" {
				return runAcceptanceBatch(cmd, args, &f, stdout, stderr)
			}
			return runAcceptance(cmd, args, &f, stdout, stderr)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.planes, "planes", "x,y", "one or two planes: x, px, y, py, dp, ct")
	fl.StringVar(&f.npoints, "npoints", "", "grid points per plane (2-D scans), e.g. 31,17")
	fl.StringVar(&f.amplitudes, "amplitudes", "", "amplitude per plane [m or 1]; the initial step of a 1-D search")
	fl.Float64Var(&f.resolution, "resolution", 0, "resolution of a 1-D or momentum search")
	fl.StringVar(&f.grid, "grid", "radial", "2-D grid: radial, cartesian, recursive or floodfill")
	fl.IntVar(&f.turns, "turns", 1024, "turns a point must survive")
	fl.StringVar(&f.refpts, "refpts", "", "elements where the scans start, as track's --refpts (indices, ranges, FamName patterns; default: the lattice entrance); several give one scan each, run as one batch")
	fl.Float64Var(&f.dp, "dp", math.NaN(), "momentum deviation of the closed orbit (default: find_orbit's)")
	fl.StringVar(&f.offset, "offset", "", "6 values added to every point instead of the closed orbit")
	fl.StringVar(&f.bounds, "bounds", "", "grid bounds, start:stop per plane, e.g. 1e-6:1,3.14159:0")
	fl.StringVar(&f.device, "device", "", "backend (default: the default CPU backend; one of "+strings.Join(device.Names(), ", ")+")")
	fl.IntVar(&f.threads, "threads", 0, "CPU threads (0: all cores)")
	fl.StringVar(&f.json, "json", "", "write the result to `OUT.json` (PyAT's shapes)")
	fl.StringVar(&f.plot, "plot", "", "draw the tracked grid and the boundary to `OUT.png` (or .svg, .pdf)")
	fl.StringVar(&f.lattices, "lattices", "", "scan every lattice matching `PATTERN` (e.g. 'seed*.json'), one after the other; --json and --plot then need {name}, the file's name without extension")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "print nothing but errors")
	f.src.addFlags(fl)
	return cmd
}

// runAcceptanceBatch runs the scan on every lattice matching --lattices,
// in name order, each as "gotrack acceptance FILE" would, with {name} in
// --json and --plot replaced by the file's name without extension. Each
// scan tracks its grid as one beam on every core, so the lattices run one
// after the other (split over the ranks of an MPI build under mpirun). A
// lattice that fails is reported and the others still run; the command
// then fails naming them.
func runAcceptanceBatch(cmd *cobra.Command, args []string, f *acceptanceFlags, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		return &usageError{cmd, fmt.Errorf("give either a lattice file or --lattices, not both")}
	}
	b, err := newFileBatch(cmd, "acceptance", "lattice", f.lattices, [][2]string{{"json", f.json}, {"plot", f.plot}})
	if err != nil {
		return err
	}
	return b.run(f.quiet, stderr, func(file, name string) error {
		one := *f
		one.lattices = ""
		one.json = strings.ReplaceAll(f.json, "{name}", name)
		one.plot = strings.ReplaceAll(f.plot, "{name}", name)
		return runAcceptance(cmd, []string{file}, &one, stdout, stderr)
	})
}

// acceptanceJSON is what --json writes.
type acceptanceJSON struct {
	Function     string         `json:"function"`
	Arguments    map[string]any `json:"arguments"`
	Boundary     any            `json:"boundary"`
	Survived     [][]float64    `json:"survived"`
	Tracked      [][]float64    `json:"tracked"`
	SurvivedFlag []bool         `json:"survived_flag"`
	LostTurn     []int64        `json:"lost_turn"`
	LostElement  []int64        `json:"lost_element"`
	Offset       []float64      `json:"offset"`
	Calls        int            `json:"tracking_calls"`
}

// parseList reads comma-separated numbers.
func parseList(s, name string) ([]float64, error) {
	if s == "" {
		return nil, nil
	}
	var v []float64
	for _, p := range strings.Split(s, ",") {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("--%s: %q is not a number", name, p)
		}
		v = append(v, x)
	}
	return v, nil
}

func runAcceptance(cmd *cobra.Command, args []string, f *acceptanceFlags, stdout, stderr io.Writer) (rerr error) {
	usage := func(format string, a ...any) error { return &usageError{cmd, fmt.Errorf(format, a...)} }
	if f.plot != "" {
		switch strings.ToLower(filepath.Ext(f.plot)) {
		case ".png", ".svg", ".pdf":
		default:
			return usage("--plot %s: unknown extension %q (want .png, .svg or .pdf)", f.plot, filepath.Ext(f.plot))
		}
	}
	planes := strings.Split(f.planes, ",")
	for i := range planes {
		planes[i] = strings.TrimSpace(planes[i])
	}
	if len(planes) < 1 || len(planes) > 2 {
		return usage("--planes: want one or two planes, got %q", f.planes)
	}
	amps, err := parseList(f.amplitudes, "amplitudes")
	if err != nil {
		return usage("%v", err)
	}
	if len(amps) != len(planes) {
		return usage("--amplitudes: want %d values (one per plane), got %d", len(planes), len(amps))
	}
	if f.turns < 1 {
		return usage("--turns must be at least 1, got %d", f.turns)
	}
	var lat *tracking.Lattice
	source := "built-in lattice (one ESRF-EBS HMBA cell)"
	if len(args) == 0 {
		if f.src.given() {
			return usage("--format, --use and --energy apply to a lattice file")
		}
		lat = lattices.Default()
	} else {
		if lat, err = f.src.load(args[0], quietWriter(f.quiet, stderr)); err != nil {
			return err
		}
		source = args[0]
	}
	opt := &acceptance.Options{
		Turns:  f.turns,
		Track:  tracking.Options{Device: f.device, Backend: device.Config{Threads: f.threads}},
		Optics: &optics.Options{Device: f.device, Backend: device.Config{Threads: f.threads}},
	}
	applied := map[string]any{"planes": planes, "amplitudes": amps, "nturns": f.turns}
	if f.refpts != "" {
		refpts, err := parseRefpts(f.refpts, lat)
		if err != nil {
			return usage("--refpts: %v", err)
		}
		for _, k := range refpts {
			if k >= len(lat.Elements) {
				return usage("--refpts %s: a scan starts at an element's entrance; %d is the end of the lattice (its last element is %d)", f.refpts, k, len(lat.Elements)-1)
			}
		}
		if len(refpts) > 1 && f.plot != "" && !strings.Contains(f.plot, "{refpt}") {
			return usage("--plot %s: with several --refpts, the name needs {refpt} (the element index), so that each scan has its own picture", f.plot)
		}
		opt.Refpts = refpts
		if len(refpts) == 1 {
			applied["refpts"] = refpts[0]
		} else {
			applied["refpts"] = refpts
		}
	}
	if !math.IsNaN(f.dp) {
		dp := f.dp
		opt.Dp = &dp
		applied["dp"] = dp
	}
	if f.offset != "" {
		o, err := parseList(f.offset, "offset")
		if err != nil || len(o) != 6 {
			return usage("--offset: want 6 numbers (x,px,y,py,dp,ct), got %q", f.offset)
		}
		var off [6]float64
		copy(off[:], o)
		opt.Offset = &off
		applied["offset"] = o
	}
	if f.bounds != "" {
		for _, pair := range strings.Split(f.bounds, ",") {
			ab := strings.Split(pair, ":")
			if len(ab) != 2 {
				return usage("--bounds: want start:stop per plane, got %q", f.bounds)
			}
			v, err := parseList(ab[0]+","+ab[1], "bounds")
			if err != nil {
				return usage("%v", err)
			}
			opt.Bounds = append(opt.Bounds, [2]float64{v[0], v[1]})
		}
		applied["bounds"] = opt.Bounds
	}
	for _, e := range extensions {
		if e.scanTracker == nil {
			continue
		}
		track, write, finish, err := e.scanTracker()
		if err != nil {
			return err
		}
		if finish != nil {
			defer func() { rerr = finish(rerr) }()
		}
		opt.Tracker = track
		if !write {
			one := *f
			one.quiet, one.json, one.plot = true, "", ""
			f = &one
		}
		break
	}
	if !f.quiet {
		opt.Progress = func(call, particles int) {
			fmt.Fprintf(stderr, "gotrack: acceptance: tracking call %d, %d points, %d turns\n", call, particles, f.turns)
		}
	}
	var results []*acceptance.Result
	function := ""
	switch {
	case len(planes) == 1:
		if !(f.resolution > 0) {
			return usage("--resolution: a 1-D scan needs a positive resolution")
		}
		applied["resolution"] = f.resolution
		if planes[0] == "dp" || planes[0] == "delta" {
			function = "at.get_momentum_acceptance"
			results, err = acceptance.MomentumAcceptanceAt(lat, f.resolution, amps[0], opt)
		} else {
			function = "at.get_1d_acceptance"
			results, err = acceptance.Acceptance1DAt(lat, planes[0], f.resolution, amps[0], opt)
		}
	default:
		np, perr := parseList(f.npoints, "npoints")
		if perr != nil || len(np) != 2 {
			return usage("--npoints: want 2 counts for 2 planes, got %q", f.npoints)
		}
		npoints := []int{int(np[0]), int(np[1])}
		if float64(npoints[0]) != np[0] || float64(npoints[1]) != np[1] || npoints[0] < 1 || npoints[1] < 1 {
			return usage("--npoints: want positive whole counts, got %q", f.npoints)
		}
		switch strings.ToLower(f.grid) {
		case "radial":
			opt.GridMode = acceptance.Radial
		case "cartesian":
			opt.GridMode = acceptance.Cartesian
		case "recursive":
			opt.GridMode = acceptance.Recursive
		case "floodfill":
			opt.GridMode = acceptance.Floodfill
		default:
			return usage("--grid: want radial, cartesian, recursive or floodfill, got %q", f.grid)
		}
		applied["npoints"], applied["grid_mode"] = npoints, opt.GridMode.String()
		function = "at.get_acceptance"
		results, err = acceptance.AcceptanceAt(lat, planes, npoints, amps, opt)
	}
	if err != nil {
		return fmt.Errorf("%s: acceptance: %w", source, err)
	}
	obs := opt.Refpts
	if len(obs) == 0 {
		obs = []int{0}
	}
	if !f.quiet {
		for i, res := range results {
			if len(results) > 1 {
				fmt.Fprintf(stdout, "refpt:     %d (%s)\n", obs[i], lat.Elements[obs[i]].FamName)
			}
			printAcceptance(stdout, source, function, planes, res)
		}
	}
	if f.json != "" {
		outs := make([]acceptanceJSON, len(results))
		for i, res := range results {
			var boundary any = res.Boundary
			if len(planes) == 1 && len(res.Boundary) == 1 {
				boundary = res.Boundary[0] // PyAT's 1-D boundary: (negative side, positive side)
			}
			outs[i] = acceptanceJSON{Function: function, Arguments: applied, Boundary: boundary, Survived: res.Survived,
				Tracked: res.Tracked, SurvivedFlag: res.SurvivedFlag, LostTurn: res.LostTurn, LostElement: res.LostElement,
				Offset: res.Orbit[:], Calls: res.Calls}
		}
		var doc any = outs[0]
		if len(outs) > 1 {
			// The grid scans of all refpts share their tracking calls;
			// the searches make their own.
			shared := len(planes) == 2 && (opt.GridMode == acceptance.Radial || opt.GridMode == acceptance.Cartesian)
			doc = mergeAcceptanceJSON(outs, shared)
		}
		b, err := json.MarshalIndent(doc, "", " ")
		if err != nil {
			return fmt.Errorf("acceptance JSON: %w", err)
		}
		if err := writeFileAtomic(f.json, append(b, '\n')); err != nil {
			return err
		}
		if !f.quiet {
			fmt.Fprintf(stdout, "wrote %s\n", f.json)
		}
	}
	if f.plot != "" {
		for i, res := range results {
			name := strings.ReplaceAll(f.plot, "{refpt}", strconv.Itoa(obs[i]))
			if err := plotAcceptance(name, source, planes, f.turns, res); err != nil {
				return err
			}
			if !f.quiet {
				fmt.Fprintf(stdout, "wrote %s\n", name)
			}
		}
	}
	return nil
}

// acceptanceJSONAt is what --json writes for several starting refpts:
// PyAT's get_acceptance then returns boundary, survived and grid as lists
// with one entry per refpt; so do these keys and the per-point records.
type acceptanceJSONAt struct {
	Function     string         `json:"function"`
	Arguments    map[string]any `json:"arguments"`
	Boundary     []any          `json:"boundary"`
	Survived     [][][]float64  `json:"survived"`
	Tracked      [][][]float64  `json:"tracked"`
	SurvivedFlag [][]bool       `json:"survived_flag"`
	LostTurn     [][]int64      `json:"lost_turn"`
	LostElement  [][]int64      `json:"lost_element"`
	Offset       [][]float64    `json:"offset"`
	Calls        int            `json:"tracking_calls"`
}

// mergeAcceptanceJSON lists the scans of several refpts key by key;
// shared says that each scan's Calls counts the calls of all (a grid
// scan), else they add up.
func mergeAcceptanceJSON(outs []acceptanceJSON, shared bool) acceptanceJSONAt {
	m := acceptanceJSONAt{Function: outs[0].Function, Arguments: outs[0].Arguments}
	calls := 0
	for _, o := range outs {
		m.Boundary = append(m.Boundary, o.Boundary)
		m.Survived = append(m.Survived, o.Survived)
		m.Tracked = append(m.Tracked, o.Tracked)
		m.SurvivedFlag = append(m.SurvivedFlag, o.SurvivedFlag)
		m.LostTurn = append(m.LostTurn, o.LostTurn)
		m.LostElement = append(m.LostElement, o.LostElement)
		m.Offset = append(m.Offset, o.Offset)
		if shared {
			calls = o.Calls
		} else {
			calls += o.Calls
		}
	}
	m.Calls = calls
	return m
}

// printAcceptance prints the boundary's extent per plane.
func printAcceptance(w io.Writer, source, function string, planes []string, res *acceptance.Result) {
	survived := 0
	for _, s := range res.SurvivedFlag {
		if s {
			survived++
		}
	}
	fmt.Fprintf(w, "lattice:   %s\n", source)
	fmt.Fprintf(w, "scan:      %s, %d of %d points survived, %d tracking calls\n", function, survived, len(res.SurvivedFlag), res.Calls)
	if len(planes) == 1 && len(res.Boundary) > 0 && len(res.Boundary[0]) == 2 {
		fmt.Fprintf(w, "boundary:  %s from %.6g to %.6g\n", planes[0], res.Boundary[0][0], res.Boundary[0][1])
		return
	}
	for j, p := range planes {
		if j >= len(res.Boundary) || len(res.Boundary[j]) == 0 {
			fmt.Fprintf(w, "boundary:  %s: none\n", p)
			continue
		}
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, v := range res.Boundary[j] {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
		fmt.Fprintf(w, "boundary:  %s from %.6g to %.6g\n", p, lo, hi)
	}
}
