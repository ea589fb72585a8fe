package npy

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
)

// Writer writes a float64 .npy array ('<f8', C order) value by value,
// for outputs too large to hold in memory. It writes the header with the
// full shape first, so a complete write gives the same bytes as Write
// of the same data; when fewer values come, Close shrinks the first
// dimension in the header to the whole rows written.
type Writer struct {
	w     io.WriteSeeker
	bw    *bufio.Writer
	shape []int
	// start is where the header begins in w, hlen its length.
	start int64
	hlen  int
	// total is the number of values of the full shape, row that of one
	// row along the first axis (the product of shape[1:]); n is the
	// number of values written so far.
	total, row, n int
	buf           [npyChunk * 8]byte
	// err is the first failure of w; it sticks.
	err    error
	closed bool
}

// NewWriter writes the header of a float64 array of the given shape to
// w, at w's current position, and returns a writer for its values in
// row-major order. An empty shape is a 0-d array of one value.
func NewWriter(w io.WriteSeeker, shape []int) (*Writer, error) {
	total, err := npySize(shape, 8)
	if err != nil {
		return nil, err
	}
	row := 1
	if len(shape) > 0 {
		for _, s := range shape[1:] {
			row *= s
		}
	}
	start, err := w.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, fmt.Errorf("npy: finding the start of the array: %w", err)
	}
	hdr := npyHeader("<f8", shape)
	nw := &Writer{
		w:     w,
		bw:    bufio.NewWriterSize(w, 64<<10),
		shape: append([]int(nil), shape...),
		start: start,
		hlen:  len(hdr),
		total: total,
		row:   row,
	}
	if _, err := nw.bw.Write(hdr); err != nil {
		return nil, fmt.Errorf("npy: writing the header: %w", err)
	}
	return nw, nil
}

// npySize returns the number of values of an array of the given shape,
// checking that its data, of itemSize bytes a value, has a size in bytes
// that an int holds.
func npySize(shape []int, itemSize int) (int, error) {
	n := 1
	for _, s := range shape {
		if s < 0 {
			return 0, fmt.Errorf("npy: negative dimension in shape %v", shape)
		}
		if s != 0 && n > math.MaxInt/itemSize/s {
			return 0, fmt.Errorf("npy: shape %v is too large", shape)
		}
		n *= s
	}
	return n, nil
}

// Write appends vals to the array, in row-major order. Writing more values
// than the shape holds is an error, and so is writing after Close.
func (w *Writer) Write(vals []float64) error {
	if w.closed {
		return errors.New("npy: write after Close")
	}
	if w.err != nil {
		return w.err
	}
	if len(vals) > w.total-w.n {
		return fmt.Errorf("npy: writing %d values after %d: shape %s holds %d", len(vals), w.n, npyShape(w.shape), w.total)
	}
	for len(vals) > 0 {
		m := min(len(vals), npyChunk)
		for i, v := range vals[:m] {
			binary.LittleEndian.PutUint64(w.buf[8*i:], math.Float64bits(v))
		}
		if _, err := w.bw.Write(w.buf[:8*m]); err != nil {
			w.err = fmt.Errorf("npy: writing values: %w", err)
			return w.err
		}
		w.n += m
		vals = vals[m:]
	}
	return nil
}

// Close flushes the values written. When they fill the shape, the array is
// complete. When they fill a whole number of rows along the first axis
// (that is, a multiple of the product of shape[1:]), Close rewrites the
// header in place with the first dimension set to the rows written: the
// header keeps its length, as numpy leaves room for the first dimension to
// grow. A partial row is an error, and so is a 0-d array left without its
// value. Close does not close the underlying writer.
func (w *Writer) Close() error {
	if w.closed {
		return errors.New("npy: writer already closed")
	}
	w.closed = true
	if w.err != nil {
		return w.err
	}
	if err := w.bw.Flush(); err != nil {
		return fmt.Errorf("npy: writing values: %w", err)
	}
	if w.n == w.total {
		return nil
	}
	// n < total, so the shape is not empty and row > 0.
	if len(w.shape) == 0 {
		return errors.New("npy: 0-d array closed without its value")
	}
	if w.n%w.row != 0 {
		return fmt.Errorf("npy: %d values written is not a whole number of rows of %d values (shape %s); the file ends in a partial row",
			w.n, w.row, npyShape(w.shape))
	}
	shape := append([]int(nil), w.shape...)
	shape[0] = w.n / w.row
	hdr := npyHeader("<f8", shape)
	if len(hdr) != w.hlen {
		// Cannot happen: numpy's padding leaves 21 digits for shape[0].
		return fmt.Errorf("npy: the header for shape %s has %d bytes, not the %d written", npyShape(shape), len(hdr), w.hlen)
	}
	end, err := w.w.Seek(0, io.SeekCurrent)
	if err != nil {
		return fmt.Errorf("npy: rewriting the header: %w", err)
	}
	if _, err := w.w.Seek(w.start, io.SeekStart); err != nil {
		return fmt.Errorf("npy: rewriting the header: %w", err)
	}
	if _, err := w.w.Write(hdr); err != nil {
		return fmt.Errorf("npy: rewriting the header: %w", err)
	}
	if _, err := w.w.Seek(end, io.SeekStart); err != nil {
		return fmt.Errorf("npy: rewriting the header: %w", err)
	}
	return nil
}

// FileSize returns the size in bytes of a .npy file holding an array of
// the given shape with values of itemSize bytes, as numpy.save (and
// Write, and a complete Writer) writes it: the header, then the
// data. The header depends on the dtype only through the length of its
// descr, taken to be that of numpy's ('<f8', '|b1', '<c16'). A size beyond
// math.MaxInt64 is returned as math.MaxInt64. It panics on a negative
// dimension or an itemSize below 1, as make does on a negative length.
func FileSize(shape []int, itemSize int) int64 {
	if itemSize < 1 {
		panic(fmt.Sprintf("npy.FileSize: itemSize %d", itemSize))
	}
	data := int64(itemSize)
	for _, s := range shape {
		if s < 0 {
			panic(fmt.Sprintf("npy.FileSize: negative dimension in shape %v", shape))
		}
		if s != 0 && data > math.MaxInt64/int64(s) {
			data = math.MaxInt64
			for _, t := range shape {
				if t == 0 {
					data = 0
				}
			}
			break
		}
		data *= int64(s)
	}
	hdr := int64(len(npyHeader("<f"+strconv.Itoa(itemSize), shape)))
	if data > math.MaxInt64-hdr {
		return math.MaxInt64
	}
	return hdr + data
}
