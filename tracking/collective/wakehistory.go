package collective

// WakeHistory is the state a WakeFieldPass element holds after a run:
// TurnHistory[row] = (x, y, z, weight) of one slice, row =
// (pass*nbunch + bunch)*nslice + slice, the newest pass last (AT's
// _turnhistory).
type WakeHistory struct {
	Element     int
	TurnHistory [][]float64
}
