package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/npy"
)

// loadBeam reads the beam of the --beam file: a .npy array of float64 or
// float32, of either byte order, in C or Fortran order (what numpy.save
// writes for any real array), of shape (N, 6), one particle per row, or
// PyAT's (6, N), one particle per column. A (6, 6) array is read as
// (N, 6). When the file is read as PyAT's layout, note says so in one
// line; otherwise it is empty.
func loadBeam(path string) (beam *tracking.Beam, note string, err error) {
	shape, data, err := npy.LoadFloat64(path)
	if err != nil {
		return nil, "", fmt.Errorf("beam: %w", err)
	}
	if len(shape) != 2 || (shape[1] != 6 && shape[0] != 6) {
		return nil, "", fmt.Errorf("beam %s: shape %s, want (N, 6), or PyAT's (6, N)", path, shapeString(shape))
	}
	if shape[1] != 6 {
		// PyAT's (6, N): coordinate k of particle i is data[k*N+i].
		n := shape[1]
		note = fmt.Sprintf("%s has shape %s: read as PyAT's (6, N) layout, one particle per column", path, shapeString(shape))
		if n == 0 {
			return nil, "", fmt.Errorf("beam %s: no particles (shape %s)", path, shapeString(shape))
		}
		beam = tracking.NewBeam(n)
		for k := range beam.Coords {
			copy(beam.Coords[k], data[k*n:(k+1)*n])
		}
		return beam, note, nil
	}
	if shape[0] == 0 {
		return nil, "", fmt.Errorf("beam %s: no particles (shape %s)", path, shapeString(shape))
	}
	beam, err = tracking.BeamFromFlat(data)
	if err != nil {
		return nil, "", fmt.Errorf("beam %s: %w", path, err)
	}
	return beam, "", nil
}

// shapeString formats an array shape as Python does: "(5,)", "(6, 100)".
func shapeString(shape []int) string {
	s := make([]string, len(shape))
	for i, v := range shape {
		s[i] = strconv.Itoa(v)
	}
	if len(s) == 1 {
		return "(" + s[0] + ",)"
	}
	return "(" + strings.Join(s, ", ") + ")"
}
