package tracking

import (
	"fmt"
	"math"

	"github.com/gotrack/gotrack/device"
)

// BeamView gives hooks access to the beam being tracked. On the CPU
// backend it hands out the live arrays (no copy). On other backends the
// first access downloads the beam; when the hook returns, what it changed
// is uploaded back.
type BeamView struct {
	db     device.Beam
	host   *device.Particles // the live arrays (CPU) or the downloaded copy
	live   bool
	loaded bool
	saved  *device.Particles // the copy as downloaded, to find changes
}

func newBeamView(db device.Beam) *BeamView {
	v := &BeamView{db: db}
	if hv, ok := db.(device.HostView); ok {
		v.host, v.live, v.loaded = hv.Particles(), true, true
	}
	return v
}

// Len returns the number of particles (of this process's part of the
// beam under MPI).
func (v *BeamView) Len() int { return v.db.Len() }

// Particles returns the beam's coordinates and loss record. Coordinates
// may be changed in place; lost particles (x NaN) must be left alone.
func (v *BeamView) Particles() (*device.Particles, error) {
	if !v.loaded {
		n := v.db.Len()
		v.host = device.NewParticles(n)
		if err := v.db.Download(v.host); err != nil {
			return nil, fmt.Errorf("beam view: download: %w", err)
		}
		v.saved = device.NewParticles(n)
		v.saved.CopyFrom(v.host)
		v.loaded = true
	}
	return v.host, nil
}

// Coords returns the coordinates, Coords[k][i] coordinate k of particle i.
func (v *BeamView) Coords() ([6][]float64, error) {
	p, err := v.Particles()
	if err != nil {
		return [6][]float64{}, err
	}
	return p.Coords, nil
}

// flush uploads the downloaded copy when the hook changed it, and forgets
// it, so that the next hook sees the beam as tracked.
func (v *BeamView) flush() error {
	if v.live || !v.loaded {
		return nil
	}
	defer func() { v.loaded, v.host, v.saved = false, nil, nil }()
	if sameParticles(v.host, v.saved) {
		return nil
	}
	if err := v.db.Upload(v.host); err != nil {
		return fmt.Errorf("beam view: upload: %w", err)
	}
	return nil
}

// sameParticles compares bit patterns (NaN equals NaN).
func sameParticles(a, b *device.Particles) bool {
	for k := 0; k < 6; k++ {
		for i, x := range a.Coords[k] {
			if math.Float64bits(x) != math.Float64bits(b.Coords[k][i]) {
				return false
			}
		}
	}
	for i := range a.Lost {
		if a.Lost[i] != b.Lost[i] {
			return false
		}
	}
	return true
}
