//go:build cuda

package cuda

import (
	"errors"
	"fmt"
	"unsafe"

	"gorgonia.org/cu"

	"github.com/gotrack/gotrack/device"
)

var _ device.PushCompiler = (*Backend)(nil)

// CompilePush compiles a programmable element's CUDA C (src, defining
// gotrack_push; see kernels.PushSource) at run time with NVRTC, for the
// GPU's compute capability (or the highest virtual architecture the NVRTC
// library knows below it) with --fmad=false, and loads the PTX as a
// module of its own (JIT-compiled by the driver, its log in a load
// error, its load time in ModuleLoadTimes). Compile errors return an error holding NVRTC's full
// log; the user source is named name in it.
func (b *Backend) CompilePush(name, src string) (device.Push, error) {
	ptx, arch, err := compilePushPTX(name, src, b.major, b.minor)
	if err != nil {
		return nil, err
	}
	p := &Push{b: b, name: name, arch: arch}
	err = b.w.do(func() error {
		var e error
		image := fmt.Sprintf("PTX for compute_%d", arch)
		if p.mod, e = b.loadImage(fmt.Sprintf("programmable element %q", name), image, []byte(ptx)); e != nil {
			return e
		}
		p.loaded = true
		if p.fn, e = p.mod.Function(kernelPush); e != nil {
			return fmt.Errorf("cuda: programmable element %q: kernel %s: %w", name, kernelPush, e)
		}
		if p.full, _, e = shapeKernel(kernelPush, p.fn, 0); e != nil {
			return fmt.Errorf("cuda: programmable element %q: %w", name, e)
		}
		return nil
	})
	if err != nil {
		p.Close()
		return nil, err
	}
	return p, nil
}

// Push is a programmable element compiled for the GPU: its module and
// kernel, and a device buffer for the ring parameters and user values of
// a pass. Its methods may be called from any goroutine.
type Push struct {
	b      *Backend
	name   string
	arch   int
	mod    cu.Module
	loaded bool
	fn     cu.Function
	full   int    // the kernel's block size for large beams (fullBlock)
	buf    devBuf // gt_params, then the values; on the worker
}

// Arch returns the virtual architecture the element was compiled for
// (90 for compute_90).
func (p *Push) Arch() int { return p.arch }

// Apply runs the element on every live particle of beam (a beam of the
// same backend) where the beam lives: one thread per particle slot, the
// user function then the loss rule, with ctx's turn and element recorded
// for the particles lost. A beam not wholly on the GPU in its order
// (compacted, or larger than the GPU holds) is brought back to the GPU
// whole when it fits, else pushed batch by batch through it.
func (p *Push) Apply(beam device.Beam, ctx device.PushContext) error {
	bm, ok := beam.(*Beam)
	if !ok {
		return fmt.Errorf("cuda: programmable element %q: beam of type %T is not a GPU beam", p.name, beam)
	}
	if bm.b != p.b {
		return fmt.Errorf("cuda: programmable element %q: beam and element are on different GPUs", p.name)
	}
	err := p.b.w.do(func() error {
		if !p.loaded {
			return errors.New("used after Close")
		}
		if bm.n == 0 {
			return nil
		}
		if err := p.upload(&ctx); err != nil {
			return err
		}
		if bm.full() {
			return p.launch(bm, &ctx)
		}
		if bm.n <= bm.cap {
			if err := bm.restore(); err != nil {
				return err
			}
			return p.launch(bm, &ctx)
		}
		if err := bm.flush(); err != nil {
			return err
		}
		for lo := 0; lo < bm.n; lo += bm.cap {
			hi := min(lo+bm.cap, bm.n)
			if err := bm.load(lo, nil, hi-lo); err != nil {
				return fmt.Errorf("batch [%d, %d): %w", lo, hi, err)
			}
			if err := p.launch(bm, &ctx); err != nil {
				return fmt.Errorf("batch [%d, %d): %w", lo, hi, err)
			}
			if err := bm.flush(); err != nil {
				return fmt.Errorf("batch [%d, %d): %w", lo, hi, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("cuda: programmable element %q (element %d, turn %d) on %d particles: %w", p.name, ctx.Element, ctx.Turn, bm.n, err)
	}
	return nil
}

// upload copies the ring parameters and the values into the element's
// buffer, growing it as needed; on the worker.
func (p *Push) upload(ctx *device.PushContext) error {
	size := paramsSize + int64(len(ctx.Values))*8
	buf, err := p.buf.grow("programmable element parameters", size)
	if err != nil {
		return err
	}
	params := ctx.Params
	if err := htod("ring parameters", buf, unsafe.Pointer(&params), paramsSize); err != nil {
		return err
	}
	return htod("programmable element values", offset(buf, paramsSize), f64s(ctx.Values), int64(len(ctx.Values))*8)
}

// launch runs the kernel over the m particles on the GPU and waits for
// it; on the worker.
func (p *Push) launch(bm *Beam, ctx *device.PushContext) error {
	m := int64(bm.m)
	if m == 0 {
		return nil
	}
	a := pushArgs{beam: bm.pdesc, params: p.buf.p, values: offset(p.buf.p, paramsSize),
		nvalues: int64(len(ctx.Values)), turn: int64(ctx.Turn), element: int64(ctx.Element)}
	block := spreadBlock(int(m), p.b.sms, p.full)
	grid := gridFor(int(m), block)
	if err := launchPush(p.fn, launchShape{grid: grid, block: block}, a); err != nil {
		return fmt.Errorf("launch %s on %d threads (%d blocks of %d): %w", kernelPush, m, grid, block, err)
	}
	if err := cu.Synchronize(); err != nil {
		return fmt.Errorf("kernel %s on %d threads failed: %w", kernelPush, m, err)
	}
	return nil
}

// Close unloads the element's module and frees its buffer. Later calls do
// nothing.
func (p *Push) Close() error {
	if p.b == nil || p.b.w == nil {
		return nil
	}
	return p.b.w.do(func() error {
		var err error
		if p.loaded {
			if e := p.mod.Unload(); e != nil {
				err = fmt.Errorf("cuda: programmable element %q: unload module: %w", p.name, e)
			}
			p.loaded = false
		}
		return errors.Join(err, p.buf.release())
	})
}
