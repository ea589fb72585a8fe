package pyatelem

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/gotrack/gotrack/tracking/internal/attrval"
)

// clight is scipy's speed of light [m/s].
const clight = 299792458.0

// twoPiError is PyAT's _TWO_PI_ERROR: the tolerance on a whole number of
// cells.
const twoPiError = 1e-4

// m2p is PyAT's _m2p; "" drops the attribute.
var m2p = map[string]string{
	"FamName": "name", "Energy": "energy", "Periodicity": "periodicity", "Particle": "particle",
	"cell_harmnumber": "cell_harmnumber", "beam_current": "beam_current",
	"PassMethod": "", "Length": "", "cavpts": "", "Mat_File": "", "Mat_Key": "", "Beam_Current": "", "Nbunch": "",
}

// RingParamKey is PyAT's ringparam_filter naming (_m2p): the lattice
// parameter that a RingParam attribute gives, "" for the attributes it
// drops, the attribute name itself for the others.
func RingParamKey(attr string) string {
	if k, ok := m2p[attr]; ok {
		return k
	}
	return attr
}

// standard are the lattice parameters that tracking.Lattice holds in
// its fields, or that PyAT's Lattice does not keep as properties.
var standard = map[string]bool{"name": true, "energy": true, "particle": true, "periodicity": true,
	"harmonic_number": true, "cell_harmnumber": true, "beam_current": true, "nbunch": true,
	"in_file": true, "use": true, "mat_key": true, "mat_file": true, "m_file": true, "repr_file": true}

// ExtraProperty reports whether the lattice parameter k goes to
// tracking.Lattice.Properties after beam_current and nbunch (a RingParam
// attribute that is none of the standard properties and not private).
func ExtraProperty(k string) bool {
	return !standard[k] && k != "" && k[0] != '_'
}

// Cell is what PyAT's params_filter gathers from the elements of the
// cell (the RingParam elements removed).
type Cell struct {
	// CavityEnergies are the Energy attributes of the RF cavities.
	CavityEnergies []float64
	// ElementEnergies are the Energy attributes of the other elements
	// (which PyAT then removes from them).
	ElementEnergies []float64
	// BendingAngles are those of the dipoles.
	BendingAngles []float64
	// Length is the sum of the element lengths.
	Length float64
	// HasCavity: Frequency and HarmNumber are those of the cavity of
	// lowest frequency (see LowestFrequency).
	HasCavity  bool
	Frequency  float64
	HarmNumber float64
}

// LowestFrequency is the index of the cavity that PyAT's params_filter
// takes the frequency and harmonic number from: the first of a stable
// sort by frequency with Python's < (NaN compares false both ways). It
// is -1 when there is no cavity.
func LowestFrequency(freqs []float64) int {
	if len(freqs) == 0 {
		return -1
	}
	idx := make([]int, len(freqs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		fa, fb := freqs[a], freqs[b]
		switch {
		case fa < fb:
			return -1
		case fb < fa:
			return 1
		}
		return 0
	})
	return idx[0]
}

// Given are the lattice parameters known before params_filter's
// deductions: from the options (energy=) and the first RingParam.
type Given struct {
	// HasEnergy: Energy [eV] is given.
	HasEnergy bool
	Energy    float64
	// Periodicity is the number of cells; 0 or less: deduced from the
	// bending angles.
	Periodicity int64
	// HasHarmonicNumber: HarmonicNumber is a harmonic_number parameter
	// (it takes precedence over the cavity's HarmNumber).
	HasHarmonicNumber bool
	HarmonicNumber    float64
	// CellHarmNumber is the cell_harmnumber parameter (0 if none).
	CellHarmNumber float64
}

// Ring are the ring properties as PyAT's Lattice derives them.
type Ring struct {
	// Energy [eV], positive and finite.
	Energy float64
	// Periodicity is the number of cells in the ring.
	Periodicity int
	// HarmonicNumber is that of the whole ring (0 when unknown).
	HarmonicNumber int
	// NBunch is PyAT's nbunch property: 1 with a positive harmonic
	// number, else 0.
	NBunch int64
}

// ErrNoEnergy is Derive's error when neither the options, a RingParam,
// the cavities nor any element give the energy: the reader adds how to
// give it in its format.
var ErrNoEnergy = errors.New("the lattice energy is not defined")

// maxPeriodicity bounds the number of cells.
const maxPeriodicity = math.MaxInt32

