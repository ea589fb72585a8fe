//go:build cuda

package cuda

import (
	"errors"
	"fmt"
	"unsafe"

	"gorgonia.org/cu"

	"github.com/gotrack/gotrack/device"
)

// beamDesc is kernels/beam.cuh's gt_beam: the device arrays of the particles on
// the GPU and their number, which is also the stride of the SoA arrays.
type beamDesc struct {
	coords     cu.DevicePtr
	n          int64
	lost       cu.DevicePtr
	lostTurn   cu.DevicePtr
	lostElem   cu.DevicePtr
	lostCoords cu.DevicePtr
	// index is the beam index of the particle in each slot, 0 (NULL)
	// when slot j holds particle j (the random numbers' particle key).
	index cu.DevicePtr
}

// Beam is a beam on the GPU. The GPU holds up to cap particles in the
// kernels' layout (coordinate k of slot j at k*m+j, m the slots in use).
// When all particles fit, they live on the GPU between runs. Otherwise,
// and for particles removed from the GPU by compaction, the host copy is
// the reference, and Run moves batches through the GPU.
type Beam struct {
	b   *Backend
	n   int
	cap int

	desc  beamDesc // desc.n is m
	pdesc cu.DevicePtr

	// host holds the particles not on the GPU (nil while all are).
	host *device.Particles
	// onDev says whether the GPU holds a set of particles newer than
	// host: slot j holds particle slots[j], or base+j when slots is nil.
	onDev bool
	base  int
	slots []int
	m     int

	// indexBuf holds the beam index of each slot when the slots are not
	// particles 0..m-1 (the descriptor's index then points to it).
	indexBuf cu.DevicePtr

	// coll holds the device buffers of the whole-beam operations
	// (collective.go).
	coll collBufs
}

// NewBeam allocates a beam of n particles, all at the origin. The GPU
// part holds as many as fit in free memory (leaving room for the
// monitor of the runs): all of them normally, a batch of them otherwise.
func (b *Backend) NewBeam(n int) (device.Beam, error) {
	if n < 0 {
		return nil, fmt.Errorf("cuda: negative beam size %d", n)
	}
	bm := &Beam{b: b, n: n}
	err := b.w.do(func() error {
		free, err := b.freeMemory()
		if err != nil {
			return err
		}
		// Leave a quarter of the free memory for monitors and the plan.
		fit := int((free - free/4) / particleBytes)
		bm.cap = max(min(n, fit), 1)
		if testBatchLimit > 0 {
			bm.cap = min(bm.cap, testBatchLimit)
		}
		if err := bm.allocate(); err != nil {
			return err
		}
		if n <= bm.cap {
			bm.onDev, bm.m = true, n
			return bm.zero()
		}
		bm.host = device.NewParticles(n)
		return nil
	})
	if err != nil {
		bm.Close()
		return nil, fmt.Errorf("cuda: new beam of %d particles (%d on the GPU at a time, %d bytes each): %w", n, bm.cap, particleBytes, err)
	}
	return bm, nil
}

// allocate allocates the device arrays for cap particles; on the worker.
func (bm *Beam) allocate() error {
	c := int64(bm.cap)
	var err error
	d := &bm.desc
	if d.coords, err = alloc("coordinates", 6*8*c); err != nil {
		return err
	}
	if d.lost, err = alloc("lost flags", c); err != nil {
		return err
	}
	if d.lostTurn, err = alloc("turns of loss", 8*c); err != nil {
		return err
	}
	if d.lostElem, err = alloc("elements of loss", 8*c); err != nil {
		return err
	}
	if d.lostCoords, err = alloc("coordinates at loss", 6*8*c); err != nil {
		return err
	}
	if bm.indexBuf, err = alloc("particle indices", 8*c); err != nil {
		return err
	}
	bm.pdesc, err = alloc("beam descriptor", descSize)
	return err
}

// zero clears the m particles on the GPU; on the worker.
func (bm *Beam) zero() error {
	m := int64(bm.m)
	d := &bm.desc
	for _, a := range []struct {
		p cu.DevicePtr
		n int64
	}{{d.coords, 48 * m}, {d.lost, m}, {d.lostTurn, 8 * m}, {d.lostElem, 8 * m}, {d.lostCoords, 48 * m}} {
		if a.n == 0 {
			continue
		}
		if err := cu.MemsetD8(a.p, 0, a.n); err != nil {
			return fmt.Errorf("cuda: clear beam (%d bytes): %w", a.n, err)
		}
	}
	return bm.writeDesc()
}

