package npy

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
)

// numpy's .npy format (numpy.lib.format): the magic "\x93NUMPY", a major
// and minor version byte, the header length (uint16 in version 1.0, uint32
// in 2.0 and 3.0), then a Python dict literal giving descr, fortran_order
// and shape, padded with spaces and ended by '\n' so that the data starts
// at a multiple of 64 bytes.
const (
	npyMagic      = "\x93NUMPY"
	npyAlign      = 64
	npyGrowthDigs = 21 // numpy's GROWTH_AXIS_MAX_DIGITS
	// npyMaxHeader bounds the header a reader accepts.
	npyMaxHeader = 1 << 20
	// npyChunk is the number of values encoded or decoded at a time.
	npyChunk = 8192
)

// Write writes data as a numpy .npy array of the given shape, in the
// format numpy.save uses (version 1.0, or 2.0 when the header does not fit
// in 64 KiB; C order; little-endian). data is a []float64 ('<f8'), an
// []int64 ('<i8') or a []bool ('|b1') holding the product of shape values
// in row-major order. An empty shape writes a 0-d array of one value.
func Write(w io.Writer, shape []int, data any) error {
	var descr string
	var n int
	switch d := data.(type) {
	case []float64:
		descr, n = "<f8", len(d)
	case []int64:
		descr, n = "<i8", len(d)
	case []bool:
		descr, n = "|b1", len(d)
	default:
		return fmt.Errorf("npy: unsupported data type %T (want []float64, []int64 or []bool)", data)
	}
	size := 1
	for _, s := range shape {
		if s < 0 {
			return fmt.Errorf("npy: negative dimension in shape %v", shape)
		}
		if s != 0 && size > math.MaxInt/s {
			return fmt.Errorf("npy: shape %v is too large", shape)
		}
		size *= s
	}
	if size != n {
		return fmt.Errorf("npy: shape %v holds %d values, data has %d", shape, size, n)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.Write(npyHeader(descr, shape)); err != nil {
		return fmt.Errorf("npy: %w", err)
	}
	var buf [npyChunk * 8]byte
	switch d := data.(type) {
	case []float64:
		for len(d) > 0 {
			m := min(len(d), npyChunk)
			for i, v := range d[:m] {
				binary.LittleEndian.PutUint64(buf[8*i:], math.Float64bits(v))
			}
			if _, err := bw.Write(buf[:8*m]); err != nil {
				return fmt.Errorf("npy: %w", err)
			}
			d = d[m:]
		}
	case []int64:
		for len(d) > 0 {
			m := min(len(d), npyChunk)
			for i, v := range d[:m] {
				binary.LittleEndian.PutUint64(buf[8*i:], uint64(v))
			}
			if _, err := bw.Write(buf[:8*m]); err != nil {
				return fmt.Errorf("npy: %w", err)
			}
			d = d[m:]
		}
	case []bool:
		for len(d) > 0 {
			m := min(len(d), len(buf))
			for i, v := range d[:m] {
				buf[i] = 0
				if v {
					buf[i] = 1
				}
			}
			if _, err := bw.Write(buf[:m]); err != nil {
				return fmt.Errorf("npy: %w", err)
			}
			d = d[m:]
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("npy: %w", err)
	}
	return nil
}

// npyShape formats shape as Python's repr of a tuple: "()", "(5,)",
// "(2, 3)".
func npyShape(shape []int) string {
	var b strings.Builder
	b.WriteByte('(')
	for i, s := range shape {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(s))
	}
	if len(shape) == 1 {
		b.WriteByte(',')
	}
	b.WriteByte(')')
	return b.String()
}

// npyHeader returns the magic, version, header length and padded header
// dict, byte for byte as numpy (1.23 and later) writes them.
func npyHeader(descr string, shape []int) []byte {
	dict := fmt.Sprintf("{'descr': '%s', 'fortran_order': False, 'shape': %s, }", descr, npyShape(shape))
	// numpy leaves room for the first dimension to grow in place.
	if len(shape) > 0 {
		dict += strings.Repeat(" ", max(npyGrowthDigs-len(strconv.Itoa(shape[0])), 0))
	}
	wrap := func(major byte, lenBytes int) []byte {
		pre := len(npyMagic) + 2 + lenBytes
		pad := npyAlign - (pre+len(dict)+1)%npyAlign
		hlen := len(dict) + pad + 1
		out := make([]byte, 0, pre+hlen)
		out = append(out, npyMagic...)
		out = append(out, major, 0)
		if lenBytes == 2 {
			out = binary.LittleEndian.AppendUint16(out, uint16(hlen))
		} else {
			out = binary.LittleEndian.AppendUint32(out, uint32(hlen))
		}
		out = append(out, dict...)
		out = append(out, bytes.Repeat([]byte{' '}, pad)...)
		return append(out, '\n')
	}
	h := wrap(1, 2)
	if len(h)-10 > math.MaxUint16 {
		h = wrap(2, 4)
	}
	return h
}

// Save writes data to the file path as a .npy array (see Write).
func Save(path string, shape []int, data any) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("save npy: %w", err)
	}
	if err := Write(f, shape, data); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("save npy: %w", err)
	}
	return nil
}

