package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/lattices"
	"github.com/gotrack/gotrack/tracking/optics"
)

// opticsFlags are the options of the optics command.
type opticsFlags struct {
	fourD   bool
	json    string
	plot    string
	device  string
	threads int
	src     latticeSource
}

func newOpticsCmd(stdout, stderr io.Writer) *cobra.Command {
	var f opticsFlags
	cmd := &cobra.Command{
		Use:   "optics [LATTICE]",
		Short: "Closed orbit, tunes, chromaticity, Twiss functions and, with radiation, the equilibrium",
		Long: `optics computes what PyAT computes for a lattice, by tracking through the
engine (the particles of each finite difference as one beam), with PyAT's
algorithms and step sizes: the closed orbit (find_orbit4 for a 4D lattice,
find_orbit6 for a 6D one), the one-turn matrices (find_m44, find_m66), the
tunes and chromaticities of the full ring (get_tune, get_chrom: the
periodicity applied), the momentum compaction, and linopt6 at every
element: beta, alpha, dispersion, phase advance and closed orbit. For a
radiating lattice it adds the equilibrium (ohmi_envelope and
envelope_parameters: emittances, damping times and partition numbers,
energy spread, bunch length, synchrotron frequency) and the energy loss
per turn (radiation integrals).

The lattice is taken as it is: one cell of a periodic ring (its
periodicity applied to the tunes, chromaticities and ring parameters as
PyAT applies it). --4d switches it to 4D first, as PyAT's
ring.disable_6d(): radiating passmethods to their plain twins, cavities
off. Without a file, the built-in lattice (one ESRF-EBS HMBA cell) is
used.

It prints a summary table. --json writes the results with the keys and
shapes of PyAT's reference files (orbit4 or orbit6, m44, m66, tune,
chromaticity, linopt6 with ringdata, s_pos, beta, alpha, dispersion, mu,
closed_orbit at refpts 0..len(ring); for a radiating lattice
ohmi_envelope, envelope_parameters and energy_loss), so that a script
compares them field by field. --plot draws beta x, beta y and the
horizontal dispersion along s over the magnets (PNG, SVG or PDF by the
file's extension).`,
		Example: `  gotrack optics ring.json
  gotrack optics cell_6d.json --json optics.json --plot optics.png
  gotrack optics cell.json --4d`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runOptics(cmd, args, &f, stdout, stderr)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&f.fourD, "4d", false, "switch the lattice to 4D first (PyAT's disable_6d)")
	fl.StringVar(&f.json, "json", "", "write the results to `OUT.json` (PyAT's reference keys and shapes)")
	fl.StringVar(&f.plot, "plot", "", "draw beta and dispersion along s to `OUT.png` (or .svg, .pdf)")
	fl.StringVar(&f.device, "device", "", "backend of the tracking (default: the default CPU backend; one of "+strings.Join(device.Names(), ", ")+")")
	fl.IntVar(&f.threads, "threads", 0, "CPU threads (0: all cores)")
	f.src.addFlags(fl)
	return cmd
}

// opticsResult is what the optics command computes, in the layout of
// PyAT's reference files (one block of testdata/optics/*.json).
type opticsResult struct {
	Is6D                bool            `json:"is_6d"`
	Orbit4              *valueBlock     `json:"orbit4,omitempty"`
	Orbit6              *valueBlock     `json:"orbit6,omitempty"`
	M44                 *valueBlock     `json:"m44,omitempty"`
	M66                 *valueBlock     `json:"m66"`
	Tune                *valueBlock     `json:"tune"`
	Chromaticity        *valueBlock     `json:"chromaticity"`
	MomentumCompaction  float64         `json:"momentum_compaction"`
	Linopt6             *linoptBlock    `json:"linopt6"`
	OhmiEnvelope        *envelopeBlock  `json:"ohmi_envelope,omitempty"`
	EnvelopeParameters  *envParamsBlock `json:"envelope_parameters,omitempty"`
	EnergyLoss          *valueBlock     `json:"energy_loss,omitempty"`
	latticeName, source string
	nelem               int
	length              float64
	periodicity         int
	energy              float64
}

// valueBlock is a reference block with one array or number: "orbit",
// "matrix" or "value".
type valueBlock struct {
	Orbit  []float64   `json:"orbit,omitempty"`
	Matrix [][]float64 `json:"matrix,omitempty"`
	Value  any         `json:"value,omitempty"`
}

type ringDataBlock struct {
	Tune         []float64 `json:"tune"`
	Chromaticity []float64 `json:"chromaticity"`
	DampingTime  []float64 `json:"damping_time"`
}

type linoptBlock struct {
	RingData    ringDataBlock `json:"ringdata"`
	SPos        []float64     `json:"s_pos"`
	Beta        [][]float64   `json:"beta"`
	Alpha       [][]float64   `json:"alpha"`
	Dispersion  [][]float64   `json:"dispersion"`
	Mu          [][]float64   `json:"mu"`
	ClosedOrbit [][]float64   `json:"closed_orbit"`
}

