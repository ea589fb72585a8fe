package optics

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
)

// covarianceTol is the bound on a matched beam of 1e5 particles:
// every variance, and every covariance whose correlation exceeds
// corrFloor, within 3% of the beam matrix it was drawn from.
const (
	covarianceTol = 0.03
	corrFloor     = 0.5
	matchedN      = 100000
)

// checkCovariance compares the sample covariance and mean of b with sigma
// and orbit.
func checkCovariance(t *testing.T, b *tracking.Beam, sigma Mat66, orbit Vec6) {
	t.Helper()
	n := float64(b.Len())
	var mean [6]float64
	for k := 0; k < 6; k++ {
		for _, x := range b.Coords[k] {
			mean[k] += x
		}
		mean[k] /= n
		// the mean of n draws is within 5 standard errors (1e-20 where
		// the plane has no size: rounding of the factorisation)
		if se := math.Sqrt(sigma[k][k] / n); math.Abs(mean[k]-orbit[k]) > 5*se+1e-20 {
			t.Errorf("mean %s %.6g, orbit %.6g (standard error %.3g)", tracking.CoordNames[k], mean[k], orbit[k], se)
		}
	}
	checked := 0
	for i := 0; i < 6; i++ {
		for j := i; j < 6; j++ {
			corr := sigma[i][j] / math.Sqrt(sigma[i][i]*sigma[j][j])
			if i != j && !(math.Abs(corr) > corrFloor) && sigma[i][i]*sigma[j][j] != 0 {
				continue
			}
			c := 0.0
			for p := range b.Coords[i] {
				c += (b.Coords[i][p] - mean[i]) * (b.Coords[j][p] - mean[j])
			}
			c /= n - 1
			if sigma[i][i] == 0 || sigma[j][j] == 0 {
				// a plane without size (the vertical plane of an
				// uncoupled radiating lattice): zero to rounding
				if !(math.Abs(c) <= 1e-30) {
					t.Errorf("<%s %s>: beam %.3g, sigma 0", tracking.CoordNames[i], tracking.CoordNames[j], c)
				}
				continue
			}
			if d := math.Abs(c/sigma[i][j] - 1); !(d <= covarianceTol) {
				t.Errorf("<%s %s>: beam %.6g, sigma %.6g (%.2f%%, bound %.0f%%)", tracking.CoordNames[i], tracking.CoordNames[j], c, sigma[i][j], 100*d, 100*covarianceTol)
			}
			checked++
		}
	}
	t.Logf("%d variances and correlated covariances within %.0f%%", checked, 100*covarianceTol)
}

