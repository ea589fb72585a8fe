package refcase

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/internal/jsonobj"
)

// CollectiveCase is one file of testdata/collective: a PyAT run of the
// hmba_6d ring with collective elements (wakes, beam and slice moments,
// beam loading), its input and output beams, the loss record and the state
// the collective elements were left in. See testdata/README.md.
type CollectiveCase struct {
	Name        string // the case name ("wake_longres_bbr", ...)
	File        string // the path it was read from
	Description string

	// Lattice is the ring as tracked, read with atjson.ParseLattice
	// from the case's "lattice" block. The C attributes of the collective
	// elements PyAT's JSON writer failed on are set from
	// elements_explicit; FillPattern, the beam current, BunchCurrents and
	// BunchSpos are set from the "ring" block (the bunch currents and
	// positions exactly as AT's C code receives them).
	Lattice *tracking.Lattice

	NTurns int            // turns of the lattice_pass call
	Input  *tracking.Beam // all particles before the first turn
	// Final holds all particles at the ring end after the last turn
	// (lost ones read NaN, 0, 0, 0, 0, 0).
	Final *tracking.Beam
	// SubsetIndices are the particles recorded every turn (every 41st
	// and all lost ones); SubsetPerTurn[t][k] is particle
	// SubsetIndices[k] at the ring end after turn t+1.
	SubsetIndices []int
	SubsetPerTurn [][][6]float64
	Loss          Loss // PyAT's loss record (losses=True)
	NLost         int  // the number of lost particles the file states

	// Collective lists the indices of the collective elements, in
	// lattice order; Elements and Diagnostics are keyed by them.
	Collective  []int
	Elements    map[int]*CollectiveElement
	Diagnostics map[int]*CollectiveDiagnostics

	Ring       CollectiveRing
	RingLength float64 // RingLength_m: AT's Param->RingLength [m]
	T0         float64 // T0_s = RingLength/c [s]
}

// CollectiveRing is the "ring" block of a collective case: the ring
// properties as PyAT had them when tracking.
type CollectiveRing struct {
	EnergyEV       float64
	Particle       tracking.Particle
	Beta           float64
	Periodicity    int
	HarmonicNumber int
	Circumference  float64 // periodicity * RingLength [m]
	RingLength     float64 // [m]
	T0             float64 // [s]
	RFFrequency    float64 // [Hz]
	BeamCurrent    float64 // [A]
	NBunch         int
	FillPattern    []float64 // length HarmonicNumber, sums to 1
	BunchList      []int     // filled buckets
	BunchCurrents  []float64 // [A], as C receives them
	BunchSpos      []float64 // [m], as C receives them
	UnfoldBeam     bool
}

// CollectiveElement is one entry of elements_explicit: how PyAT built a
// collective element.
type CollectiveElement struct {
	Index       int
	FamName     string
	Class       string // PyAT class (ResonatorElement, BeamMoments, ...)
	PassMethod  string
	WriterOK    bool   // whether PyAT's JSON writer wrote the element
	Constructor string // the Python call that built it
	// Parameters are the constructor's arguments, undecoded.
	Parameters map[string]json.RawMessage
	// Applied lists the C attributes the loader set on the lattice
	// element from the case (those given in full where the writer failed).
	Applied []string
	// NormFactWakeFact is derived.normfact_times_wakefact (3 values for a
	// wake element, one for beam loading; nil when absent).
	NormFactWakeFact []float64
	// WakeComponents is derived.wake_components_present ("Z", "DX", ...).
	WakeComponents []string
}