// writeDesc uploads the descriptor with the current m; on the worker.
// The slot indices (put uploads them) are used unless slot j holds
// particle j.
func (bm *Beam) writeDesc() error {
	bm.desc.n = int64(bm.m)
	bm.desc.index = 0
	if bm.slots != nil || bm.base != 0 {
		bm.desc.index = bm.indexBuf
	}
	d := bm.desc
	return htod("beam descriptor", bm.pdesc, unsafe.Pointer(&d), descSize)
}

// Len returns the number of particles.
func (bm *Beam) Len() int { return bm.n }

// full reports whether the GPU holds every particle in order.
func (bm *Beam) full() bool {
	return bm.onDev && bm.slots == nil && bm.base == 0 && bm.m == bm.n
}

// Resident reports whether every particle is on the GPU in its order, as
// RunElement needs: false only for a beam larger than the GPU holds (Run
// puts a beam that fits back on the GPU after batching or compaction).
func (bm *Beam) Resident() bool { return bm.full() }

// Capacity returns how many particles the GPU part holds at a time.
func (bm *Beam) Capacity() int { return bm.cap }

// Upload replaces the beam by src.
func (bm *Beam) Upload(src *device.Particles) error {
	if src.Len() != bm.n {
		return fmt.Errorf("cuda: upload %d particles into a beam of %d", src.Len(), bm.n)
	}
	if bm.n > bm.cap {
		bm.host.CopyFrom(src)
		bm.onDev = false
		return nil
	}
	bm.host = nil
	return bm.b.w.do(func() error {
		bm.onDev, bm.base, bm.slots, bm.m = true, 0, nil, bm.n
		if err := bm.put(src, 0, nil, bm.n); err != nil {
			return fmt.Errorf("cuda: upload beam of %d particles: %w", bm.n, err)
		}
		return nil
	})
}

// Download copies the beam into dst.
func (bm *Beam) Download(dst *device.Particles) error {
	if dst.Len() != bm.n {
		return fmt.Errorf("cuda: download a beam of %d particles into %d", bm.n, dst.Len())
	}
	return bm.b.w.do(func() error {
		if bm.full() {
			if err := bm.get(dst, 0, nil, bm.n, nil); err != nil {
				return fmt.Errorf("cuda: download beam of %d particles: %w", bm.n, err)
			}
			return nil
		}
		if err := bm.flush(); err != nil {
			return fmt.Errorf("cuda: download beam of %d particles: %w", bm.n, err)
		}
		dst.CopyFrom(bm.host)
		return nil
	})
}

// flush makes host the reference for every particle, copying the set on
// the GPU back into it; on the worker.
func (bm *Beam) flush() error {
	if !bm.onDev {
		return nil
	}
	if bm.host == nil {
		bm.host = device.NewParticles(bm.n)
	}
	if err := bm.get(bm.host, bm.base, bm.slots, bm.m, nil); err != nil {
		return err
	}
	bm.onDev = false
	return nil
}

// load puts particles of host on the GPU: [base, base+m) when slots is
// nil, else slots; on the worker.
func (bm *Beam) load(base int, slots []int, m int) error {
	bm.onDev, bm.base, bm.slots, bm.m = true, base, slots, m
	bm.coll.idxValid = false
	return bm.put(bm.host, base, slots, m)
}

// restore puts every particle back on the GPU, in order, when the GPU
// holds only some of them (after a Run in batches, or a compaction) and
// all fit: the host copy is made the reference, then uploaded whole. It
// does nothing for a beam that is resident or larger than the GPU holds.
// On the worker.
func (bm *Beam) restore() error {
	if bm.full() || bm.n > bm.cap || testNoRestore {
		return nil
	}
	if err := bm.flush(); err != nil {
		return fmt.Errorf("put the beam back on the GPU: %w", err)
	}
	if err := bm.load(0, nil, bm.n); err != nil {
		return fmt.Errorf("put the beam back on the GPU: %w", err)
	}
	bm.host = nil // the GPU holds every particle again
	return nil
}

