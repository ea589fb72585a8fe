package host

import (
	"math"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/trackingtest"
)

// planarWiggler returns the record and pool of a planar wiggler of AT's
// usual form (one horizontal-wiggler harmonic, kx = 0, ky = kz = 2π/Lw,
// By = -Bmax cos(kz z) on axis) of length L, period lw, peak field bmax,
// energy [eV], Nstep steps per period.
func planarWiggler(m device.Method, l, lw, bmax, energy float64, nstep, nmeth int32) (device.Element, []float64) {
	e := device.NewElement(m)
	e.Length, e.Lw, e.Bmax, e.Energy = l, lw, bmax, energy
	e.Nstep, e.Nmeth, e.NHharm = nstep, nmeth, 1
	e.By = 0
	return e, []float64{1, 1, 0, 1, 1, 0}
}

// brho returns AT's wiggler rigidity 1e9·βγ·E0/c [T m] at energy [eV] for
// the relativistic particle.
func brho(energy float64) float64 {
	g := atGamma(energy, 0)
	return 1e9 * math.Sqrt(g*g-1) * atE0GeV / gwigC0
}

// TestGWigReference tracks PyAT's wiggler cases through the Go passes
// alone (no loss post-processing) and bounds the difference with PyAT's
// lattice_pass at the suite tolerances, 1e-15 + 1e-12·|x|; it logs the
// largest relative difference (Go's math.Sin, Cos, Sinh and Cosh are not
// glibc's to the last bit; the kernel source, built by gcc, matches bit
// for bit in kernels/cpu).
func TestGWigReference(t *testing.T) {
	cases, err := trackingtest.LoadElementCases("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range cases {
		if !strings.HasPrefix(c.PassMethod, "GWig") {
			continue
		}
		n++
		t.Run(c.Case, func(t *testing.T) {
			lat, err := c.Lattice()
			if err != nil {
				t.Fatal(err)
			}
			plan, err := tracking.Compile(lat)
			if err != nil {
				t.Fatal(err)
			}
			tile := make([]Particle, len(c.Input))
			for i, p := range c.Input {
				for k := range p {
					tile[i][k] = float64(p[k])
				}
			}
			e := &plan.Elements[0]
			passTable[e.Method](tile, e, plan.Pool, &Env{Params: plan.Params})
			maxRel, used := 0.0, 0.0
			for i, want := range c.LatticePass.Output {
				if c.LatticePass.Loss.IsLost[i] {
					continue // lattice_pass's post-processing, not the pass
				}
				for k := range want {
					w, g := float64(want[k]), tile[i][k]
					d := math.Abs(g - w)
					used = math.Max(used, d/(1e-15+1e-12*math.Abs(w)))
					if !(d <= 1e-15+1e-12*math.Abs(w)) {
						t.Errorf("particle %d coordinate %d: %.17g, PyAT %.17g", i, k, g, w)
					}
					if w != 0 {
						maxRel = math.Max(maxRel, d/math.Abs(w))
					}
				}
			}
			t.Logf("largest relative difference with PyAT: %.3g; largest |d|/(1e-15+1e-12|x|): %.3g", maxRel, used)
		})
	}
	if n != 4 {
		t.Errorf("%d wiggler cases in testdata/elements, want PyAT's 4", n)
	}
}

// TestGWigPlanarOptics checks GWigSymplecticPass against the textbook
// planar wiggler (By = -B0 cos(kw s), Bρ the rigidity) at 3 GeV, L = 1 m,
// Lw = 5 cm, B0 = 1.2 T, both integration orders:
//   - an on-axis particle wiggles with x' = -(B0/(Bρ kw)) sin(kw s) and
//     leaves on axis (|x|, |px| below 1e-12 after 20 whole periods) with
//     the path lengthening ∫x'²/2 = (B0/(Bρ kw))² L/4 (to 1e-4);
//   - a small vertical offset sees the wiggler's natural focusing,
//     K = (B0/Bρ)²/2: y/y0 = cos(√K L), py/y0 = -√K sin(√K L) (to 1e-4,
//     the oscillating part of the focusing averaging out);
//   - nothing couples into x: a horizontal offset drifts (kx = 0).
func TestGWigPlanarOptics(t *testing.T) {
	const energy, l, lw, b0 = 3e9, 1.0, 0.05, 1.2
	br := brho(energy)
	kw := 2 * math.Pi / lw
	wantCT := math.Pow(b0/(br*kw), 2) * l / 4
	k := b0 * b0 / (2 * br * br)
	phi := math.Sqrt(k) * l
	for _, nmeth := range []int32{2, 4} {
		e, pool := planarWiggler(device.GWigSymplecticPass, l, lw, b0, energy, 10, nmeth)
		const y0, x0 = 1e-6, 1e-4
		tile := []Particle{{}, {0, 0, y0, 0, 0, 0}, {x0, 0, 0, 0, 0, 0}}
		gwigPass(tile, &e, pool, &Env{Params: device.Params{Energy: energy}})
		on, vy, hx := tile[0], tile[1], tile[2]
		if math.Abs(on[0]) > 1e-12 || math.Abs(on[1]) > 1e-12 || on[2] != 0 || on[3] != 0 {
			t.Errorf("Nmeth %d: on-axis particle leaves at %v", nmeth, on)
		}
		if rel := math.Abs(on[5]/wantCT - 1); rel > 1e-4 {
			t.Errorf("Nmeth %d: path lengthening %.6g m, textbook %.6g m (relative difference %.2g)", nmeth, on[5], wantCT, rel)
		}
		if d := math.Abs(vy[2]/y0 - math.Cos(phi)); d > 1e-4 {
			t.Errorf("Nmeth %d: y/y0 = %.8f, cos(√K L) = %.8f", nmeth, vy[2]/y0, math.Cos(phi))
		}
		if rel := math.Abs((vy[3]/y0)/(-math.Sqrt(k)*math.Sin(phi)) - 1); rel > 1e-4 {
			t.Errorf("Nmeth %d: py/y0 = %.8g, -√K sin(√K L) = %.8g", nmeth, vy[3]/y0, -math.Sqrt(k)*math.Sin(phi))
		}
		if math.Abs(hx[0]-x0) > 1e-12 || math.Abs(hx[1]) > 1e-12 {
			t.Errorf("Nmeth %d: horizontal offset %g leaves at x = %.12g, px = %.3g", nmeth, x0, hx[0], hx[1])
		}
		t.Logf("Nmeth %d: ct %.6g (textbook %.6g), y/y0 %.8f (cos √K L %.8f)", nmeth, on[5], wantCT, vy[2]/y0, math.Cos(phi))
	}
}