// CollectiveDiagnostics is the state a collective element was left in
// after the run; which fields are set depends on PassMethod.
type CollectiveDiagnostics struct {
	FamName, PassMethod, Layout string
	// TurnHistory[turnblock][bunch][slice] = [x, y, z, weight]
	// (WakeFieldPass and BeamLoadingCavityPass: TurnHistory_final).
	TurnHistory [][][][4]float64
	// BeamMeans/BeamStds[turn][bunch] = the six coordinates
	// (BeamMomentsPass).
	BeamMeans, BeamStds [][][6]float64
	// SliceMeans/SliceStds[k][bunch][slice] = [x, y, delta] for turn
	// StartTurn+k; SliceSpos and SliceWeights [k][bunch][slice]
	// (SliceMomentsPass). NaN for empty slices.
	SliceMeans, SliceStds   [][][][3]float64
	SliceSpos, SliceWeights [][][]float64
	StartTurn, EndTurnUsed  int
	// Raw holds every key of the block, undecoded (the beam-loading
	// buffers are only here).
	Raw map[string]json.RawMessage
}

type collectiveFile struct {
	Case             string                                `json:"case"`
	Description      string                                `json:"description"`
	Lattice          json.RawMessage                       `json:"lattice"`
	CollectiveElems  []int                                 `json:"collective_elements"`
	ElementsExplicit map[string]json.RawMessage            `json:"elements_explicit"`
	Ring             collectiveRingJSON                    `json:"ring"`
	NTurns           int                                   `json:"nturns"`
	NParticles       int                                   `json:"n_particles"`
	Input            [][6]Num                              `json:"input"`
	OutputFinal      [][6]Num                              `json:"output_final"`
	SubsetIndices    []int                                 `json:"output_subset_indices"`
	SubsetPerTurn    [][][6]Num                            `json:"output_subset_per_turn"`
	Loss             lossJSON                              `json:"loss"`
	Diagnostics      map[string]map[string]json.RawMessage `json:"diagnostics"`
}

type lossJSON struct {
	Loss
	NLost int `json:"n_lost"`
}

type collectiveRingJSON struct {
	EnergyEV       float64      `json:"energy_eV"`
	Particle       particleJSON `json:"particle"`
	Beta           float64      `json:"beta"`
	Periodicity    int          `json:"periodicity"`
	HarmonicNumber int          `json:"harmonic_number"`
	Circumference  float64      `json:"circumference_m"`
	RingLength     float64      `json:"RingLength_m"`
	T0             float64      `json:"T0_s"`
	RFFrequency    float64      `json:"rf_frequency_Hz"`
	BeamCurrent    float64      `json:"beam_current_A"`
	NBunch         int          `json:"nbunch"`
	FillPattern    []float64    `json:"fillpattern"`
	BunchList      []int        `json:"bunch_list"`
	BunchCurrents  []float64    `json:"bunch_currents_A"`
	BunchSpos      []float64    `json:"bunch_spos_m"`
	UnfoldBeam     bool         `json:"unfold_beam"`
}

type explicitJSON struct {
	Index       int                        `json:"index"`
	FamName     string                     `json:"FamName"`
	Class       string                     `json:"class"`
	PassMethod  string                     `json:"PassMethod"`
	WriterOK    bool                       `json:"json_writer_ok"`
	Constructor string                     `json:"constructor"`
	Parameters  map[string]json.RawMessage `json:"parameters"`
	CAttributes json.RawMessage            `json:"c_attributes"`
	Derived     struct {
		NormFactWakeFact json.RawMessage `json:"normfact_times_wakefact"`
		WakeComponents   []string        `json:"wake_components_present"`
	} `json:"derived"`
}