type envelopeBlock struct {
	ModeEmittances []float64   `json:"mode_emittances"`
	Tunes          []float64   `json:"tunes"`
	DampingRates   []float64   `json:"damping_rates"`
	EmitXY         []float64   `json:"emitXY"`
	EmitXYZ        []float64   `json:"emitXYZ"`
	R66            [][]float64 `json:"r66"`
}

type envParamsBlock struct {
	Emittances []float64 `json:"emittances"`
	J          []float64 `json:"J"`
	Tau        []float64 `json:"Tau"`
	SigmaE     float64   `json:"sigma_e"`
	SigmaL     float64   `json:"sigma_l"`
	U0         float64   `json:"U0"`
	FS         float64   `json:"f_s"`
	Tunes6     []float64 `json:"tunes6"`
	E0         float64   `json:"E0"`
}

func runOptics(cmd *cobra.Command, args []string, f *opticsFlags, stdout, stderr io.Writer) error {
	if f.plot != "" {
		switch strings.ToLower(filepath.Ext(f.plot)) {
		case ".png", ".svg", ".pdf":
		default:
			return &usageError{cmd, fmt.Errorf("--plot %s: unknown extension %q (want .png, .svg or .pdf)", f.plot, filepath.Ext(f.plot))}
		}
	}
	var lat *tracking.Lattice
	source := "built-in lattice (one ESRF-EBS HMBA cell)"
	if len(args) == 0 {
		if f.src.given() {
			return &usageError{cmd, fmt.Errorf("--format, --use and --energy apply to a lattice file")}
		}
		lat = lattices.Default()
	} else {
		var err error
		if lat, err = f.src.load(args[0], stderr); err != nil {
			return err
		}
		source = args[0]
	}
	if f.fourD {
		lat = optics.Disable6D(lat)
	}
	opt := &optics.Options{Device: f.device, Backend: device.Config{Threads: f.threads}}
	res, err := computeOptics(lat, opt)
	if err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	res.source = source
	printOptics(stdout, res)
	if f.json != "" {
		b, err := json.MarshalIndent(res, "", " ")
		if err != nil {
			return fmt.Errorf("optics JSON: %w", err)
		}
		if err := writeFileAtomic(f.json, append(b, '\n')); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s\n", f.json)
	}
	if f.plot != "" {
		if err := plotOptics(f.plot, lat, res); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s\n", f.plot)
	}
	return nil
}

