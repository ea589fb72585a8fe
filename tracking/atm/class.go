package atm

import (
	"fmt"

	"github.com/gotrack/gotrack/tracking/internal/pyatelem"
)

// class is one of PyAT's element classes (pyatelem.Class).
type class = pyatelem.Class

// builtClasses are the classes the .m reader builds: those of PyAT's _CLASS_MAP
// that load_m can make from a constructor line (no plain Element or
// LongElement, and no Wiggler or SimpleRadiation).
var builtClasses = map[*class]bool{
	pyatelem.Marker: true, pyatelem.Monitor: true, pyatelem.Drift: true, pyatelem.Collimator: true,
	pyatelem.Aperture: true, pyatelem.LongtAperture: true, pyatelem.RFCavity: true, pyatelem.CrabCavity: true,
	pyatelem.M66: true, pyatelem.EnergyLoss: true, pyatelem.Corrector: true, pyatelem.RingParam: true,
	pyatelem.ThinMultipole: true, pyatelem.Multipole: true, pyatelem.Dipole: true, pyatelem.Quadrupole: true,
	pyatelem.Sextupole: true, pyatelem.Octupole: true, pyatelem.SimpleQuantDiff: true, pyatelem.QuantumDiffusion: true,
}

// pyElem is an element as PyAT's constructor leaves it.
type pyElem = pyatelem.Elem[value]

// values are the .m literals' operations that pyatelem's constructors
// use.
type values struct{}

// Convert applies the class's conversion; a value without one is kept
// as the literal gives it.
func (values) Convert(_ *class, _ string, c pyatelem.Conv, ok bool, v value) (value, error) {
	if !ok {
		return v, nil
	}
	return convert(c, v)
}

func (values) Float(f float64) value            { return floatVal(f) }
func (values) Int(i int64) value                { return intVal(i) }
func (values) String(s string) value            { return strVal(s) }
func (values) Vector(x []float64) value         { return vecVal(x) }
func (values) ToFloat(v value) (float64, error) { return toFloat(v) }
func (values) ToInt(v value) (int64, error)     { return toInt(v) }
func (values) ToString(v value) (string, error) { return toStr(v) }
func (values) Flat(v value) ([]float64, error)  { return flatten(v) }

// Identity66 is numpy's identity(6).
func (values) Identity66() value {
	m := value{kind: kArray, ndim: 2, rows: 6, cols: 6, data: make([]float64, 36)}
	for i := 0; i < 6; i++ {
		m.data[7*i] = 1
	}
	return m
}

// Number is a magnet strength, which Python puts in a list of numbers:
// a scalar (or a 1x1 array).
func (values) Number(k value) (float64, error) {
	if k.kind == kArray && k.ndim != 0 || k.kind != kArray && k.kind != kInt && k.kind != kFloat && k.kind != kBool {
		return 0, fmt.Errorf("want a number, got %s", k.describe())
	}
	return toFloat(k)
}