// put uploads particles of src into the m GPU slots (particle base+j or
// slots[j] into slot j) and writes the descriptor; on the worker.
func (bm *Beam) put(src *device.Particles, base int, slots []int, m int) error {
	if err := bm.writeDesc(); err != nil {
		return err
	}
	if m == 0 {
		return nil
	}
	if slots != nil || base != 0 {
		idx := make([]int64, m)
		for j := range idx {
			idx[j] = int64(base + j)
			if slots != nil {
				idx[j] = int64(slots[j])
			}
		}
		if err := htod("particle indices", bm.indexBuf, i64s(idx), 8*int64(m)); err != nil {
			return err
		}
	}
	d := &bm.desc
	M := int64(m)
	var f []float64
	if slots != nil {
		f = make([]float64, m)
	}
	gatherF := func(s []float64) []float64 {
		if slots == nil {
			return s[base : base+m]
		}
		for j, i := range slots {
			f[j] = s[i]
		}
		return f
	}
	for k := 0; k < 6; k++ {
		if err := htod("coordinates", offset(d.coords, int64(k)*8*M), f64s(gatherF(src.Coords[k])), 8*M); err != nil {
			return err
		}
		if err := htod("coordinates at loss", offset(d.lostCoords, int64(k)*8*M), f64s(gatherF(src.LostCoords[k])), 8*M); err != nil {
			return err
		}
	}
	lost := make([]uint8, m)
	turn := make([]int64, m)
	elem := make([]int64, m)
	for j := 0; j < m; j++ {
		i := base + j
		if slots != nil {
			i = slots[j]
		}
		if src.Lost[i] {
			lost[j] = 1
		}
		turn[j], elem[j] = src.LostTurn[i], src.LostElement[i]
	}
	if err := htod("lost flags", d.lost, u8s(lost), M); err != nil {
		return err
	}
	if err := htod("turns of loss", d.lostTurn, i64s(turn), 8*M); err != nil {
		return err
	}
	return htod("elements of loss", d.lostElem, i64s(elem), 8*M)
}

// get downloads the m GPU slots into dst (slot j into particle base+j or
// slots[j]). When lost is not nil it receives the lost flags of the
// slots. On the worker.
func (bm *Beam) get(dst *device.Particles, base int, slots []int, m int, lost []uint8) error {
	if m == 0 {
		return nil
	}
	d := &bm.desc
	M := int64(m)
	var f []float64
	if slots != nil {
		f = make([]float64, m)
	}
	getF := func(what string, dptr cu.DevicePtr, s []float64) error {
		if slots == nil {
			return dtoh(what, f64s(s[base:base+m]), dptr, 8*M)
		}
		if err := dtoh(what, f64s(f), dptr, 8*M); err != nil {
			return err
		}
		for j, i := range slots {
			s[i] = f[j]
		}
		return nil
	}
	for k := 0; k < 6; k++ {
		if err := getF("coordinates", offset(d.coords, int64(k)*8*M), dst.Coords[k]); err != nil {
			return err
		}
		if err := getF("coordinates at loss", offset(d.lostCoords, int64(k)*8*M), dst.LostCoords[k]); err != nil {
			return err
		}
	}
	if lost == nil {
		lost = make([]uint8, m)
	}
	turn := make([]int64, m)
	elem := make([]int64, m)
	if err := dtoh("lost flags", u8s(lost), d.lost, M); err != nil {
		return err
	}
	if err := dtoh("turns of loss", i64s(turn), d.lostTurn, 8*M); err != nil {
		return err
	}
	if err := dtoh("elements of loss", i64s(elem), d.lostElem, 8*M); err != nil {
		return err
	}
	for j := 0; j < m; j++ {
		i := base + j
		if slots != nil {
			i = slots[j]
		}
		dst.Lost[i] = lost[j] != 0
		dst.LostTurn[i], dst.LostElement[i] = turn[j], elem[j]
	}
	return nil
}

// lostFlags downloads the lost flags of the m slots; on the worker.
func (bm *Beam) lostFlags(buf []uint8) ([]uint8, error) {
	buf = buf[:0]
	buf = append(buf, make([]uint8, bm.m)...)
	return buf, dtoh("lost flags", u8s(buf), bm.desc.lost, int64(bm.m))
}

// particle returns the particle in slot j.
func (bm *Beam) particle(j int) int {
	if bm.slots != nil {
		return bm.slots[j]
	}
	return bm.base + j
}

// Close releases the beam's GPU memory.
func (bm *Beam) Close() error {
	if bm.b == nil || bm.b.w == nil {
		return nil
	}
	return bm.b.w.do(func() error {
		d := &bm.desc
		return errors.Join(free(&d.coords), free(&d.lost), free(&d.lostTurn), free(&d.lostElem), free(&d.lostCoords), free(&bm.indexBuf), free(&bm.pdesc),
			bm.coll.free())
	})
}
