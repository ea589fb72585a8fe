package host

import (
	"math"
	"testing"

	"github.com/gotrack/gotrack/device"
)

// TestIdentityPassReference compares IdentityPass with the PyAT cases.
func TestIdentityPassReference(t *testing.T) { pmRunRefCases(t, device.IdentityPass) }

// TestAperturePassReference compares AperturePass with the PyAT cases.
func TestAperturePassReference(t *testing.T) { pmRunRefCases(t, device.AperturePass) }

// TestEAperturePassReference compares EAperturePass with the PyAT cases.
func TestEAperturePassReference(t *testing.T) { pmRunRefCases(t, device.EAperturePass) }

// TestIdentityPlainIsNoOp checks that a bare marker changes nothing.
func TestIdentityPlainIsNoOp(t *testing.T) {
	e := device.NewElement(device.IdentityPass)
	p := Particle{1e-3, 2e-3, 3e-3, 4e-3, 5e-3, 6e-3}
	tile := []Particle{p}
	identityPass(tile, &e, nil, &Env{})
	if tile[0] != p {
		t.Errorf("marker changed the particle: %v", tile[0])
	}
}

// TestAperturesMarkLost checks that particles outside rectangular and
// elliptical apertures get ct = +Inf, those inside are untouched, and an
// already lost particle (x NaN) is skipped.
func TestAperturesMarkLost(t *testing.T) {
	pool := []float64{-1e-3, 2e-3, -1e-3, 1e-3, 2e-3, 1e-3}
	in := Particle{1.5e-3, 0, 0.5e-3, 0, 0, 0.1}
	outX := Particle{-1.5e-3, 0, 0, 0, 0, 0.1}
	outY := Particle{0, 0, 1.5e-3, 0, 0, 0.1}
	lost := Particle{math.NaN(), 0, 0, 0, 0, 0}

	ap := device.NewElement(device.AperturePass)
	ap.RApertures = 0
	tile := []Particle{in, outX, outY, lost}
	aperturePass(tile, &ap, pool, &Env{})
	if tile[0] != in {
		t.Errorf("inside particle changed: %v", tile[0])
	}
	if !math.IsInf(tile[1][5], 1) || !math.IsInf(tile[2][5], 1) {
		t.Errorf("outside particles not marked: %v %v", tile[1], tile[2])
	}
	if tile[3][5] != 0 {
		t.Errorf("lost particle modified: %v", tile[3])
	}

	eap := device.NewElement(device.EAperturePass)
	eap.EApertures = 4
	// (1.5e-3/2e-3)^2 + (0.5e-3/1e-3)^2 = 0.8125 < 1: inside;
	// (1.5e-3/2e-3)^2 + (0.8e-3/1e-3)^2 = 1.2 >= 1: outside.
	tile = []Particle{in, {1.5e-3, 0, 0.8e-3, 0, 0, 0.1}}
	eAperturePass(tile, &eap, pool, &Env{})
	if tile[0] != in || !math.IsInf(tile[1][5], 1) {
		t.Errorf("elliptical aperture: %v %v", tile[0], tile[1])
	}
}
