package host

import (
	"math"
	"testing"

	"github.com/gotrack/gotrack/device/rng"
)

// TestQuantExp: quantExp is within 2 ulps (relative 4.5e-16) of math.Exp
// on [-120, 20], where the spectrum's tail uses it on [-100, 0].
func TestQuantExp(t *testing.T) {
	worst := 0.0
	for i := 0; i <= 140000; i++ {
		x := -120 + float64(i)*1e-3 + 1e-7*float64(i%7)
		got, want := quantExp(x), math.Exp(x)
		if d := math.Abs(got/want - 1); d > worst {
			worst = d
		}
	}
	if worst > 4.5e-16 {
		t.Errorf("quantExp: largest relative error %.3g, want at most 4.5e-16", worst)
	}
	t.Logf("largest relative error %.3g", worst)
}

// TestQuantSpectrumTable: AT's table lookup and tail inversion do what
// the photon sampling needs: quantTableIndex returns the first row whose
// probability is not below y (the interpolation interval of y), and
// quantInvUpBranch inverts the tail within the bisection's resolution
// (2 x 0.01 in x/ec).
func TestQuantSpectrumTable(t *testing.T) {
	for y := 0.2101; y <= 0.99999; y += 1.3e-4 {
		ip := quantTableIndex(y)
		if ip < 1 || ip >= len(quantSpectrum) || quantSpectrum[ip][1] < y || quantSpectrum[ip-1][1] >= y {
			t.Fatalf("quantTableIndex(%v) = %d: not the first row at or above y", y, ip)
		}
	}
	for _, y := range []float64{0.999991, 0.999995, 0.9999999, 1 - 1e-12} {
		x := quantInvUpBranch(y, 0, 100, 0.01)
		lo, hi := 0.0, 100.0 // exact inverse by bisection on the monotone tail
		for k := 0; k < 200; k++ {
			if m := (lo + hi) / 2; 1-0.239365*math.Exp(-m)/math.Sqrt(m) < y {
				lo = m
			} else {
				hi = m
			}
		}
		if math.Abs(x-lo) > 0.02 {
			t.Errorf("quantInvUpBranch(%v) = %v, exact inverse %v", y, x, lo)
		}
	}
}

// TestQuantPhotonEnergies: the photon energies drawn by AT's method have
// the synchrotron spectrum's mean <u> = 8/(15√3) and variance
// 11/27 - <u>² (energies over the critical energy) within 3 standard
// errors of 1e6 draws (the table's own <u> and <u²> are 7e-5 and 1.6e-4
// off in relative terms, below the errors); and quantLoss has the compound Poisson moments ng<u>
// and ng<u²> both for a small count (ng = 3, Poisson photons) and for a
// huge one (ng = 2e5, the normal approximation), within 3 standard errors
// of 20000 slices.
func TestQuantPhotonEnergies(t *testing.T) {
	// moments returns the mean and variance of n draws and their
	// standard errors sqrt(var/n) and sqrt((m4 - var²)/n), m4 the
	// fourth central moment.
	moments := func(n int, draw func(s *rng.Stream) float64) (mean, v, seMean, seVar float64) {
		u := make([]float64, n)
		for i := range u {
			s := rng.NewStream(99, int64(i), 0, 0)
			u[i] = draw(&s)
			mean += u[i]
		}
		f := float64(n)
		mean /= f
		var m4 float64
		for _, x := range u {
			d := (x - mean) * (x - mean)
			v += d
			m4 += d * d
		}
		v /= f
		m4 /= f
		return mean, v, math.Sqrt(v / f), math.Sqrt((m4 - v*v) / f)
	}
	check := func(what string, got, want, se float64) {
		t.Logf("%s: %.6g, want %.6g (%+.2f SE)", what, got, want, (got-want)/se)
		if math.Abs(got-want) > 3*se {
			t.Errorf("%s: %.6g, want %.6g within 3 x %.3g", what, got, want, se)
		}
	}
	mean, v, seMean, seVar := moments(1000000, func(s *rng.Stream) float64 { return photonEnergy(s, 1) })
	check("<u>", mean, quantM1, seMean)
	check("<u²> - <u>²", v, quantM2-quantM1*quantM1, seVar)

	for _, ng := range []float64{3, 2e5} {
		mean, v, seMean, seVar := moments(20000, func(s *rng.Stream) float64 { return quantLoss(s, ng, 1) })
		check("mean loss", mean, ng*quantM1, seMean)
		check("loss variance", v, ng*quantM2, seVar)
	}
}
