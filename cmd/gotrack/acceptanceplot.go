package main

import (
	"fmt"
	"image/color"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/gotrack/gotrack/tracking/acceptance"
)

// plotAcceptance draws the tracked points of a scan in its planes (a 1-D
// scan along its plane): survivors green, lost points coloured from red
// (lost in the first turn) to yellow (lost in the last), and the boundary
// as a black line (2-D) or two black markers (1-D); written whole or not
// at all.
func plotAcceptance(path, source string, planes []string, turns int, res *acceptance.Result) error {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("%s: %s acceptance, %d turns", filepath.Base(source), strings.Join(planes, "-"), turns)
	p.X.Label.Text = planes[0]
	if len(planes) > 1 {
		p.Y.Label.Text = planes[1]
	}
	at := func(i int) plotter.XY {
		xy := plotter.XY{X: res.Tracked[0][i]}
		if len(planes) > 1 && len(res.Tracked) > 1 {
			xy.Y = res.Tracked[1][i]
		}
		return xy
	}
	var alive plotter.XYs
	lost := map[int]plotter.XYs{} // by tenth of the run
	for i, s := range res.SurvivedFlag {
		if s {
			alive = append(alive, at(i))
			continue
		}
		k := min(int(10*res.LostTurn[i])/max(turns, 1), 9)
		lost[k] = append(lost[k], at(i))
	}
	dot := func(xy plotter.XYs, c color.Color, name string) error {
		if len(xy) == 0 {
			return nil
		}
		s, err := plotter.NewScatter(xy)
		if err != nil {
			return err
		}
		s.GlyphStyle = draw.GlyphStyle{Color: c, Radius: vg.Points(2.2), Shape: draw.CircleGlyph{}}
		p.Add(s)
		if name != "" {
			p.Legend.Add(name, s)
		}
		return nil
	}
	if err := dot(alive, color.RGBA{G: 150, B: 60, A: 255}, "survived"); err != nil {
		return fmt.Errorf("plot %s: %w", path, err)
	}
	for k := 0; k < 10; k++ {
		name := ""
		if k == 0 {
			name = "lost (red: early, yellow: late)"
		}
		c := color.RGBA{R: 220, G: uint8(20 + 22*k), B: 20, A: 255}
		if err := dot(lost[k], c, name); err != nil {
			return fmt.Errorf("plot %s: %w", path, err)
		}
	}
	var edge plotter.XYs
	if len(planes) == 1 {
		for _, v := range res.Boundary[0] {
			edge = append(edge, plotter.XY{X: v})
		}
		if err := dot(edge, color.Black, "boundary"); err != nil {
			return fmt.Errorf("plot %s: %w", path, err)
		}
	} else if len(res.Boundary) == 2 && len(res.Boundary[0]) > 0 {
		for i := range res.Boundary[0] {
			edge = append(edge, plotter.XY{X: res.Boundary[0][i], Y: res.Boundary[1][i]})
		}
		l, err := plotter.NewLine(edge)
		if err != nil {
			return fmt.Errorf("plot %s: %w", path, err)
		}
		l.Color, l.Width = color.Black, vg.Points(1.2)
		p.Add(l)
		p.Legend.Add("boundary", l)
	}
	p.Add(plotter.NewGrid())
	p.Legend.Top = true

	const width, height = 8 * vg.Inch, 5 * vg.Inch
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
	p.Draw(draw.New(c))
	var buf strings.Builder
	if _, err := c.WriteTo(&buf); err != nil {
		return fmt.Errorf("plot %s: %w", path, err)
	}
	return writeFileAtomic(path, []byte(buf.String()))
}