// Derive is the end of PyAT's params_filter and the property part of
// Lattice.__init__: the energy (given, else the highest cavity energy,
// else the highest element energy, with a warning when they differ), the
// periodicity (given, else 2*pi over the total bending angle, 1 with no
// bending), the harmonic number (from the lowest-frequency cavity's
// frequency and the cell length, else the harmonic_number or
// cell_harmnumber parameter) and the number of bunches (1 when the
// harmonic number is positive). restEnergy is the particle's rest
// energy [eV], for the relativistic beta. warn receives PyAT's warnings
// in PyAT's words.
func Derive(g Given, c Cell, restEnergy float64, warn func(format string, a ...any)) (Ring, error) {
	var r Ring
	energy, hasEnergy := g.Energy, g.HasEnergy
	if !hasEnergy {
		energies := c.CavityEnergies
		if len(energies) == 0 {
			energies = c.ElementEnergies
		}
		if len(energies) > 0 {
			hi, lo := pyMax(energies), pyMin(energies)
			energy, hasEnergy = hi, true
			if lo < hi {
				warn("Inconsistent energy values, \"energy\" set to %s", attrval.PyRepr(hi))
			}
		}
	}
	per := g.Periodicity
	if per <= 0 {
		sum := 0.0
		for _, t := range c.BendingAngles {
			sum += t
		}
		if sum == 0 {
			per = 1
			warn("No bending in the cell, set \"Periodicity\" to 1")
		} else {
			nbp := 2 * math.Pi / sum
			rn := math.RoundToEven(nbp)
			if math.IsNaN(rn) || math.Abs(rn) > maxPeriodicity {
				return r, fmt.Errorf("the periodicity guessed from the bending angles (2*pi/%s) is not a number of cells", attrval.PyRepr(sum))
			}
			per = int64(rn)
			if math.Abs(float64(per)-nbp) > twoPiError {
				warn("Non-integer number of cells: %s -> %d", attrval.PyRepr(nbp), per)
			}
		}
	}
	if per <= 0 || per > maxPeriodicity {
		return r, fmt.Errorf("periodicity %d is not a positive number of cells (the bending angles add up to more than 2*pi, or a negative angle)", per)
	}
	r.Periodicity = int(per)
	if !hasEnergy {
		return r, ErrNoEnergy
	}
	if !(energy > 0) || math.IsInf(energy, 0) {
		return r, fmt.Errorf("the lattice energy is %s eV: it must be a positive number", attrval.PyRepr(energy))
	}
	r.Energy = energy
	if restEnergy != 0 {
		warn("AT tracking still assumes beta==1\nMake sure your particle is ultra-relativistic")
	}
	var ringH float64
	switch {
	case g.HasHarmonicNumber:
		ringH = math.RoundToEven(g.HarmonicNumber)
	case c.HasCavity:
		ringH = math.RoundToEven(c.HarmNumber)
	default:
		ringH = math.RoundToEven(g.CellHarmNumber * float64(per))
	}
	beta := 1.0
	if restEnergy != 0 {
		gamma := energy / restEnergy
		beta = math.Sqrt(1.0 - 1.0/gamma/gamma)
	}
	frequency := 0.0
	if c.HasCavity {
		frequency = c.Frequency
	}
	var cellHarm float64
	haveH := false
	if h := math.RoundToEven(frequency * c.Length / (beta * clight)); h > 0 {
		cellHarm, haveH = h, true
	} else if ringH > 0 {
		cellHarm, haveH = ringH/float64(per), true
	}
	if haveH {
		h := math.Trunc(float64(per) * cellHarm)
		if h > math.MaxInt32 {
			return r, fmt.Errorf("harmonic number %s is beyond any real ring: check the cavity Frequency and HarmNumber", attrval.PyRepr(h))
		}
		r.HarmonicNumber = int(h)
		if h > 0 {
			r.NBunch = 1
		}
	}
	return r, nil
}

// pyMax and pyMin are Python's max() and min() of floats (the first of
// equal ones; NaN handling as Python's comparisons give it).
func pyMax(x []float64) float64 {
	m := x[0]
	for _, v := range x[1:] {
		if v > m {
			m = v
		}
	}
	return m
}

func pyMin(x []float64) float64 {
	m := x[0]
	for _, v := range x[1:] {
		if v < m {
			m = v
		}
	}
	return m
}