// writeFileAtomic writes b to a temporary file beside path and renames it
// into place, so that path holds the whole content or what it held.
func writeFileAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".gotrack-"+filepath.Base(path)+"-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// computeOptics runs PyAT's calls on lat as the reference files record
// them.
func computeOptics(lat *tracking.Lattice, opt *optics.Options) (*opticsResult, error) {
	refpts := optics.AllRefpts(lat)
	res := &opticsResult{Is6D: lat.Is6D(), latticeName: lat.Name, nelem: len(lat.Elements), length: lat.Length(),
		periodicity: max(lat.Periodicity, 1), energy: lat.Energy}
	if res.Is6D {
		o, err := optics.FindOrbit6(lat, nil, opt)
		if err != nil {
			return nil, err
		}
		res.Orbit6 = &valueBlock{Orbit: o.Orbit0[:]}
	} else {
		o, err := optics.FindOrbit4(lat, 0, nil, opt)
		if err != nil {
			return nil, err
		}
		res.Orbit4 = &valueBlock{Orbit: o.Orbit0[:]}
		m44, _, err := optics.FindM44(lat, 0, nil, nil, opt)
		if err != nil {
			return nil, err
		}
		res.M44 = &valueBlock{Matrix: rows4(m44)}
	}
	m66, _, err := optics.FindM66(lat, nil, nil, opt)
	if err != nil {
		return nil, err
	}
	res.M66 = &valueBlock{Matrix: rows6(m66)}
	tune, err := optics.GetTune(lat, opt)
	if err != nil {
		return nil, err
	}
	res.Tune = &valueBlock{Value: tune}
	chrom, err := optics.GetChrom(lat, opt)
	if err != nil {
		return nil, err
	}
	res.Chromaticity = &valueBlock{Value: chrom}
	if res.MomentumCompaction, err = optics.GetMCF(lat, opt); err != nil {
		return nil, err
	}
	lo, err := optics.Linopt6(lat, refpts, true, opt)
	if err != nil {
		return nil, err
	}
	res.Linopt6 = linoptOf(lo)
	if optics.HasRadiation(lat) {
		if err := addEquilibrium(lat, opt, res); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// addEquilibrium adds ohmi_envelope, envelope_parameters and energy_loss.
func addEquilibrium(lat *tracking.Lattice, opt *optics.Options, res *opticsResult) error {
	eo := &optics.EnvelopeOptions{Options: *opt}
	env, err := optics.OhmiEnvelope(lat, nil, eo)
	if err != nil {
		return err
	}
	res.OhmiEnvelope = &envelopeBlock{ModeEmittances: env.ModeEmittances[:], Tunes: env.Tunes[:], DampingRates: env.DampingRates[:],
		EmitXY: env.Start.EmitXY[:], EmitXYZ: env.Start.EmitXYZ[:], R66: rows6(env.Start.R66)}
	p, err := optics.EnvelopeParameters(lat, eo)
	if err != nil {
		return err
	}
	res.EnvelopeParameters = &envParamsBlock{Emittances: p.Emittances[:], J: p.J[:], Tau: p.Tau[:], SigmaE: p.SigmaE, SigmaL: p.SigmaL,
		U0: p.U0, FS: p.FS, Tunes6: p.Tunes6[:], E0: p.E0}
	u0, err := optics.EnergyLossIntegral(lat)
	if err != nil {
		return err
	}
	res.EnergyLoss = &valueBlock{Value: u0}
	return nil
}

func linoptOf(lo *optics.Linopt) *linoptBlock {
	b := &linoptBlock{RingData: ringDataBlock{Tune: lo.Ring.Tune, Chromaticity: lo.Ring.Chromaticity, DampingTime: lo.Ring.DampingTime}}
	for _, d := range lo.Elem {
		b.SPos = append(b.SPos, d.SPos)
		b.Beta = append(b.Beta, d.Beta[:])
		b.Alpha = append(b.Alpha, d.Alpha[:])
		b.Dispersion = append(b.Dispersion, d.Dispersion[:])
		b.Mu = append(b.Mu, d.Mu)
		b.ClosedOrbit = append(b.ClosedOrbit, d.ClosedOrbit[:])
	}
	return b
}

func rows4(m [4][4]float64) [][]float64 {
	r := make([][]float64, 4)
	for i := range r {
		r[i] = m[i][:]
	}
	return r
}

func rows6(m [6][6]float64) [][]float64 {
	r := make([][]float64, 6)
	for i := range r {
		r[i] = m[i][:]
	}
	return r
}

// printOptics writes the summary table.
func printOptics(w io.Writer, r *opticsResult) {
	kind := "4D"
	if r.Is6D {
		kind = "6D"
		if r.OhmiEnvelope != nil {
			kind = "6D, radiating"
		}
	}
	fmt.Fprintf(w, "lattice:              %s (%s): %d elements, %.6g m, periodicity %d, %.6g GeV, %s\n",
		r.latticeName, r.source, r.nelem, r.length, r.periodicity, r.energy/1e9, kind)
	cols := "x, y"
	if r.Is6D {
		cols = "x, y, z"
	}
	fmt.Fprintf(w, "%-22s%s\n", "tunes ("+cols+"):", floats("%.8f", r.Tune.Value.([]float64)))
	fmt.Fprintf(w, "%-22s%s\n", "chromaticities:", floats("%.6f", r.Chromaticity.Value.([]float64)))
	fmt.Fprintf(w, "%-22s%.6g\n", "momentum compaction:", r.MomentumCompaction)
	orbit := r.Orbit4
	if r.Orbit6 != nil {
		orbit = r.Orbit6
	}
	fmt.Fprintf(w, "%-22s%s (x, px, y, py, delta, ct at the start)\n", "closed orbit:", floats("%.6g", orbit.Orbit))
	l := r.Linopt6
	fmt.Fprintf(w, "%-22s%.6g m, %.6g m (max %.6g m, %.6g m)\n", "beta x, y at start:", l.Beta[0][0], l.Beta[0][1], maxCol(l.Beta, 0), maxCol(l.Beta, 1))
	fmt.Fprintf(w, "%-22s%.6g m at start (max %.6g m)\n", "dispersion x:", l.Dispersion[0][0], maxCol(l.Dispersion, 0))
	if p := r.EnvelopeParameters; p != nil {
		fmt.Fprintf(w, "%-22s%s m\n", "emittances:", floats("%.6g", p.Emittances))
		fmt.Fprintf(w, "%-22s%s ms\n", "damping times:", floats("%.6g", scale(p.Tau, 1e3)))
		fmt.Fprintf(w, "%-22s%s\n", "partition numbers:", floats("%.6f", p.J))
		fmt.Fprintf(w, "%-22s%.6g keV\n", "energy loss per turn:", p.U0/1e3)
		fmt.Fprintf(w, "%-22s%.6g\n", "energy spread:", p.SigmaE)
		fmt.Fprintf(w, "%-22s%.6g mm\n", "bunch length:", p.SigmaL*1e3)
		fmt.Fprintf(w, "%-22s%.6g Hz\n", "synchrotron freq.:", p.FS)
	}
}

func floats(format string, v []float64) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = fmt.Sprintf(format, x)
	}
	return strings.Join(s, ", ")
}

func scale(v []float64, k float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = x * k
	}
	return out
}

func maxCol(rows [][]float64, c int) float64 {
	m := math.Inf(-1)
	for _, r := range rows {
		m = math.Max(m, r[c])
	}
	return m
}
