package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/optics"
)

// numCPU is the number of CPU cores the tracking may use.
func numCPU() int { return runtime.NumCPU() }

// quantities are the compared beam quantities, PyAT's names: projected
// rms emittances (sqrt of the determinant of a plane's 2x2 covariance),
// the energy spread and the bunch length.
var quantities = []string{"eps_x", "eps_y", "eps_l", "sigma_delta", "sigma_ct"}

// plane of each quantity (0: x, 1: y, 2: longitudinal), for its damping
// time.
var plane = map[string]int{"eps_x": 0, "eps_y": 1, "eps_l": 2, "sigma_delta": 2, "sigma_ct": 2}

// isSize tells the rms sizes (square roots of a variance) apart from the
// emittances; their sampling error is half as large.
var isSize = map[string]bool{"sigma_delta": true, "sigma_ct": true}

// derive computes the quantities from a 6x6 covariance.
func derive(s *optics.Mat66) map[string]float64 {
	det := func(i int) float64 { return s[i][i]*s[i+1][i+1] - s[i][i+1]*s[i+1][i] }
	return map[string]float64{
		"eps_x":       math.Sqrt(math.Max(det(0), 0)),
		"eps_y":       math.Sqrt(math.Max(det(2), 0)),
		"eps_l":       math.Sqrt(math.Max(det(4), 0)),
		"sigma_delta": math.Sqrt(s[4][4]),
		"sigma_ct":    math.Sqrt(s[5][5]),
	}
}

// measured is one tracked case: the quantities of the tracking and of
// the linear theory at the recorded turns, the equilibrium they tend to
// and the damping times.
type measured struct {
	n, turns int
	every    int // turns between records
	wall     time.Duration
	device   string
	threads  int
	recTurn  []int                // the turn after which each record was taken
	tracked  []map[string]float64 // per record
	theory   []map[string]float64 // per record, Σₙ
	limit    map[string]float64   // Σ∞: the discrete Lyapunov solution
	tau      [3]float64           // damping times [turns]
	envelope *optics.Envelope     // the envelope equilibrium of the source lattice, when known
	pyat     *pyatStats           // PyAT's own tracking of the same ring, when known
}

// maxTau is the longest damping time of the x and longitudinal planes
// (the vertical emittance is the small coupling residue).
func (c *measured) maxTau() int { return int(math.Max(c.tau[0], c.tau[2])) }

// measure tracks n particles from the closed orbit of ring for turns
// turns, recording the beam's covariance every every turns (as PyAT's
// reference run does, in chunks of every turns that continue the run's
// turn count and so its random numbers), and computes the linear theory:
// M the ring's one-turn matrix, d the covariance of one turn's diffusion
// kicks, tau the damping times [turns].
func measure(ring *tracking.Lattice, d optics.Mat66, tau [3]float64, n, turns, every int, seed uint64) (*measured, error) {
	orbit, err := optics.FindOrbit6(ring, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("closed orbit: %w", err)
	}
	o := orbit.Orbit0
	m, _, err := optics.FindM66(ring, nil, &o, nil)
	if err != nil {
		return nil, fmt.Errorf("one-turn matrix: %w", err)
	}
	every = max(min(every, turns), 1)
	c := &measured{n: n, turns: turns, every: every, tau: tau}
	lim := lyapunov(&m, &d)
	c.limit = derive(&lim)

	rows := make([][6]float64, n)
	for i := range rows {
		rows[i] = o
	}
	beam := tracking.BeamFromRows(rows)
	var s optics.Mat66 // the linear theory, Σ₀ = 0
	start, lastReport := time.Now(), time.Now()
	for done := 0; done < turns; {
		k := min(every, turns-done)
		res, err := tracking.Track(ring, beam, tracking.Options{Turns: k, Turn0: done, Seed: seed})
		if err != nil {
			return nil, fmt.Errorf("tracking turns %d..%d: %w", done, done+k, err)
		}
		c.wall += res.Wall
		c.device, c.threads = res.Device, res.Threads
		beam = res.Final
		for t := 0; t < k; t++ {
			s = propagate(&m, &s, &d)
		}
		done += k
		cov, live := covariance(beam)
		if live != n {
			return nil, fmt.Errorf("turn %d: %d of %d particles alive", done, live, n)
		}
		c.recTurn = append(c.recTurn, done)
		c.tracked = append(c.tracked, derive(&cov))
		c.theory = append(c.theory, derive(&s))
		if time.Since(lastReport) > 10*time.Second || done == turns {
			lastReport = time.Now()
			q := c.tracked[len(c.tracked)-1]
			th := c.theory[len(c.theory)-1]
			fmt.Fprintf(os.Stderr, "  turn %d/%d: eps_x %.4g (theory %.4g), sigma_delta %.4g (%.4g), %s\n",
				done, turns, q["eps_x"], th["eps_x"], q["sigma_delta"], th["sigma_delta"], time.Since(start).Round(time.Second))
		}
	}
	return c, nil
}