// CollectiveCaseFiles lists the case files under collective/ of fsys
// (every .json but MANIFEST.json), sorted, as paths within fsys.
func CollectiveCaseFiles(fsys fs.FS) ([]string, error) {
	files, err := fs.Glob(fsys, "collective/*.json")
	if err != nil {
		return nil, fmt.Errorf("collective cases: %w", err)
	}
	var out []string
	for _, f := range files {
		if path.Base(f) != "MANIFEST.json" {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	if len(out) == 0 {
		return nil, fmt.Errorf("no collective cases under collective/")
	}
	return out, nil
}

// LoadCollectiveCase reads the collective case file name of fsys; errors
// and the case's File name it as display (the path the user knows it by).
// Errors name the file and, where it applies, the key, element and
// attribute.
func LoadCollectiveCase(fsys fs.FS, name, display string) (*CollectiveCase, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("collective case: %w", err)
	}
	var f collectiveFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", display, err)
	}
	fail := func(format string, a ...any) (*CollectiveCase, error) {
		return nil, fmt.Errorf("%s: %w", display, fmt.Errorf(format, a...))
	}
	if f.Lattice == nil {
		return fail(`no "lattice" block`)
	}
	lat, err := atjson.ParseLattice(f.Lattice, display+"#lattice")
	if err != nil {
		return fail("lattice: %w", err)
	}
	c := &CollectiveCase{
		Name:          f.Case,
		File:          display,
		Description:   f.Description,
		Lattice:       lat,
		NTurns:        f.NTurns,
		Input:         InputBeam(f.Input),
		Final:         InputBeam(f.OutputFinal),
		SubsetIndices: f.SubsetIndices,
		SubsetPerTurn: make([][][6]float64, len(f.SubsetPerTurn)),
		Loss:          f.Loss.Loss,
		NLost:         f.Loss.NLost,
		Collective:    f.CollectiveElems,
		Elements:      map[int]*CollectiveElement{},
		Diagnostics:   map[int]*CollectiveDiagnostics{},
		RingLength:    f.Ring.RingLength,
		T0:            f.Ring.T0,
	}
	for t, parts := range f.SubsetPerTurn {
		c.SubsetPerTurn[t] = make([][6]float64, len(parts))
		for k, p := range parts {
			for q := 0; q < 6; q++ {
				c.SubsetPerTurn[t][k][q] = float64(p[q])
			}
		}
	}
	if f.NParticles != c.Input.Len() {
		return fail("n_particles is %d but input has %d particles", f.NParticles, c.Input.Len())
	}
	r := f.Ring
	c.Ring = CollectiveRing{
		EnergyEV:       r.EnergyEV,
		Particle:       tracking.Particle{Name: r.Particle.Name, RestEnergy: r.Particle.RestEnergy, Charge: r.Particle.Charge},
		Beta:           r.Beta,
		Periodicity:    r.Periodicity,
		HarmonicNumber: r.HarmonicNumber,
		Circumference:  r.Circumference,
		RingLength:     r.RingLength,
		T0:             r.T0,
		RFFrequency:    r.RFFrequency,
		BeamCurrent:    r.BeamCurrent,
		NBunch:         r.NBunch,
		FillPattern:    r.FillPattern,
		BunchList:      r.BunchList,
		BunchCurrents:  r.BunchCurrents,
		BunchSpos:      r.BunchSpos,
		UnfoldBeam:     r.UnfoldBeam,
	}
	if len(r.BunchCurrents) != r.NBunch || len(r.BunchSpos) != r.NBunch {
		return fail("ring: nbunch %d, %d bunch currents, %d bunch positions", r.NBunch, len(r.BunchCurrents), len(r.BunchSpos))
	}
	if bc := lat.BeamCurrent(); bc != r.BeamCurrent {
		return fail("lattice property beam_current %v disagrees with ring.beam_current_A %v", bc, r.BeamCurrent)
	}
	lat.FillPattern = append([]float64(nil), r.FillPattern...)
	lat.SetBeamCurrent(r.BeamCurrent)
	lat.BunchCurrents = append([]float64(nil), r.BunchCurrents...)
	lat.BunchSpos = append([]float64(nil), r.BunchSpos...)

	for key, raw := range f.ElementsExplicit {
		idx, err := strconv.Atoi(key)
		if err != nil {
			return fail("elements_explicit: key %q is not an element index", key)
		}
		ce, err := applyExplicit(lat, idx, raw)
		if err != nil {
			return fail("elements_explicit[%d]: %w", idx, err)
		}
		c.Elements[idx] = ce
	}
	for _, idx := range c.Collective {
		if c.Elements[idx] == nil {
			return fail("collective element %d has no elements_explicit entry", idx)
		}
	}
	for key, block := range f.Diagnostics {
		idx, err := strconv.Atoi(key)
		if err != nil {
			return fail("diagnostics: key %q is not an element index", key)
		}
		d, err := parseDiagnostics(block)
		if err != nil {
			return fail("diagnostics[%d]: %w", idx, err)
		}
		c.Diagnostics[idx] = d
	}
	return c, nil
}