// TestMatchedEquilibrium draws 1e5 particles from the equilibrium envelope
// of the radiating hmba cell: the beam matrix is OhmiEnvelope's r66, the
// centre the 6D closed orbit, and the beam's covariance r66 within 3%.
func TestMatchedEquilibrium(t *testing.T) {
	lat, err := atjson.LoadLattice(filepath.Join("testdata", "hmba_6d.json"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := MatchedSigma(lat, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if m.Source != "equilibrium" {
		t.Fatalf("source %q, want equilibrium", m.Source)
	}
	env, err := OhmiEnvelope(lat, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if m.Sigma != env.Start.R66 || m.Orbit != env.Start.Orbit6 {
		t.Fatal("the matched sigma or orbit is not the envelope's")
	}
	b, err := GaussianBeamFrom(matchedN, m.Sigma, m.Orbit, 1)
	if err != nil {
		t.Fatal(err)
	}
	checkCovariance(t, b, m.Sigma, m.Orbit)
	if _, err := MatchedSigma(lat, &BeamSizes{EmitX: 1e-10}, nil); err == nil || !strings.Contains(err.Error(), "equilibrium") {
		t.Errorf("emittances given for a radiating lattice: error %v", err)
	}
}

// TestMatchedTwiss matches a beam to the 4D hmba cell from its Twiss
// functions: the beam matrix is emit·(beta, -alpha, gamma) per plane with
// the dispersion times the energy spread, and the drawn beam has it within
// 3%.
func TestMatchedTwiss(t *testing.T) {
	lat, err := atjson.LoadLattice(filepath.Join("..", "..", "testdata", "lattices", "hmba.json"))
	if err != nil {
		t.Fatal(err)
	}
	lat = Disable6D(lat)
	if _, err := MatchedSigma(lat, nil, nil); err == nil || !strings.Contains(err.Error(), "no radiation equilibrium") {
		t.Errorf("no sizes for a lattice without equilibrium: error %v", err)
	}
	sizes := &BeamSizes{EmitX: 1.4e-10, EmitY: 1e-11, SigmaE: 9e-4, SigmaL: 3e-3}
	m, err := MatchedSigma(lat, sizes, nil)
	if err != nil {
		t.Fatal(err)
	}
	lo, err := Linopt6(lat, []int{0}, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	l := lo.Elem0
	v := sizes.SigmaE * sizes.SigmaE
	// The uncoupled cell: each plane's block is emit·(beta, -alpha; -alpha,
	// gamma), plus eta·eta·SigmaE² (1e-12 relative: the mode matrices are
	// built from the eigenvectors, not from these formulas).
	for p, e := range []float64{sizes.EmitX, sizes.EmitY} {
		b, a := l.Beta[p], l.Alpha[p]
		g := (1 + a*a) / b
		eta, etap := l.Dispersion[2*p], l.Dispersion[2*p+1]
		want := [2][2]float64{{e*b + eta*eta*v, -e*a + eta*etap*v}, {-e*a + eta*etap*v, e*g + etap*etap*v}}
		for i := 0; i < 2; i++ {
			for j := 0; j < 2; j++ {
				got := m.Sigma[2*p+i][2*p+j]
				if math.Abs(got-want[i][j]) > 1e-12*math.Abs(want[0][0]) {
					t.Errorf("sigma[%d][%d] = %.12g, want %.12g", 2*p+i, 2*p+j, got, want[i][j])
				}
			}
		}
	}
	if m.Sigma[4][4] != v || m.Sigma[5][5] != sizes.SigmaL*sizes.SigmaL || m.Sigma[0][4] != l.Dispersion[0]*v {
		t.Errorf("longitudinal block: sigma44 %g sigma55 %g sigma04 %g", m.Sigma[4][4], m.Sigma[5][5], m.Sigma[0][4])
	}
	b, err := GaussianBeamFrom(matchedN, m.Sigma, m.Orbit, 2)
	if err != nil {
		t.Fatal(err)
	}
	checkCovariance(t, b, m.Sigma, m.Orbit)
	if _, err := MatchedSigma(lat, &BeamSizes{EmitX: -1}, nil); err == nil {
		t.Error("a negative emittance was accepted")
	}
}

// TestGaussianBeamFromRefuses checks the errors on a matrix that is not a
// covariance, and that a zero plane gives particles on the orbit.
func TestGaussianBeamFromRefuses(t *testing.T) {
	var s Mat66
	s[0][0], s[1][1] = 1, 1
	s[0][1] = 2 // not symmetric
	if _, err := GaussianBeamFrom(10, s, Vec6{}, 1); err == nil || !strings.Contains(err.Error(), "symmetric") {
		t.Errorf("asymmetric sigma: error %v", err)
	}
	s[1][0] = 2 // symmetric, eigenvalues 3 and -1
	if _, err := GaussianBeamFrom(10, s, Vec6{}, 1); err == nil || !strings.Contains(err.Error(), "semi-definite") {
		t.Errorf("indefinite sigma: error %v", err)
	}
	s[0][1], s[1][0] = 0, 0
	orbit := Vec6{1e-3, 0, 2e-4, 0, 0, 0}
	b, err := GaussianBeamFrom(10, s, orbit, 1)
	if err != nil {
		t.Fatal(err)
	}
	for p := 0; p < b.Len(); p++ {
		if b.Coords[2][p] != orbit[2] || b.Coords[5][p] != 0 {
			t.Fatalf("particle %d: y %g ct %g, want the orbit (zero planes)", p, b.Coords[2][p], b.Coords[5][p])
		}
	}
}