// TestGWigRadEnergyLoss checks GWigSymplecticRadPass's classical energy
// loss on axis at 6 GeV (L = 1 m, Lw = 5 cm, B0 = 1.2 T, 5 steps per
// period). AT kicks before the first step and after each of the
// Nstep·L/Lw steps with length Lw/Nstep and the field at the kick, so the
// loss is (2/3) r_e γ³ (B0/Bρ)² Σ cos²(kw s_k) Lw/Nstep over the 101
// kicks s_k = k Lw/Nstep (to 1e-3: (1+δ)² changes by 1e-4), which is
// Sands' U0/E = (2/3) r_e γ³ ∫B²/(Bρ)² = (2/3) r_e γ³ (B0/Bρ)² L/2 with
// one extra kick at the peak field (51/50). The momenta stay zero and
// the non-radiating pass loses nothing.
func TestGWigRadEnergyLoss(t *testing.T) {
	const energy, l, lw, b0 = 6e9, 1.0, 0.05, 1.2
	const nstep = 5
	e, pool := planarWiggler(device.GWigSymplecticRadPass, l, lw, b0, energy, nstep, 4)
	tile := []Particle{{}}
	gwigRadPass(tile, &e, pool, &Env{Params: device.Params{Energy: energy}})
	g := atGamma(energy, 0)
	c := 2.0 / 3.0 * atRe * g * g * g * math.Pow(b0/brho(energy), 2)
	sl := lw / nstep
	sum := 0.0
	for k := 0; k <= nstep*20; k++ { // 20 periods
		cz := math.Cos(2 * math.Pi / lw * float64(k) * sl)
		sum += cz * cz * sl
	}
	want := -c * sum
	sands := -c * l / 2
	got := tile[0][4]
	if rel := math.Abs(got/want - 1); rel > 1e-3 {
		t.Errorf("delta after the wiggler %.6g, kick sum %.6g (relative difference %.2g)", got, want, rel)
	}
	if rel := got/sands - 1; math.Abs(rel-0.02) > 1e-3 {
		t.Errorf("delta %.6g against Sands' %.6g: %.4f over, want the extra kick's 0.02", got, sands, rel)
	}
	if tile[0][1] != 0 && math.Abs(tile[0][1]) > 1e-12 || tile[0][3] != 0 {
		t.Errorf("on-axis momenta after the wiggler: px %g, py %g", tile[0][1], tile[0][3])
	}
	t.Logf("delta %.6g, kick sum %.6g, Sands U0/E %.6g", got, want, sands)

	e.Method = device.GWigSymplecticPass
	tile = []Particle{{}}
	gwigPass(tile, &e, pool, &Env{Params: device.Params{Energy: energy}})
	if tile[0][4] != 0 {
		t.Errorf("GWigSymplecticPass changed delta: %g", tile[0][4])
	}
}

// TestGWigRadIter checks AT's step count of the Rad pass, the truncated
// Nstep·(L/Lw): 49 for L = 0.7 m, Lw = 7 cm, Nstep 5 (L/Lw rounds to
// 9.999999999999998), where GWigSymplecticPass makes round(L/Lw)·Nstep
// = 50; and 100 for L = 1 m, Lw = 5 cm.
func TestGWigRadIter(t *testing.T) {
	for _, c := range []struct {
		l, lw float64
		want  int
	}{{0.7, 0.07, 49}, {1, 0.05, 100}} {
		e, _ := planarWiggler(device.GWigSymplecticRadPass, c.l, c.lw, 1, 6e9, 5, 4)
		if got := gwigRadIter(&e); got != c.want {
			t.Errorf("L %g, Lw %g: %d steps, AT %d", c.l, c.lw, got, c.want)
		}
	}
}

// TestGWigLostUntouched checks that a particle already lost (NaN x) goes
// through both passes unchanged.
func TestGWigLostUntouched(t *testing.T) {
	for _, m := range []device.Method{device.GWigSymplecticPass, device.GWigSymplecticRadPass} {
		e, pool := planarWiggler(m, 1, 0.05, 1.2, 3e9, 5, 4)
		tile := []Particle{{math.NaN(), 1, 2, 3, 4, 5}}
		passTable[m](tile, &e, pool, &Env{Params: device.Params{Energy: 3e9}})
		if !math.IsNaN(tile[0][0]) || tile[0][1] != 1 || tile[0][5] != 5 {
			t.Errorf("%v: lost particle became %v", m, tile[0])
		}
	}
}
