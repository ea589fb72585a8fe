package collective

import "fmt"

// WakeTable is a sampled wake, PyAT's Wake object restricted to analytic
// components: one abscissa S [m] (distance behind the source) shared by
// every component, and the components added so far. Adding a second wake
// to a component sums the tables, as PyAT does. The zero value is not
// usable; call NewWakeTable.
type WakeTable struct {
	// S is the abscissa (_wakeT of an AT wake element). Adding an analytic
	// wake turns it into WakeSRange(S).
	S     []float64
	comps [WakeCY + 1][]float64
}

// NewWakeTable starts a wake table on srange (copied). As PyAT's Wake, it
// wants srange without repeated values; they need not be sorted until an
// analytic wake is added.
func NewWakeTable(srange []float64) (*WakeTable, error) {
	s := append([]float64(nil), srange...)
	u := uniqueSorted(append([]float64(nil), srange...))
	if len(u) != len(s) {
		return nil, fmt.Errorf("wake table: srange has %d repeated values: it must hold unique values", len(s)-len(u))
	}
	return &WakeTable{S: s}, nil
}

// Component returns the table of component c (nil when not present). The
// slice is the table's own; do not modify it.
func (w *WakeTable) Component(c WakeComponent) []float64 {
	if !c.Valid() {
		return nil
	}
	return w.comps[c]
}

// Present lists the components present, in PyAT's enum order.
func (w *WakeTable) Present() []WakeComponent {
	var out []WakeComponent
	for _, c := range WakeComponents {
		if w.comps[c] != nil {
			out = append(out, c)
		}
	}
	return out
}

// widen turns S into WakeSRange(S). PyAT does it on every analytic add but
// does not resample the components already present; here that case is an
// error instead of tables of different lengths.
func (w *WakeTable) widen() error {
	s, err := WakeSRange(w.S)
	if err != nil {
		return err
	}
	if len(s) != len(w.S) && len(w.Present()) > 0 {
		return fmt.Errorf("wake table: adding an analytic wake adds s = 0 and 1e-24 to an abscissa that already has components (%v); start the table on an srange holding 0 and 1e-24", w.Present())
	}
	w.S = s
	return nil
}

// accumulate adds table t (sampled on w.S) to component c. A table of
// another length than the component's (S changed by hand between adds)
// is an error.
func (w *WakeTable) accumulate(c WakeComponent, t []float64) error {
	if w.comps[c] == nil {
		w.comps[c] = t
		return nil
	}
	if len(t) != len(w.comps[c]) {
		return fmt.Errorf("wake table: component %v has %d values, S has %d (S was changed after the component was added)", c, len(w.comps[c]), len(t))
	}
	for i := range t {
		w.comps[c][i] += t[i]
	}
	return nil
}

// AddResonator adds a resonator wake to component comp (PyAT's
// Wake.add(WakeType.RESONATOR, comp, frequency, qfactor, rshunt, beta,
// yokoya_factor=yokoya)); see ResonatorWakeTable for the table and the checks.
func (w *WakeTable) AddResonator(comp WakeComponent, frequency, qfactor, rshunt, beta, yokoya float64) error {
	if err := checkResonator(comp, frequency, qfactor, rshunt, beta, yokoya); err != nil {
		return err
	}
	if err := w.widen(); err != nil {
		return fmt.Errorf("resonator wake %v: %w", comp, err)
	}
	var t []float64
	if comp == WakeZ {
		t = LongResonatorWake(w.S, frequency, qfactor, rshunt, beta)
	} else {
		t = TransverseResonatorWake(w.S, frequency, qfactor, rshunt, yokoya, beta)
	}
	if err := w.accumulate(comp, t); err != nil {
		return fmt.Errorf("resonator wake %v: %w", comp, err)
	}
	return nil
}

// AddResWall adds a transverse resistive-wall wake to component comp
// (PyAT's Wake.add(WakeType.RESWALL, comp, length, rvac, conduct, beta,
// yokoya_factor=yokoya)); see ResWallWakeTable for the table and the checks.
func (w *WakeTable) AddResWall(comp WakeComponent, length, rvac, conduct, beta, yokoya float64) error {
	if err := checkResWall(comp, length, rvac, conduct, beta, yokoya); err != nil {
		return err
	}
	if err := w.widen(); err != nil {
		return fmt.Errorf("resistive-wall wake %v: %w", comp, err)
	}
	if err := w.accumulate(comp, ResWallWake(w.S, yokoya, length, rvac, conduct, beta)); err != nil {
		return fmt.Errorf("resistive-wall wake %v: %w", comp, err)
	}
	return nil
}
