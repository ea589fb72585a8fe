package host

import (
	"testing"

	"github.com/gotrack/gotrack/device"
)

// TestMatrix66Identity checks that the identity matrix leaves particles unchanged.
func TestMatrix66Identity(t *testing.T) {
	var id [36]float64
	for i := 0; i < 6; i++ {
		id[i+6*i] = 1
	}
	pool, off := xtPool(nil, id[:]...)
	e := device.NewElement(device.Matrix66Pass)
	e.M66 = off
	beam := xtBeam()
	out := xtRun(t, &e, pool, nil, beam)
	for i := range beam {
		if live(&beam[i]) && out[i] != beam[i] {
			t.Errorf("identity changed particle %d: %v -> %v", i, beam[i], out[i])
		}
	}
	xtCheckLostUntouched(t, beam, out)
}

// TestMatrix66ColumnMajorAndShift checks the column-major matrix layout and the misalignment shifts.
func TestMatrix66ColumnMajorAndShift(t *testing.T) {
	// M[0][1] = 2 (x += 2 px), stored column-major at index 0+6*1.
	var m [36]float64
	for i := 0; i < 6; i++ {
		m[i+6*i] = 1
	}
	m[0+6*1] = 2
	pool, off := xtPool(nil, m[:]...)
	pool, t1 := xtPool(pool, 1e-3, 0, 0, 0, 0, 0)
	pool, t2 := xtPool(pool, -1e-3, 0, 0, 0, 0, 0)
	e := device.NewElement(device.Matrix66Pass)
	e.M66, e.T1, e.T2 = off, t1, t2
	out := xtRun(t, &e, pool, nil, []Particle{{0, 1e-3, 0, 0, 0, 0}})
	want := Particle{2e-3, 1e-3, 0, 0, 0, 0}
	xtClose(t, "matrix with shift", out[0], want, 1e-18)
}
