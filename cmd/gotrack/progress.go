package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
)

// progressBar draws the progress of a tracking run on one terminal line:
// percent done, a bar, particle-turns per second and the time left. It is
// redrawn at most once per interval.
type progressBar struct {
	mu       sync.Mutex
	w        io.Writer
	width    int // terminal columns
	start    time.Time
	last     time.Time
	interval time.Duration
	now      func() time.Time
	drawn    bool
}

// newProgressBar returns a bar drawing on w when w is a terminal, or nil.
func newProgressBar(w io.Writer) *progressBar {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	width := 80
	if c, _, err := term.GetSize(int(f.Fd())); err == nil && c > 20 {
		width = c
	}
	return newProgressBarTo(w, width, time.Now)
}

func newProgressBarTo(w io.Writer, width int, now func() time.Time) *progressBar {
	t := now()
	return &progressBar{w: w, width: width, start: t, interval: 100 * time.Millisecond, now: now}
}

// update is a tracking.Options.Progress function.
func (p *progressBar) update(done, total int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	t := p.now()
	if p.drawn && t.Sub(p.last) < p.interval && done < total {
		return
	}
	p.last = t
	p.drawn = true
	fmt.Fprintf(p.w, "\r%s", p.line(done, total, t.Sub(p.start)))
}

// line formats the progress line, fitted to the terminal width.
func (p *progressBar) line(done, total int64, elapsed time.Duration) string {
	frac := 1.0
	if total > 0 {
		frac = min(float64(done)/float64(total), 1)
	}
	rate, eta := "", "ETA -:--"
	if s := elapsed.Seconds(); s > 0 && done > 0 {
		r := float64(done) / s
		rate = " " + humanRate(r) + " particle-turns/s"
		eta = "ETA " + clock(time.Duration(float64(total-done)/r*float64(time.Second)))
	}
	if done >= total {
		eta = "done " + clock(elapsed)
	}
	tail := fmt.Sprintf("%s  %s", rate, eta)
	head := fmt.Sprintf("%5.1f%% ", 100*frac)
	// A bar of fixed width, leaving room for the longest tail.
	n := min(p.width-1-len(head)-2-len(" 999M particle-turns/s  ETA 999:59:59"), 30)
	line := strings.TrimRight(head+tail, " ")
	if n >= 5 {
		full := int(frac * float64(n))
		line = head + "[" + strings.Repeat("#", full) + strings.Repeat(".", n-full) + "]" + tail
	}
	// Pad to overwrite a longer previous line.
	if w := p.width - 1; len(line) < w {
		line += strings.Repeat(" ", w-len(line))
	} else if len(line) > w {
		line = line[:w]
	}
	return line
}

// finish clears the line, when something was drawn.
func (p *progressBar) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.width-1))
		p.drawn = false
	}
}

// humanRate writes r with an SI prefix: 950, 12.3k, 4.56M, 1.2G.
func humanRate(r float64) string {
	switch {
	case r >= 1e9:
		return fmt.Sprintf("%.3gG", r/1e9)
	case r >= 1e6:
		return fmt.Sprintf("%.3gM", r/1e6)
	case r >= 1e3:
		return fmt.Sprintf("%.3gk", r/1e3)
	}
	return fmt.Sprintf("%.3g", r)
}

// clock formats d as m:ss, or h:mm:ss from an hour.
func clock(d time.Duration) string {
	s := int64(d.Round(time.Second) / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