// applyExplicit records one elements_explicit entry and, when PyAT's
// writer failed on the element, sets the C attributes given in full on
// the lattice element (read through atjson.ParseElement, so that they
// get the reader's types).
func applyExplicit(lat *tracking.Lattice, idx int, raw json.RawMessage) (*CollectiveElement, error) {
	var x explicitJSON
	if err := json.Unmarshal(raw, &x); err != nil {
		return nil, err
	}
	if idx < 0 || idx >= len(lat.Elements) {
		return nil, fmt.Errorf("index outside the lattice (%d elements)", len(lat.Elements))
	}
	el := lat.Elements[idx]
	if x.Index != idx || x.FamName != el.FamName || x.PassMethod != el.PassMethod {
		return nil, fmt.Errorf("describes element %d %s (%s), the lattice has %s (%s) there", x.Index, x.FamName, x.PassMethod, el.FamName, el.PassMethod)
	}
	ce := &CollectiveElement{
		Index: idx, FamName: x.FamName, Class: x.Class, PassMethod: x.PassMethod,
		WriterOK: x.WriterOK, Constructor: x.Constructor, Parameters: x.Parameters,
		WakeComponents: x.Derived.WakeComponents,
	}
	if nf := x.Derived.NormFactWakeFact; len(nf) > 0 {
		var one float64
		if err := json.Unmarshal(nf, &ce.NormFactWakeFact); err != nil {
			if err2 := json.Unmarshal(nf, &one); err2 != nil {
				return nil, fmt.Errorf("derived.normfact_times_wakefact: %w", err)
			}
			ce.NormFactWakeFact = []float64{one}
		}
	}
	if x.WriterOK {
		return ce, nil
	}
	keys, vals, err := jsonobj.Ordered(x.CAttributes)
	if err != nil {
		return nil, fmt.Errorf("c_attributes: %w", err)
	}
	// Build one element object of the attributes given in full.
	var obj bytes.Buffer
	obj.WriteString(`{"FamName":` + quoteJSON(el.FamName) + `,"PassMethod":` + quoteJSON(el.PassMethod))
	shapes := map[string][]int{}
	var names []string
	for i, k := range keys {
		v := vals[i]
		var wrapped struct {
			Shape []int           `json:"shape"`
			Value json.RawMessage `json:"value"`
		}
		if t := bytes.TrimSpace(v); len(t) > 0 && t[0] == '{' {
			if err := json.Unmarshal(v, &wrapped); err != nil {
				return nil, fmt.Errorf("c_attributes.%s: %w", k, err)
			}
			var ref string
			if json.Unmarshal(wrapped.Value, &ref) == nil && strings.HasPrefix(ref, "see ") {
				continue // by reference to the lattice element: nothing to apply
			}
			v = wrapped.Value
			shapes[k] = wrapped.Shape
		}
		obj.WriteString("," + quoteJSON(k) + ":")
		obj.Write(v)
		names = append(names, k)
	}
	obj.WriteString("}")
	pe, err := atjson.ParseElement(obj.Bytes())
	if err != nil {
		return nil, fmt.Errorf("c_attributes: %w", err)
	}
	for _, k := range names {
		v, _ := pe.Get(k)
		if want, ok := shapes[k]; ok {
			if got := shapeOf(v); !reflect.DeepEqual(got, want) {
				return nil, fmt.Errorf("c_attributes.%s: shape %v, the file says %v", k, got, want)
			}
		}
		el.Set(k, v)
		ce.Applied = append(ce.Applied, k)
	}
	return ce, nil
}

