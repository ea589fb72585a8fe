package collective

import (
	"fmt"

	"github.com/gotrack/gotrack/device"
)

// Collective passmethods: elements that need the whole beam. They run
// between segments (fences): the segment before finishes for every
// particle, the element computes from the whole distribution where the
// beam lives (device.Collective), and tracking resumes.
const (
	WakeFieldPass    = "WakeFieldPass"
	BeamMomentsPass  = "BeamMomentsPass"
	SliceMomentsPass = "SliceMomentsPass"
)

// IsPassMethod reports whether passMethod is one of the collective
// passmethods.
func IsPassMethod(passMethod string) bool {
	switch passMethod {
	case WakeFieldPass, BeamMomentsPass, SliceMomentsPass:
		return true
	}
	return false
}

// bounds sets AT's slicing bounds: ZCuts when given, else the extent of
// the live particles of each bunch, widened by 1e-12 when zero.
func bounds(beam device.Collective, r *Ring, zcuts []float64, nslice int) (*device.Binning, error) {
	b := &device.Binning{NBunch: r.NBunch, First: r.First, NSlice: nslice,
		Lo: make([]float64, r.NBunch), Hi: make([]float64, r.NBunch), H: make([]float64, r.NBunch)}
	if zcuts != nil {
		for k := range b.Lo {
			b.Lo[k], b.Hi[k] = zcuts[0], zcuts[1]
		}
	} else {
		if err := beam.Extent(r.NBunch, r.First, b.Lo, b.Hi, r.Exchange); err != nil {
			return nil, err
		}
		for k := range b.Lo {
			if b.Lo[k] == b.Hi[k] {
				b.Lo[k] -= 1e-12
				b.Hi[k] += 1e-12
			}
		}
	}
	for k := range b.H {
		b.H[k] = (b.Hi[k] - b.Lo[k]) / float64(nslice)
	}
	return b, nil
}

// accumulate runs a whole-beam accumulation and returns, per bin, the
// particle count and the rounded sums of the terms.
func accumulate(beam device.Collective, b *device.Binning, terms []device.Term, ex device.Exchange) (counts []float64, sums [][]float64, err error) {
	stride := device.AccStride(len(terms))
	nb := b.Bins()
	buf := make([]int64, nb*stride)
	if err := beam.Accumulate(b, terms, buf, ex); err != nil {
		return nil, nil, err
	}
	counts = make([]float64, nb)
	sums = make([][]float64, nb)
	for i := 0; i < nb; i++ {
		row := buf[i*stride : (i+1)*stride]
		counts[i] = float64(row[0])
		sums[i] = make([]float64, len(terms))
		for j := range terms {
			sums[i][j] = device.AccFloat64(row[1+j*device.AccWords : 1+(j+1)*device.AccWords])
		}
	}
	return counts, sums, nil
}

// maxBins bounds nbunch*nslice, the slices of one pass of a wake or slice
// moments element: far above any real ring, it turns a mistyped nslice
// into an error rather than an allocation the machine cannot make.
const maxBins = 1 << 24

// checkBins refuses more than maxBins slices per pass; attr names the
// slice count.
func checkBins(r *Ring, nslice int, attr string) error {
	if bins := float64(r.NBunch) * float64(nslice); bins > maxBins {
		return &AttrError{Attr: attr, Err: fmt.Errorf("nbunch*%s = %d*%d = %.4g slices per pass, more than the %d gotrack holds", attr, r.NBunch, nslice, bins, maxBins)}
	}
	return nil
}
