package atm

import (
	"fmt"
	"math"
	"strconv"

	"github.com/gotrack/gotrack/tracking/internal/attrval"
	"github.com/gotrack/gotrack/tracking/internal/pyatelem"
)

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

// convert applies one of PyAT's attribute conversions.
func convert(c pyatelem.Conv, v value) (value, error) {
	switch c.Kind {
	case pyatelem.Float:
		f, err := toFloat(v)
		return floatVal(f), err
	case pyatelem.Int, pyatelem.IntMin0:
		i, err := toInt(v)
		if err != nil {
			return value{}, err
		}
		if c.Kind == pyatelem.IntMin0 && i < 0 {
			return value{}, fmt.Errorf("value must be greater or equal to 0, got %d", i)
		}
		return intVal(i), nil
	case pyatelem.String:
		s, err := toStr(v)
		return strVal(s), err
	case pyatelem.Vector:
		x, err := flatten(v)
		if err != nil {
			return value{}, err
		}
		if c.N >= 0 && len(x) != c.N {
			return value{}, fmt.Errorf("want %d numbers, got %s", c.N, v.describe())
		}
		return vecVal(x), nil
	case pyatelem.Matrix:
		return convMatrix(c.Rows, c.N, v)
	case pyatelem.Particle:
		// What PyAT's Particle() takes from a file: a name or a struct
		// with name, rest_energy and charge.
		if v.kind != kString && v.kind != kStruct {
			return value{}, fmt.Errorf("want a particle name or struct('name',...,'rest_energy',...,'charge',...), got %s", v.describe())
		}
	}
	return v, nil
}

// convMatrix reshapes to (rows, cols) in Fortran order; cols < 0
// accepts any number of columns.
func convMatrix(rows, cols int, v value) (value, error) {
	x, err := flatten(v)
	if err != nil {
		return value{}, err
	}
	if cols >= 0 && len(x) != rows*cols || cols < 0 && len(x)%rows != 0 {
		return value{}, fmt.Errorf("want a %dx%d matrix (%d numbers), got %s", rows, cols, rows*cols, v.describe())
	}
	n := len(x) / rows
	d := make([]float64, len(x))
	for i := 0; i < rows; i++ {
		for j := 0; j < n; j++ {
			d[i*n+j] = x[i+rows*j]
		}
	}
	return value{kind: kArray, ndim: 2, rows: rows, cols: n, data: d}, nil
}
