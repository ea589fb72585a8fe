package atm

import (
	"fmt"
	"math"
	"strconv"

	"github.com/gotrack/gotrack/tracking/internal/attrval"
)

// convFn is one of PyAT's attribute conversions (Element._conversions).
type convFn func(value) (value, error)

// toFloat is Python's float(): numbers, booleans and one-element arrays.
func toFloat(v value) (float64, error) {
	switch v.kind {
	case kInt:
		return float64(v.i), nil
	case kFloat:
		return v.f, nil
	case kBool:
		if v.b {
			return 1, nil
		}
		return 0, nil
	case kArray:
		if len(v.data) == 1 {
			return v.data[0], nil
		}
	}
	return 0, fmt.Errorf("want a number, got %s", v.describe())
}

// toInt is Python's int(): truncation toward zero of a number.
func toInt(v value) (int64, error) {
	if v.kind == kInt {
		return v.i, nil
	}
	f, err := toFloat(v)
	if err != nil {
		return 0, fmt.Errorf("want an integer, got %s", v.describe())
	}
	if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) >= 1<<63 {
		return 0, fmt.Errorf("want an integer, got %s", v.describe())
	}
	return int64(math.Trunc(f)), nil
}

// toStr is Python's str() of a scalar.
func toStr(v value) (string, error) {
	switch v.kind {
	case kString:
		return v.s, nil
	case kInt:
		return strconv.FormatInt(v.i, 10), nil
	case kFloat:
		return attrval.PyRepr(v.f), nil
	case kBool:
		if v.b {
			return "True", nil
		}
		return "False", nil
	}
	return "", fmt.Errorf("want a string, got %s", v.describe())
}

// flatten is numpy's require(value, float64) then reshape(-1, order="F").
func flatten(v value) ([]float64, error) {
	switch v.kind {
	case kArray:
		return v.fortranFlat(), nil
	case kInt, kFloat, kBool:
		f, _ := toFloat(v)
		return []float64{f}, nil
	}
	return nil, fmt.Errorf("want numbers, got %s", v.describe())
}

func convFloat(v value) (value, error) {
	f, err := toFloat(v)
	if err != nil {
		return value{}, err
	}
	return floatVal(f), nil
}

func convInt(v value) (value, error) {
	i, err := toInt(v)
	if err != nil {
		return value{}, err
	}
	return intVal(i), nil
}

func convIntMin0(v value) (value, error) {
	i, err := toInt(v)
	if err != nil {
		return value{}, err
	}
	if i < 0 {
		return value{}, fmt.Errorf("value must be greater or equal to 0, got %d", i)
	}
	return intVal(i), nil
}

func convStr(v value) (value, error) {
	s, err := toStr(v)
	if err != nil {
		return value{}, err
	}
	return strVal(s), nil
}

// convVector reshapes to (n,) in Fortran order; n < 0 accepts any length.
func convVector(n int) convFn {
	return func(v value) (value, error) {
		x, err := flatten(v)
		if err != nil {
			return value{}, err
		}
		if n >= 0 && len(x) != n {
			return value{}, fmt.Errorf("want %d numbers, got %s", n, v.describe())
		}
		return vecVal(x), nil
	}
}

// convMatrix66 reshapes to (6, 6) in Fortran order.
func convMatrix66(v value) (value, error) {
	x, err := flatten(v)
	if err != nil {
		return value{}, err
	}
	if len(x) != 36 {
		return value{}, fmt.Errorf("want a 6x6 matrix (36 numbers), got %s", v.describe())
	}
	d := make([]float64, 36)
	for i := 0; i < 6; i++ {
		for j := 0; j < 6; j++ {
			d[i*6+j] = x[i+6*j]
		}
	}
	return value{kind: kArray, ndim: 2, rows: 6, cols: 6, data: d}, nil
}

// keepParticle accepts what PyAT's Particle() takes from a file: a name
// or a struct with name, rest_energy and charge.
func keepParticle(v value) (value, error) {
	if v.kind != kString && v.kind != kStruct {
		return value{}, fmt.Errorf("want a particle name or struct('name',...,'rest_energy',...,'charge',...), got %s", v.describe())
	}
	return v, nil
}

// baseConv is PyAT's Element._conversions.
var baseConv = map[string]convFn{
	"FamName":      convStr,
	"PassMethod":   convStr,
	"Length":       convFloat,
	"R1":           convMatrix66,
	"R2":           convMatrix66,
	"T1":           convVector(6),
	"T2":           convVector(6),
	"RApertures":   convVector(4),
	"EApertures":   convVector(2),
	"KickAngle":    convVector(2),
	"PolynomB":     convVector(-1),
	"PolynomA":     convVector(-1),
	"BendingAngle": convFloat,
	"MaxOrder":     convInt,
	"NumIntSteps":  convIntMin0,
	"Energy":       convFloat,
}

// withConv returns baseConv (or parent) extended by extra.
func withConv(parent map[string]convFn, extra map[string]convFn) map[string]convFn {
	m := make(map[string]convFn, len(parent)+len(extra))
	for k, v := range parent {
		m[k] = v
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}
