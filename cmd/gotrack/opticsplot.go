package main

import (
	"fmt"
	"image/color"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/gotrack/gotrack/tracking"
)

// Colours of the magnet strip, as optics plots usually draw them.
var (
	dipoleColour     = color.RGBA{R: 70, G: 110, B: 200, A: 255}
	quadColour       = color.RGBA{R: 210, G: 60, B: 50, A: 255}
	sextupoleColour  = color.RGBA{R: 60, G: 160, B: 80, A: 255}
	betaXColour      = color.RGBA{R: 30, G: 80, B: 180, A: 255}
	betaYColour      = color.RGBA{R: 200, G: 50, B: 40, A: 255}
	dispersionColour = color.RGBA{R: 40, G: 140, B: 60, A: 255}
)

// plotOptics draws beta x, beta y and the horizontal dispersion along s,
// above a strip of the lattice's magnets, into path (PNG, SVG or PDF by
// its extension), written whole or not at all.
func plotOptics(path string, lat *tracking.Lattice, r *opticsResult) error {
	l := r.Linopt6
	beta := plot.New()
	beta.Title.Text = fmt.Sprintf("%s: %d elements, tunes %s", r.latticeName, r.nelem, floats("%.4f", r.Tune.Value.([]float64)))
	beta.Y.Label.Text = "beta [m]"
	disp := plot.New()
	disp.X.Label.Text = "s [m]"
	disp.Y.Label.Text = "dispersion x [m]"
	bx, by, dx := make(plotter.XYs, len(l.SPos)), make(plotter.XYs, len(l.SPos)), make(plotter.XYs, len(l.SPos))
	for i, s := range l.SPos {
		bx[i] = plotter.XY{X: s, Y: l.Beta[i][0]}
		by[i] = plotter.XY{X: s, Y: l.Beta[i][1]}
		dx[i] = plotter.XY{X: s, Y: l.Dispersion[i][0]}
	}
	for _, c := range []struct {
		xy     plotter.XYs
		p      *plot.Plot
		colour color.Color
		name   string
	}{{bx, beta, betaXColour, "beta x"}, {by, beta, betaYColour, "beta y"}, {dx, disp, dispersionColour, "eta x"}} {
		line, err := plotter.NewLine(c.xy)
		if err != nil {
			return fmt.Errorf("plot %s: %w", path, err)
		}
		line.Color = c.colour
		line.Width = vg.Points(1.2)
		c.p.Add(line)
		c.p.Legend.Add(c.name, line)
	}
	beta.Legend.Top = true
	beta.Add(plotter.NewGrid())
	disp.Add(plotter.NewGrid())
	// the magnets in a band under the beta curves, in the beta panel's
	// own coordinates so that s lines up
	bmax := math.Max(maxCol(l.Beta, 0), maxCol(l.Beta, 1))
	beta.Add(&magnetStrip{lat: lat, y0: -0.16 * bmax, y1: -0.02 * bmax})
	beta.Y.Min, beta.Y.Max = -0.17*bmax, 1.05*bmax
	disp.Legend.Top = true
	for _, p := range []*plot.Plot{beta, disp} {
		p.X.Min, p.X.Max = 0, r.length
		p.X.Tick.Marker = sTicks{}
	}

	const width, height = 10 * vg.Inch, 6 * vg.Inch
	var c vg.CanvasWriterTo
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".png":
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(150))}
	case ".svg":
		c = vgsvg.New(width, height)
	case ".pdf":
		c = vgpdf.New(width, height)
	default:
		return fmt.Errorf("plot %s: unknown extension %q (want .png, .svg or .pdf)", path, ext)
	}
	plots := [][]*plot.Plot{{beta}, {disp}}
	tiles := draw.Tiles{Rows: 2, Cols: 1, PadTop: vg.Points(4), PadBottom: vg.Points(4), PadX: vg.Points(4), PadY: vg.Points(6), PadLeft: vg.Points(4), PadRight: vg.Points(8)}
	canvases := plot.Align(plots, tiles, draw.New(c))
	beta.Draw(canvases[0][0])
	disp.Draw(canvases[1][0])
	var buf strings.Builder
	if _, err := c.WriteTo(&buf); err != nil {
		return fmt.Errorf("plot %s: %w", path, err)
	}
	return writeFileAtomic(path, []byte(buf.String()))
}

// magnetStrip draws the lattice's magnets along s: dipoles as full-height
// blue boxes, quadrupoles red above the axis (focusing) or below
// (defocusing), sextupoles smaller green boxes.
type magnetStrip struct {
	lat    *tracking.Lattice
	y0, y1 float64 // the band of the plot's y range the strip fills
}

// Plot implements plot.Plotter.
func (m *magnetStrip) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY0 := p.Transforms(&c)
	mid, half := (m.y0+m.y1)/2, (m.y1-m.y0)/2
	trY := func(y float64) vg.Length { return trY0(mid + y*half) }
	c.StrokeLine2(draw.LineStyle{Color: color.Gray{Y: 120}, Width: vg.Points(0.5)}, trX(0), trY(0), trX(m.lat.Length()), trY(0))
	s := 0.0
	for _, e := range m.lat.Elements {
		length := e.Length()
		if length > 0 {
			y0, y1, col, ok := magnetBox(e)
			if ok {
				box := []vg.Point{{X: trX(s), Y: trY(y0)}, {X: trX(s + length), Y: trY(y0)}, {X: trX(s + length), Y: trY(y1)}, {X: trX(s), Y: trY(y1)}}
				c.FillPolygon(col, c.ClipPolygonXY(box))
			}
		}
		s += length
	}
}

// magnetBox returns the vertical extent and colour of e's box in the
// strip, and whether e is drawn.
func magnetBox(e *tracking.Element) (y0, y1 float64, col color.Color, ok bool) {
	if a, found, _ := e.Float("BendingAngle"); found && a != 0 {
		return -0.8, 0.8, dipoleColour, true
	}
	pb, _ := e.Get("PolynomB")
	b, _ := pb.([]float64)
	switch {
	case len(b) > 1 && b[1] > 0:
		return 0, 0.9, quadColour, true
	case len(b) > 1 && b[1] < 0:
		return -0.9, 0, quadColour, true
	case len(b) > 2 && b[2] != 0:
		return -0.5, 0.5, sextupoleColour, true
	}
	return 0, 0, nil, false
}

// DataRange implements plot.DataRanger.
func (m *magnetStrip) DataRange() (xmin, xmax, ymin, ymax float64) {
	return 0, m.lat.Length(), m.y0, m.y1
}

// sTicks marks s at a round step giving about ten major ticks.
type sTicks struct{}

// Ticks implements plot.Ticker.
func (sTicks) Ticks(min, max float64) []plot.Tick {
	span := max - min
	if !(span > 0) {
		return nil
	}
	step := math.Pow(10, math.Floor(math.Log10(span/10)))
	for _, k := range []float64{1, 2, 5, 10} {
		if span/(k*step) <= 12 {
			step *= k
			break
		}
	}
	var ticks []plot.Tick
	for x := math.Ceil(min/step) * step; x <= max+1e-9*span; x += step {
		ticks = append(ticks, plot.Tick{Value: x, Label: strconv.FormatFloat(x, 'g', 6, 64)})
	}
	return ticks
}