// shapeOf returns the numpy shape of an attribute value as the reader
// returns it (nil for a scalar, nil and false-like for kept JSON).
func shapeOf(v any) []int {
	switch x := v.(type) {
	case []float64:
		return []int{len(x)}
	case [][]float64:
		if len(x) == 0 {
			return []int{0}
		}
		return []int{len(x), len(x[0])}
	}
	return nil
}

func quoteJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// parseDiagnostics decodes one diagnostics block; the keys it does not
// know stay in Raw.
func parseDiagnostics(block map[string]json.RawMessage) (*CollectiveDiagnostics, error) {
	d := &CollectiveDiagnostics{Raw: block}
	str := func(k string, dst *string) error {
		if v, ok := block[k]; ok {
			if err := json.Unmarshal(v, dst); err != nil {
				return fmt.Errorf("%s: %w", k, err)
			}
		}
		return nil
	}
	for k, dst := range map[string]*string{"FamName": &d.FamName, "PassMethod": &d.PassMethod, "layout": &d.Layout} {
		if err := str(k, dst); err != nil {
			return nil, err
		}
	}
	dec := func(k string, dst any) error {
		v, ok := block[k]
		if !ok {
			return nil
		}
		if err := json.Unmarshal(v, dst); err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
		return nil
	}
	var th [][][][4]Num
	if err := dec("TurnHistory_final", &th); err != nil {
		return nil, err
	}
	d.TurnHistory = toFloat4(th)
	switch d.PassMethod {
	case "BeamMomentsPass":
		var m, s [][][6]Num
		if err := dec("means", &m); err != nil {
			return nil, err
		}
		if err := dec("stds", &s); err != nil {
			return nil, err
		}
		d.BeamMeans, d.BeamStds = toFloat6(m), toFloat6(s)
	case "SliceMomentsPass":
		var m, s [][][][3]Num
		var sp, w [][][]Num
		for k, dst := range map[string]any{"means": &m, "stds": &s, "spos": &sp, "weights": &w, "startturn": &d.StartTurn, "endturn_used": &d.EndTurnUsed} {
			if err := dec(k, dst); err != nil {
				return nil, err
			}
		}
		d.SliceMeans, d.SliceStds = toFloat3(m), toFloat3(s)
		d.SliceSpos, d.SliceWeights = toFloat3D(sp), toFloat3D(w)
	}
	return d, nil
}

func toFloat4(in [][][][4]Num) [][][][4]float64 {
	if in == nil {
		return nil
	}
	out := make([][][][4]float64, len(in))
	for i, a := range in {
		out[i] = make([][][4]float64, len(a))
		for j, b := range a {
			out[i][j] = make([][4]float64, len(b))
			for k, v := range b {
				for q := range v {
					out[i][j][k][q] = float64(v[q])
				}
			}
		}
	}
	return out
}

func toFloat6(in [][][6]Num) [][][6]float64 {
	out := make([][][6]float64, len(in))
	for i, a := range in {
		out[i] = make([][6]float64, len(a))
		for j, v := range a {
			for q := range v {
				out[i][j][q] = float64(v[q])
			}
		}
	}
	return out
}

func toFloat3(in [][][][3]Num) [][][][3]float64 {
	out := make([][][][3]float64, len(in))
	for i, a := range in {
		out[i] = make([][][3]float64, len(a))
		for j, b := range a {
			out[i][j] = make([][3]float64, len(b))
			for k, v := range b {
				for q := range v {
					out[i][j][k][q] = float64(v[q])
				}
			}
		}
	}
	return out
}

func toFloat3D(in [][][]Num) [][][]float64 {
	out := make([][][]float64, len(in))
	for i, a := range in {
		out[i] = make([][]float64, len(a))
		for j, b := range a {
			out[i][j] = make([]float64, len(b))
			for k, v := range b {
				out[i][j][k] = float64(v)
			}
		}
	}
	return out
}
