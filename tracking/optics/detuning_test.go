package optics

import (
	"math"
	"math/cmplx"
	"testing"
)

// TestHarmonicTune: the interpolated FFT finds the frequency of a complex
// exponential of 512 samples to 5e-9, the error of PyAT's three-point
// interpolation itself (exact only where the line sits on a bin or
// half-way; a few 1e-9 of a bin elsewhere at 512 samples); a constant offset (removed with the mean, which
// leaves the line's own non-zero mean behind) or a weaker second line
// shift it far below the FFT bin 1/512; a non-finite sample gives NaN.
func TestHarmonicTune(t *testing.T) {
	const n = 512
	for _, q := range []float64{0.0123, 0.21, 0.4372918, 0.77777, 0.9876} {
		s := make([]complex128, n)
		for k := range s {
			s[k] = 1e-4 * cmplx.Exp(complex(0, 2*math.Pi*q*float64(k)))
		}
		if got := harmonicTune(s); math.Abs(got-q) > 5e-9 {
			t.Errorf("pure line %.10g: tune %.15g (error %.3g)", q, got, got-q)
		}
		for k := range s {
			s[k] += 3e-3
		}
		if got := harmonicTune(s); math.Abs(got-q) > 1e-7 {
			t.Errorf("line %.10g on an offset: tune %.15g (error %.3g)", q, got, got-q)
		}
		for k := range s {
			s[k] += 3e-6 * cmplx.Exp(complex(0, 2*math.Pi*(3*q-math.Floor(3*q))*float64(k)))
		}
		if got := harmonicTune(s); math.Abs(got-q) > 1e-5 {
			t.Errorf("line %.10g with a 3rd harmonic: tune %.15g (error %.3g)", q, got, got-q)
		}
	}
	s := make([]complex128, n)
	s[7] = complex(math.NaN(), 0)
	if got := harmonicTune(s); !math.IsNaN(got) {
		t.Errorf("NaN sample: tune %g", got)
	}
}

// TestDetuningHMBA: PyAT's detuning of the hmba cell (4D, periodicity 32,
// amplitudes ±1e-4 m): the tunes at zero amplitude are GetTune's up to
// the chromatic shift of the 1e-6 momentum offset tunes_vs_amp gives
// every particle (within 1e-6: the fit's intercept and the interpolated
// FFT's error of a few 1e-9 per cell, times 32), the cross terms dQy/dJx (x scan) and dQx/dJy (y scan)
// agree (the same Hamiltonian coefficient, up to the higher orders of the
// fit), and the coefficients are the periodicity times those of one cell,
// which the fast ring test compares with PyAT's gen_detuning_elem.
func TestDetuningHMBA(t *testing.T) {
	lat := loadRadLat(t, "hmba_6d.json")
	opt := Options{Open: goEngine}
	d, err := DetuningOf(lat, &DetuningOptions{XMax: 1e-4, YMax: 1e-4, Options: opt})
	if err != nil {
		t.Fatal(err)
	}
	q, err := GetTune(Disable6D(lat), &opt)
	if err != nil {
		t.Fatal(err)
	}
	xsi, err := GetChrom(Disable6D(lat), &opt)
	if err != nil {
		t.Fatal(err)
	}
	for plane := 0; plane < 2; plane++ {
		for j := 0; j < 2; j++ {
			want := q[j] + xsi[j]*tuneOffset
			if e := d.Q0[plane][j] - want; math.Abs(e) > 1e-6 {
				t.Errorf("Q0[%d][%d] = %.12g, tune + chromatic shift %.12g (difference %.3g)", plane, j, d.Q0[plane][j], want, e)
			}
		}
	}
	t.Logf("Q1 = %v", d.Q1)
	if r := d.Q1[0][1] / d.Q1[1][0]; math.Abs(r-1) > 0.02 {
		t.Errorf("dQy/dJx = %g, dQx/dJy = %g: ratio %g", d.Q1[0][1], d.Q1[1][0], r)
	}
	// One cell, as the merged ring of the fast ring has it.
	cell := *lat
	cell.Periodicity = 1
	c, err := DetuningOf(&cell, &DetuningOptions{XMax: 1e-4, YMax: 1e-4, Options: opt})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		for j := 0; j < 2; j++ {
			if r := d.Q1[i][j] / (32 * c.Q1[i][j]); math.Abs(r-1) > 1e-8 {
				t.Errorf("Q1[%d][%d] = %g for the ring, %g for the cell: ratio to 32 cells %.12g", i, j, d.Q1[i][j], c.Q1[i][j], r)
			}
		}
	}
	// PyAT's gen_detuning_elem of the hmba cell (fast_ring_quantdiff.json)
	ref := loadLumpedRef(t, "fast_ring_quantdiff.json")
	nl := ref.Elements[2]
	for _, w := range []struct {
		name string
		got  float64
	}{{"A1", c.Q1[0][0]}, {"A2", c.Q1[0][1]}, {"A3", c.Q1[1][1]}} {
		relCheck(t, w.name, w.got, nl[w.name].(float64), tolFastDetune)
	}
	if len(d.X) != 3 || d.X[0] != -1e-4 || d.X[1] != 0 || d.X[2] != 1e-4 || len(d.QdX) != 3 || len(d.QdY) != 3 {
		t.Errorf("scan x %v, %d and %d tunes", d.X, len(d.QdX), len(d.QdY))
	}
}

// TestTunesVsAmp: without amplitudes the tunes are Linopt6's; with them,
// one row per amplitude, the zero amplitude at the tune of Linopt6 up to
// the chromatic shift of the 1e-6 offset; a wrong coordinate is an error.
func TestTunesVsAmp(t *testing.T) {
	lat := Disable6D(loadRadLat(t, "hmba_6d.json"))
	opt := &Options{Open: goEngine}
	lin, err := Linopt6(lat, nil, true, opt)
	if err != nil {
		t.Fatal(err)
	}
	q0, err := TunesVsAmp(lat, nil, 0, DefaultDetuningTurns, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(q0) != 1 || q0[0][0] != lin.Ring.Tune[0] || q0[0][1] != lin.Ring.Tune[1] {
		t.Errorf("tunes without amplitude %v, linopt6 %v", q0, lin.Ring.Tune)
	}
	q, err := TunesVsAmp(lat, []float64{0, 2e-4}, 2, DefaultDetuningTurns, opt)
	if err != nil {
		t.Fatal(err)
	}
	for j := 0; j < 2; j++ {
		want := lin.Ring.Tune[j] + lin.Ring.Chromaticity[j]*tuneOffset
		if e := q[0][j] - want; math.Abs(e) > 1e-8 {
			t.Errorf("tune %d at zero amplitude %.12g, linopt6 + chromatic shift %.12g", j, q[0][j], want)
		}
	}
	if q[1][1] == q[0][1] {
		t.Error("no detuning with a vertical amplitude of 2e-4 m")
	}
	if _, err := TunesVsAmp(lat, []float64{0}, 6, 16, opt); err == nil {
		t.Error("coordinate 6: no error")
	}
}