// ReadFloat64 reads a numpy .npy array of real floating-point values,
// as numpy.save writes it (format versions 1.0, 2.0 and 3.0): dtype
// float64 or float32 ('<f8', '>f8', '<f4', '>f4'; '=' for the native byte
// order is accepted too), in C or Fortran order. It returns the shape and
// the values as float64 in C (row-major) order of that shape, whatever the
// order of the file; float32 values convert to float64 exactly. Other
// dtypes (integers, complex, structured) and truncated data give an error.
func ReadFloat64(r io.Reader) (shape []int, data []float64, err error) {
	var pre [8]byte
	if _, err := io.ReadFull(r, pre[:]); err != nil {
		return nil, nil, fmt.Errorf("npy: not a .npy file: %w", noEOF(err))
	}
	if string(pre[:6]) != npyMagic {
		return nil, nil, errors.New(`npy: not a .npy file (bad magic, want "\x93NUMPY")`)
	}
	var hlen int
	switch pre[6] {
	case 1:
		var l [2]byte
		if _, err := io.ReadFull(r, l[:]); err != nil {
			return nil, nil, fmt.Errorf("npy: reading header length: %w", noEOF(err))
		}
		hlen = int(binary.LittleEndian.Uint16(l[:]))
	case 2, 3:
		var l [4]byte
		if _, err := io.ReadFull(r, l[:]); err != nil {
			return nil, nil, fmt.Errorf("npy: reading header length: %w", noEOF(err))
		}
		h := binary.LittleEndian.Uint32(l[:])
		if h > npyMaxHeader {
			return nil, nil, fmt.Errorf("npy: header of %d bytes is too long", h)
		}
		hlen = int(h)
	default:
		return nil, nil, fmt.Errorf("npy: unsupported format version %d.%d", pre[6], pre[7])
	}
	hdr := make([]byte, hlen)
	if _, err := io.ReadFull(r, hdr); err != nil {
		return nil, nil, fmt.Errorf("npy: reading header: %w", noEOF(err))
	}
	descr, fortran, shape, err := parseNPYHeader(string(hdr))
	if err != nil {
		return nil, nil, fmt.Errorf("npy: header %q: %w", strings.TrimSpace(string(hdr)), err)
	}
	order, size, ok := npyFloatDescr(descr)
	if !ok {
		return nil, nil, fmt.Errorf("npy: dtype %q is not supported (want float64 or float32: '<f8', '>f8', '<f4' or '>f4')", descr)
	}
	n := 1
	for _, s := range shape {
		if s != 0 && n > math.MaxInt/8/s {
			return nil, nil, fmt.Errorf("npy: shape %s is too large", npyShape(shape))
		}
		n *= s
	}
	// Read in chunks so that a header claiming a huge array on a short
	// stream fails without allocating it all.
	data = make([]float64, 0, min(n, 1<<20))
	var buf [npyChunk * 8]byte
	for len(data) < n {
		m := min(n-len(data), npyChunk)
		if k, err := io.ReadFull(r, buf[:size*m]); err != nil {
			return nil, nil, fmt.Errorf("npy: data truncated: shape %s needs %d values, found %d", npyShape(shape), n, len(data)+k/size)
		}
		if size == 8 {
			for i := 0; i < m; i++ {
				data = append(data, math.Float64frombits(order.Uint64(buf[8*i:])))
			}
		} else {
			for i := 0; i < m; i++ {
				data = append(data, float64(math.Float32frombits(order.Uint32(buf[4*i:]))))
			}
		}
	}
	if fortran {
		data = fortranToC(shape, data)
	}
	return shape, data, nil
}

