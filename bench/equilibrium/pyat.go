package main

import (
	"encoding/json"
	"fmt"
	"os"
)

// pyatStats is what the report shows of PyAT's own run of a case
// (testdata/radiation): its size and wall time, and its averages over the
// equilibrium window when it reached one.
type pyatStats struct {
	Version     string
	N, Turns    int
	Wall        float64 // seconds
	windowMeans map[string]float64
}

// mean returns PyAT's window average of quantity q, if known.
func (p *pyatStats) mean(q string) (float64, bool) {
	if p == nil {
		return 0, false
	}
	v, ok := p.windowMeans[q]
	return v, ok
}

// loadPyAT reads a testdata/radiation case file; "" gives nil.
func loadPyAT(path string) (*pyatStats, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("PyAT reference: %w", err)
	}
	var f struct {
		Provenance struct {
			Version string `json:"pyat_version"`
		} `json:"provenance"`
		Tracking struct {
			N      int     `json:"n_particles"`
			Turns  int     `json:"nturns"`
			Wall   float64 `json:"wall_s"`
			Window struct {
				Stats map[string]json.RawMessage `json:"stats"`
			} `json:"equilibrium_window"`
		} `json:"tracking"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("PyAT reference %s: %w", path, err)
	}
	p := &pyatStats{Version: f.Provenance.Version, N: f.Tracking.N, Turns: f.Tracking.Turns, Wall: f.Tracking.Wall, windowMeans: map[string]float64{}}
	for q, raw := range f.Tracking.Window.Stats {
		var s struct {
			Mean *float64 `json:"mean"`
		}
		if json.Unmarshal(raw, &s) == nil && s.Mean != nil {
			p.windowMeans[q] = *s.Mean
		}
	}
	if p.N <= 0 || p.Turns <= 0 || p.Wall <= 0 {
		return nil, fmt.Errorf("PyAT reference %s: no tracking block (n_particles, nturns, wall_s)", path)
	}
	return p, nil
}