// covariance returns the population covariance (1/N, about the mean) of
// the live particles of b, and their number.
func covariance(b *tracking.Beam) (optics.Mat66, int) {
	var mean [6]float64
	var cov optics.Mat66
	live := 0
	for i := 0; i < b.Len(); i++ {
		if math.IsNaN(b.Coords[0][i]) {
			continue
		}
		live++
		for k := 0; k < 6; k++ {
			mean[k] += b.Coords[k][i]
		}
	}
	if live == 0 {
		return cov, 0
	}
	for k := range mean {
		mean[k] /= float64(live)
	}
	for i := 0; i < b.Len(); i++ {
		if math.IsNaN(b.Coords[0][i]) {
			continue
		}
		for j := 0; j < 6; j++ {
			dj := b.Coords[j][i] - mean[j]
			for k := j; k < 6; k++ {
				cov[j][k] += dj * (b.Coords[k][i] - mean[k])
			}
		}
	}
	for j := 0; j < 6; j++ {
		for k := j; k < 6; k++ {
			cov[j][k] /= float64(live)
			cov[k][j] = cov[j][k]
		}
	}
	return cov, live
}

// lyapunov returns Σ∞ = Σₖ Mᵏ D Mᵏᵀ, the fixed point of Σ = M Σ Mᵀ + D,
// by doubling: S₂ₙ = Sₙ + Mⁿ Sₙ Mⁿᵀ, M²ⁿ = Mⁿ Mⁿ, 64 times (2⁶⁴ turns,
// far beyond any damping time).
func lyapunov(m, d *optics.Mat66) optics.Mat66 {
	s, p := *d, *m
	var zero optics.Mat66
	for k := 0; k < 64; k++ {
		ps := propagate(&p, &s, &zero)
		for i := range s {
			for j := range s[i] {
				s[i][j] += ps[i][j]
			}
		}
		p = mul(&p, &p)
	}
	return s
}

// mul returns a b.
func mul(a, b *optics.Mat66) optics.Mat66 {
	var r optics.Mat66
	for i := 0; i < 6; i++ {
		for j := 0; j < 6; j++ {
			for k := 0; k < 6; k++ {
				r[i][j] += a[i][k] * b[k][j]
			}
		}
	}
	return r
}

// propagate returns M s Mᵀ + d.
func propagate(m, s, d *optics.Mat66) optics.Mat66 {
	var ms, r optics.Mat66
	for i := 0; i < 6; i++ {
		for j := 0; j < 6; j++ {
			for k := 0; k < 6; k++ {
				ms[i][j] += m[i][k] * s[k][j]
			}
		}
	}
	for i := 0; i < 6; i++ {
		for j := 0; j < 6; j++ {
			v := d[i][j]
			for k := 0; k < 6; k++ {
				v += ms[i][k] * m[j][k]
			}
			r[i][j] = v
		}
	}
	return r
}

