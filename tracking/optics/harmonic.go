package optics

import (
	"errors"
	"math"
	"math/cmplx"

	"gonum.org/v1/gonum/dsp/fourier"
)

// The harmonic analysis below is PyAT's get_tunes_harmonic with its
// defaults (at/physics/harmonic_analysis.py, method 'interp_fft', alias
// 'laskar'): the mean is removed, then the frequency of the largest FFT
// peak is refined by interpolating between its two neighbours, the
// harmonic found is subtracted and the search repeated until one harmonic
// lies in [fmin, fmax] (at most maxIter searches).

// errNoHarmonic is PyAT's AtError "No harmonic found within range".
var errNoHarmonic = errors.New("no harmonic found within range")

// harmonicTune returns the main frequency of the complex signal cent in
// [0, 1] (in units of the sampling frequency: the fractional tune of
// turn-by-turn data), as PyAT's get_tunes_harmonic(cent) with
// num_harmonics=1, fmin=0, fmax=1, maxiter=10. cent is not modified. A
// non-finite sample, or no harmonic in range, gives NaN (PyAT warns and
// returns NaN).
func harmonicTune(cent []complex128) float64 {
	n := len(cent)
	if n < 2 {
		return math.NaN()
	}
	s := make([]complex128, n)
	var sum complex128
	for _, v := range cent {
		if cmplx.IsNaN(v) || cmplx.IsInf(v) {
			return math.NaN()
		}
		sum += v
	}
	mean := sum / complex(float64(n), 0)
	for i, v := range cent {
		s[i] = v - mean
	}
	f, err := interpolatedFFT(s, 0, 1, 10)
	if err != nil {
		return math.NaN()
	}
	return f
}

// interpolatedFFT is PyAT's _interpolated_fft for one harmonic: the
// frequency of the first peak found in [fmin, fmax]. samples is
// overwritten (each rejected harmonic is subtracted from it).
func interpolatedFFT(samples []complex128, fmin, fmax float64, maxIter int) (float64, error) {
	n := len(samples)
	fft := fourier.NewCmplxFFT(n)
	coef := make([]complex128, n)
	for it := 0; it < maxIter; it++ {
		fft.Coefficients(coef, samples)
		freq := interpolatePeak(coef)
		if freq >= fmin && freq <= fmax {
			return freq, nil
		}
		c := dtftCoefficient(samples, freq)
		for k := range samples {
			samples[k] -= c * cmplx.Exp(complex(0, 2*math.Pi*freq*float64(k)))
		}
	}
	return math.NaN(), errNoHarmonic
}

// interpolatePeak is PyAT's _interpolate_peak: the frequency (k+δ)/n of
// the largest |X_k|, δ from the two neighbours (cyclic) with the
// tan(π/n)/(π/n) correction of a rectangular window.
func interpolatePeak(x []complex128) float64 {
	n := len(x)
	k, best := 0, -1.0
	for i, v := range x {
		if a := cmplx.Abs(v); a > best {
			k, best = i, a
		}
	}
	delta := math.Tan(math.Pi/float64(n)) / (math.Pi / float64(n))
	kp := (k + 1) % n
	km := (k - 1 + n) % n
	dk := x[km] - x[kp]
	sk := 2*x[k] - x[km] - x[kp]
	delta *= real(dk / sk)
	return (float64(k) + delta) / float64(n)
}

// dtftCoefficient is PyAT's _compute_coef: the discrete-time Fourier
// coefficient of samples at freq, divided by the number of samples.
func dtftCoefficient(samples []complex128, freq float64) complex128 {
	var c complex128
	for k, v := range samples {
		c += cmplx.Exp(complex(0, -2*math.Pi*freq*float64(k))) * v
	}
	return c / complex(float64(len(samples)), 0)
}