// npyFloatDescr reads a .npy descr naming a real floating-point dtype that
// ReadFloat64 converts: its byte order and its size in bytes (4 or 8).
// ok is false for any other dtype.
func npyFloatDescr(descr string) (order binary.ByteOrder, size int, ok bool) {
	if len(descr) != 3 || descr[1] != 'f' {
		return nil, 0, false
	}
	switch descr[0] {
	case '<':
		order = binary.LittleEndian
	case '>':
		order = binary.BigEndian
	case '=':
		order = binary.NativeEndian
	default:
		return nil, 0, false
	}
	switch descr[2] {
	case '4':
		return order, 4, true
	case '8':
		return order, 8, true
	}
	return nil, 0, false
}

// fortranToC returns the values of an array of the given shape stored in
// Fortran (column-major) order, src, in C (row-major) order. Arrays with
// at most one axis longer than 1 are laid out the same in both orders and
// are returned as they are.
func fortranToC(shape []int, src []float64) []float64 {
	long := 0
	for _, s := range shape {
		if s > 1 {
			long++
		}
	}
	if long < 2 {
		return src
	}
	// stride[a] is the distance in src between neighbours along axis a.
	k := len(shape)
	stride := make([]int, k)
	st := 1
	for a := 0; a < k; a++ {
		stride[a] = st
		st *= shape[a]
	}
	dst := make([]float64, len(src))
	idx := make([]int, k)
	last, lastLen, lastStride := k-1, shape[k-1], stride[k-1]
	off := 0
	for j := 0; j < len(dst); j += lastLen {
		// One row along the last axis, then carry into the axes before it.
		for i, o := 0, off; i < lastLen; i, o = i+1, o+lastStride {
			dst[j+i] = src[o]
		}
		for a := last - 1; a >= 0; a-- {
			idx[a]++
			off += stride[a]
			if idx[a] < shape[a] {
				break
			}
			off -= stride[a] * shape[a]
			idx[a] = 0
		}
	}
	return dst
}

func noEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// LoadFloat64 reads the .npy file at path (see ReadFloat64); errors
// name the file.
func LoadFloat64(path string) (shape []int, data []float64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	shape, data, err = ReadFloat64(bufio.NewReaderSize(f, 1<<16))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return shape, data, nil
}

// parseNPYHeader parses the Python dict literal of a .npy header: the keys
// 'descr' (a string), 'fortran_order' (True or False) and 'shape' (a tuple
// of non-negative integers), in any order.
func parseNPYHeader(h string) (descr string, fortran bool, shape []int, err error) {
	p := &pyLit{s: strings.TrimRight(h, " \n\x00")}
	if !p.eat('{') {
		return "", false, nil, errors.New("not a dict")
	}
	var seenD, seenF, seenS bool
	for {
		p.space()
		if p.eat('}') {
			break
		}
		key, err := p.str()
		if err != nil {
			return "", false, nil, err
		}
		p.space()
		if !p.eat(':') {
			return "", false, nil, fmt.Errorf("missing ':' after key %q", key)
		}
		p.space()
		switch key {
		case "descr":
			if p.peek() != '\'' && p.peek() != '"' {
				return "", false, nil, errors.New("descr is not a simple dtype string (structured arrays are not supported)")
			}
			descr, err = p.str()
			seenD = true
		case "fortran_order":
			fortran, err = p.boolean()
			seenF = true
		case "shape":
			shape, err = p.tuple()
			seenS = true
		default:
			return "", false, nil, fmt.Errorf("unexpected key %q", key)
		}
		if err != nil {
			return "", false, nil, err
		}
		p.space()
		if !p.eat(',') {
			p.space()
			if !p.eat('}') {
				return "", false, nil, errors.New("expected ',' or '}'")
			}
			break
		}
	}
	p.space()
	if p.i != len(p.s) {
		return "", false, nil, errors.New("trailing characters after the dict")
	}
	if !seenD || !seenF || !seenS {
		return "", false, nil, errors.New("missing one of 'descr', 'fortran_order', 'shape'")
	}
	return descr, fortran, shape, nil
}
