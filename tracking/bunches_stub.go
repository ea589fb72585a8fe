package tracking

// Bunches returns the bunch currents and positions (temporary: one bunch).
func (l *Lattice) Bunches() ([]float64, []float64, error) {
	if l.BunchCurrents != nil {
		return l.BunchCurrents, l.BunchSpos, nil
	}
	return []float64{l.BeamCurrent()}, []float64{0}, nil
}

// BeamCurrent returns the beam current.
func (l *Lattice) BeamCurrent() float64 {
	for _, a := range l.Properties {
		if a.Name == "beam_current" {
			if v, ok := a.Value.(float64); ok {
				return v
			}
		}
	}
	return 0
}
