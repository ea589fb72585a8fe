package main

import (
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// plot draws eps_x, eps_l and sigma_delta against the turn, each divided
// by the envelope equilibrium: the tracked values (solid) and the linear
// theory (dashed), into path (.png or .svg), written whole or not at all.
func (c *measured) plot(path string) error {
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".png" && ext != ".svg" {
		return fmt.Errorf("plot %s: the extension must be .png or .svg", path)
	}
	eq := c.envelopeEquilibrium()
	if eq == nil {
		eq = c.limit
	}
	p := plot.New()
	p.Title.Text = fmt.Sprintf("Quantum excitation from zero emittance: %d particles, %d turns", c.n, c.turns)
	p.X.Label.Text = "turn (of the lattice as tracked)"
	p.Y.Label.Text = "tracked / envelope equilibrium"
	p.Legend.Top = false
	p.Legend.Left = false
	p.Y.Min, p.Y.Max = 0, 1.15
	colours := map[string]color.Color{
		"eps_x":       color.RGBA{R: 30, G: 80, B: 180, A: 255},
		"eps_l":       color.RGBA{R: 200, G: 50, B: 40, A: 255},
		"sigma_delta": color.RGBA{R: 40, G: 140, B: 60, A: 255},
	}
	// At most ~1000 points per line keeps the file small.
	step := max(len(c.tracked)/1000, 1)
	for _, q := range []string{"eps_x", "eps_l", "sigma_delta"} {
		var tr, th plotter.XYs
		for r := step - 1; r < len(c.tracked); r += step {
			t := float64(c.recTurn[r])
			tr = append(tr, plotter.XY{X: t, Y: c.tracked[r][q] / eq[q]})
			th = append(th, plotter.XY{X: t, Y: c.theory[r][q] / eq[q]})
		}
		lt, err := plotter.NewLine(tr)
		if err != nil {
			return fmt.Errorf("plot %s: %w", path, err)
		}
		lt.Color, lt.Width = colours[q], vg.Points(1)
		lh, err := plotter.NewLine(th)
		if err != nil {
			return fmt.Errorf("plot %s: %w", path, err)
		}
		lh.Color, lh.Width, lh.Dashes = color.Black, vg.Points(0.8), []vg.Length{vg.Points(4), vg.Points(3)}
		p.Add(lt, lh)
		p.Legend.Add(fmt.Sprintf("%s tracked (equilibrium %.3g)", q, eq[q]), lt)
	}
	if len(c.theory) > 0 {
		p.Legend.Add("linear theory S(n) = M S(n-1) Mᵀ + D", &plotter.Line{LineStyle: draw.LineStyle{Color: color.Black, Width: vg.Points(0.8), Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}})
	}
	p.Add(plotter.NewGrid())
	tmp := path + ".tmp" + ext
	if err := p.Save(22*vg.Centimeter, 13*vg.Centimeter, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("plot %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("plot %s: %w", path, err)
	}
	return nil
}
