package optics

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking"
)

// C0 is the speed of light [m/s].
const C0 = tracking.C0

// radiating reports whether a passmethod of lat radiates.
func radiating(lat *tracking.Lattice) bool {
	for _, e := range lat.Elements {
		if strings.HasSuffix(e.PassMethod, "RadPass") {
			return true
		}
	}
	return false
}

// TestLinopt6 compares Linopt6 (get_chrom) with PyAT's linopt6 at every
// refpt 0..len(ring) of every block: s_pos, closed orbit, beta (relative),
// alpha, dispersion, mu, and the ring data (tunes, chromaticities,
// damping times).
func TestLinopt6(t *testing.T) {
	for _, name := range refNames {
		f, blocks := loadRef(t, name)
		for block, b := range blocks {
			t.Run(name+"/"+block, func(t *testing.T) {
				lat := blockLattice(t, f, b, block)
				var ring struct {
					Tune         []float64 `json:"tune"`
					Chromaticity []float64 `json:"chromaticity"`
					DampingTime  []float64 `json:"damping_time"`
				}
				_, perr := field(t, b, "linopt6", "ringdata", &ring)
				l, err := Linopt6(lat, AllRefpts(lat), true, nil)
				if perr != "" {
					if err == nil {
						t.Fatalf("PyAT: %s; gotrack no error", perr)
					}
					t.Logf("error as PyAT (%s): %v", perr, err)
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				var spos []float64
				var beta, alpha, disp, mu, co [][]float64
				field(t, b, "linopt6", "s_pos", &spos)
				field(t, b, "linopt6", "beta", &beta)
				field(t, b, "linopt6", "alpha", &alpha)
				field(t, b, "linopt6", "dispersion", &disp)
				field(t, b, "linopt6", "mu", &mu)
				field(t, b, "linopt6", "closed_orbit", &co)
				if len(spos) != len(l.Elem) || len(beta) != len(l.Elem) {
					t.Fatalf("%d refpts, PyAT %d", len(l.Elem), len(beta))
				}
				mTune := maxDiff{name: "tune", tol: tolTune}
				mChrom := maxDiff{name: "chromaticity", tol: tolChrom}
				mDamp := maxDiff{name: "damping (rel)", tol: tolDampRel}
				for i := range ring.Tune {
					mTune.add(t, l.Ring.Tune[i], ring.Tune[i], fmt.Sprint("mode ", i))
					mChrom.add(t, l.Ring.Chromaticity[i], ring.Chromaticity[i], fmt.Sprint("mode ", i))
				}
				if radiating(lat) {
					for i := range ring.DampingTime {
						mDamp.add(t, l.Ring.DampingTime[i]/ring.DampingTime[i], 1, fmt.Sprint("mode ", i))
					}
				} else {
					// Without radiation the eigenvalues have modulus 1 up
					// to rounding and the finite differences: PyAT's
					// damping times (-2e6 s, 6e6 s, ...) are L/c over a
					// rate of 1e-13..1e-10 per turn that only LAPACK's
					// bits reproduce relatively. The rates per turn are
					// compared, to 1e-11 absolute.
					mRate := maxDiff{name: "damping rate/turn", tol: 1e-11}
					t0 := lat.Length() / C0
					for i := range ring.DampingTime {
						mRate.add(t, t0/l.Ring.DampingTime[i], t0/ring.DampingTime[i], fmt.Sprint("mode ", i))
					}
					mRate.report(t)
				}
				mS := maxDiff{name: "s_pos", tol: 1e-12}
				mCO := maxDiff{name: "closed_orbit", tol: tolOrbit}
				mB := maxDiff{name: "beta (rel)", tol: tolBetaRel}
				mA := maxDiff{name: "alpha", tol: tolAlpha}
				mD := maxDiff{name: "dispersion", tol: tolDisp}
				mM := maxDiff{name: "mu", tol: tolMu}
				for k, d := range l.Elem {
					at := fmt.Sprint("refpt ", k)
					mS.add(t, d.SPos, spos[k], at)
					for i := 0; i < 6; i++ {
						mCO.add(t, d.ClosedOrbit[i], co[k][i], at)
					}
					for i := 0; i < 2; i++ {
						mB.add(t, d.Beta[i]/beta[k][i], 1, at)
						mA.add(t, d.Alpha[i], alpha[k][i], at)
					}
					for i := 0; i < 4; i++ {
						mD.add(t, d.Dispersion[i], disp[k][i], at)
					}
					if len(mu[k]) != len(d.Mu) {
						t.Fatalf("%d phases, PyAT %d", len(d.Mu), len(mu[k]))
					}
					for i := range d.Mu {
						mM.add(t, d.Mu[i], mu[k][i], at)
					}
				}
				for _, m := range []*maxDiff{&mTune, &mChrom, &mDamp, &mS, &mCO, &mB, &mA, &mD, &mM} {
					m.report(t)
				}
			})
		}
	}
}