// report prints the comparison: for a growth run (from = 0) the tracked
// and theoretical quantities every tenth of the run; for an equilibrium
// run the averages over turns [from, turns) against the linear theory's
// limit and the envelope equilibrium. Each line gives the relative
// difference and the sampling error.
func (c *measured) report(w io.Writer, what string, from int) {
	pt := float64(c.n) * float64(c.turns)
	fmt.Fprintf(w, "\n## %s\n\n", what)
	fmt.Fprintf(w, "%d particles from the closed orbit, %d turns on %s, the covariance recorded every %d turns: tracking %.1f s, %.3g particle-turns/s in process. Damping times %.0f, %.0f, %.0f turns.\n\n",
		c.n, c.turns, c.device, c.every, c.wall.Seconds(), pt/c.wall.Seconds(), c.tau[0], c.tau[1], c.tau[2])
	if from == 0 {
		fmt.Fprintf(w, "Growth from zero emittance against Σₙ = M Σₙ₋₁ Mᵀ + D (relative difference; one record's sampling error is %.1f %% for an emittance, half for a size):\n\n", 100*math.Sqrt(2/float64(c.n)))
		fmt.Fprintf(w, "| turn | eps_x [m] | theory | diff | eps_l [m] | theory | diff | sigma_delta | theory | diff | sigma_ct [m] | theory | diff |\n")
		fmt.Fprintf(w, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
		step := max(len(c.tracked)/10, 1)
		for t := step - 1; t < len(c.tracked); t += step {
			fmt.Fprintf(w, "| %d |", c.recTurn[t])
			for _, q := range []string{"eps_x", "eps_l", "sigma_delta", "sigma_ct"} {
				g, th := c.tracked[t][q], c.theory[t][q]
				if th == 0 {
					fmt.Fprintf(w, " %.4g | 0 | - |", g)
					continue
				}
				fmt.Fprintf(w, " %.4g | %.4g | %+.1f %% |", g, th, 100*(g/th-1))
			}
			fmt.Fprintln(w)
		}
		c.reportPyATSpeed(w)
		return
	}
	fmt.Fprintf(w, "Averages over the records of turns %d..%d (from twice the longest damping time), against the same average of the linear theory (which is still below its limit at the window's start), against the envelope equilibrium of the source lattice (optics.OhmiEnvelope) and against PyAT's own tracking of its fast ring. The sampling error is sqrt(2/N)·sqrt(τ/W) for an emittance (W the window, τ the damping time: about W/τ independent samples), half for a size. A quantity passes when it is within 5 %% of the envelope and within 3 sampling errors of the theory.\n\n", from, c.turns)
	fmt.Fprintf(w, "| quantity | tracked | linear theory (window) | diff | envelope | diff | sampling error | PyAT tracked | pass |\n|---|---:|---:|---:|---:|---:|---:|---:|:---:|\n")
	env := c.envelopeEquilibrium()
	for _, q := range quantities {
		sum, sumTh, nrec, first := 0.0, 0.0, 0, -1
		for r, t := range c.recTurn {
			if t < from {
				continue
			}
			if first < 0 {
				first = t - c.every
			}
			sum += c.tracked[r][q]
			sumTh += c.theory[r][q]
			nrec++
		}
		if nrec == 0 {
			fmt.Fprintf(w, "| %s | no record after turn %d | | | | | | | |\n", q, from)
			continue
		}
		mean, th := sum/float64(nrec), sumTh/float64(nrec)
		win := float64(c.turns - first)
		tau := c.tau[plane[q]]
		se := math.Sqrt(2/float64(c.n)) * math.Sqrt(math.Max(tau/win, 1/win))
		if isSize[q] {
			se /= 2
		}
		py := "-"
		if v, ok := c.pyat.mean(q); ok {
			py = fmt.Sprintf("%.5g", v)
		}
		if th == 0 || c.limit[q] == 0 {
			fmt.Fprintf(w, "| %s | %.3g | 0 | - | - | - | - | %s | no diffusion in this plane |\n", q, mean, py)
			continue
		}
		dth := mean/th - 1
		fmt.Fprintf(w, "| %s | %.5g | %.5g | %+.2f %% |", q, mean, th, 100*dth)
		pass := math.Abs(dth) <= 3*se
		if v, ok := env[q]; ok && v > 0 {
			fmt.Fprintf(w, " %.5g | %+.2f %% |", v, 100*(mean/v-1))
			pass = pass && math.Abs(mean/v-1) <= 0.05
		} else {
			fmt.Fprintf(w, " - | - |")
		}
		verdict := "no"
		if pass {
			verdict = "yes"
		}
		fmt.Fprintf(w, " %.2f %% | %s | %s |\n", 100*se, py, verdict)
	}
	c.reportPyATSpeed(w)
}

// reportPyATSpeed compares the tracking speed with PyAT's run of the same
// case, when known.
func (c *measured) reportPyATSpeed(w io.Writer) {
	if c.pyat != nil {
		fmt.Fprintf(w, "\nPyAT %s tracked the same ring (%d particles, %d turns) in %.1f s: %.3g particle-turns/s; gotrack: %.3g particle-turns/s (%.2f× PyAT).\n",
			c.pyat.Version, c.pyat.N, c.pyat.Turns, c.pyat.Wall, float64(c.pyat.N)*float64(c.pyat.Turns)/c.pyat.Wall,
			float64(c.n)*float64(c.turns)/c.wall.Seconds(), float64(c.n)*float64(c.turns)/c.wall.Seconds()/(float64(c.pyat.N)*float64(c.pyat.Turns)/c.pyat.Wall))
	}
}

// csv returns the records as CSV: a header line, then per record the turn
// and each quantity tracked and by the linear theory.
func (c *measured) csv() []byte {
	var b strings.Builder
	b.WriteString("turn")
	for _, q := range quantities {
		fmt.Fprintf(&b, ",%s,%s_theory", q, q)
	}
	b.WriteString("\n")
	for r, t := range c.recTurn {
		fmt.Fprintf(&b, "%d", t)
		for _, q := range quantities {
			fmt.Fprintf(&b, ",%.17g,%.17g", c.tracked[r][q], c.theory[r][q])
		}
		b.WriteString("\n")
	}
	return []byte(b.String())
}

// envelopeEquilibrium returns the quantities of the envelope's beam
// matrix at the start of the lattice, when the envelope was computed.
func (c *measured) envelopeEquilibrium() map[string]float64 {
	if c.envelope == nil {
		return nil
	}
	r := c.envelope.Start.R66
	return derive(&r)
}
