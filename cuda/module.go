//go:build cuda

package cuda

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"time"

	"gorgonia.org/cu"

	"github.com/gotrack/gotrack/kernels"
)

// moduleEnv names the environment variable choosing what the backend
// loads: "fatbin" (the default: sm_80/sm_90 machine code, no JIT on those
// GPUs) or "ptx" (the PTX, JIT-compiled by the driver at load; for
// diagnosis and to measure the JIT).
const moduleEnv = "GOTRACK_CUDA_MODULE"

// jitLogSize is the size of each of the JIT info and error log buffers.
const jitLogSize = 16 << 10

// ModuleLoad records the load of one module into the GPU's context.
type ModuleLoad struct {
	// Module is what was loaded: kernels.SegmentModule,
	// kernels.ElementsModule, or a programmable element's name.
	Module string
	// Image names the image loaded (segment.fatbin, segment_sm90.ptx, ...).
	Image string
	// Bytes is the size of the image.
	Bytes int
	// Wall is the wall-clock time of cuModuleLoadDataEx, JIT compilation
	// included.
	Wall time.Duration
	// InfoLog is the JIT's information log (empty when nothing was
	// compiled).
	InfoLog string
}

// String describes the load in a few words.
func (l ModuleLoad) String() string {
	return fmt.Sprintf("%s (%s, %d bytes) in %v", l.Module, l.Image, l.Bytes, l.Wall.Round(time.Microsecond))
}

// modulePTX reports whether GOTRACK_CUDA_MODULE asks for the PTX, and
// fails on a value that is neither ptx nor fatbin.
func modulePTX() (bool, error) {
	switch v := os.Getenv(moduleEnv); v {
	case "", "fatbin":
		return false, nil
	case "ptx":
		return true, nil
	default:
		return false, fmt.Errorf("%s=%q: want fatbin (the default) or ptx", moduleEnv, v)
	}
}

// kernelImage returns the image of module for the GPU: its fat binary, or
// its PTX when GOTRACK_CUDA_MODULE=ptx.
func (b *Backend) kernelImage(module string) (name string, image []byte, err error) {
	if b.loadPTX {
		name, ptx, err := kernels.PTX(module, b.major, b.minor)
		return name, []byte(ptx), err
	}
	return kernels.Fatbin(module, b.major, b.minor)
}

// loadImage loads image (a fat binary, cubin or PTX) as a module with
// cuModuleLoadDataEx and the JIT's log buffers, records the load, and
// returns the module. Its error carries the JIT's error and information
// logs (the driver's status alone reads just "InvalidPTX" or
// "NoBinaryForGPU"). On the worker.
//
// The wall time is measured around the call: gorgonia.org/cu's JITWallTime
// option cannot report it, the driver writing the time into the option
// value array that cu builds and discards.
func (b *Backend) loadImage(module, imageName string, image []byte) (cu.Module, error) {
	errLog := &cu.JITErrorLogBuffer{Buffer: make([]byte, jitLogSize)}
	infoLog := &cu.JITInfoLogBuffer{Buffer: make([]byte, jitLogSize)}
	t0 := time.Now()
	mod, err := cu.LoadDataEx(string(image), errLog, infoLog)
	wall := time.Since(t0)
	info := cString(infoLog.Buffer)
	if err != nil {
		msg := fmt.Sprintf("cuda: GPU %d (%s, compute capability %d.%d): load %s (%s, %d bytes): %v",
			b.ordinal, b.gpuName, b.major, b.minor, module, imageName, len(image), err)
		if e := cString(errLog.Buffer); e != "" {
			msg += "; JIT error log:\n" + e
		}
		if info != "" {
			msg += "\nJIT info log:\n" + info
		}
		return mod, fmt.Errorf("%s: %w", msg, err)
	}
	b.loadMu.Lock()
	b.loads = append(b.loads, ModuleLoad{Module: module, Image: imageName, Bytes: len(image), Wall: wall, InfoLog: info})
	b.loadMu.Unlock()
	return mod, nil
}

// cString returns the text of a NUL-terminated log buffer, trimmed.
func cString(buf []byte) string {
	if i := bytes.IndexByte(buf, 0); i >= 0 {
		buf = buf[:i]
	}
	return strings.TrimSpace(string(buf))
}

// ModuleLoadTimes returns the module loads so far, in order: the segment
// module's at Open, the elements module's at the first per-element launch,
// and those of programmable elements.
func (b *Backend) ModuleLoadTimes() []ModuleLoad {
	b.loadMu.Lock()
	defer b.loadMu.Unlock()
	return append([]ModuleLoad(nil), b.loads...)
}

// kernelModule returns the module holding kernel name, loading the
// elements module on the first request of a gt_elem_ kernel; on the
// worker.
func (b *Backend) kernelModule(name string) (cu.Module, string, error) {
	if !strings.HasPrefix(name, kernelElemPrefix) {
		return b.mod, b.modName, nil
	}
	if !b.elemLoaded {
		imgName, image, err := b.kernelImage(kernels.ElementsModule)
		if err != nil {
			return b.elemMod, "", fmt.Errorf("cuda: GPU %d (%s): %w", b.ordinal, b.gpuName, err)
		}
		if b.elemMod, err = b.loadImage(kernels.ElementsModule, imgName, image); err != nil {
			return b.elemMod, "", err
		}
		b.elemName, b.elemLoaded = imgName, true
	}
	return b.elemMod, b.elemName, nil
}

// kernel is a kernel function with its launch shape, found once.
type kernel struct {
	name string
	fn   cu.Function
	// full is the block size for a beam that fills the GPU, perSM the
	// blocks of full threads resident per multiprocessor (occupancy),
	// both without dynamic shared memory.
	full, perSM int
}

// shapeKernel queries the driver for f's launch shape with shared bytes
// of dynamic shared memory per block: its max threads per block and its
// occupancy at each block size (see fullBlock). On the worker.
func shapeKernel(name string, f cu.Function, shared int) (full, perSM int, err error) {
	limit, err := f.Attribute(cu.FnMaxThreadsPerBlock)
	if err != nil {
		return 0, 0, fmt.Errorf("cuda: kernel %s: max threads per block: %w", name, err)
	}
	occ := make(map[int]int)
	var qerr error
	full = fullBlock(limit, func(block int) int {
		n, err := f.MaxActiveBlocksPerMultiProcessor(block, int64(shared))
		if err != nil && qerr == nil {
			qerr = fmt.Errorf("cuda: kernel %s: occupancy at %d threads per block, %d bytes shared: %w", name, block, shared, err)
		}
		occ[block] = n
		return n
	})
	if qerr != nil {
		return 0, 0, qerr
	}
	if full == 0 {
		return 0, 0, fmt.Errorf("cuda: kernel %s cannot run: no block of 32 to %d threads fits a multiprocessor (%d bytes shared)", name, min(limit, MaxBlockSize), shared)
	}
	return full, occ[full], nil
}

// function returns kernel name with its launch shape, found and shaped on
// first use and cached; on the worker only.
func (b *Backend) function(name string) (*kernel, error) {
	if k, ok := b.fns[name]; ok {
		return k, nil
	}
	mod, modName, err := b.kernelModule(name)
	if err != nil {
		return nil, err
	}
	f, err := mod.Function(name)
	if err != nil {
		return nil, fmt.Errorf("cuda: kernel %s not found in %s: %w", name, modName, err)
	}
	k := &kernel{name: name, fn: f}
	if k.full, k.perSM, err = shapeKernel(name, f, 0); err != nil {
		return nil, err
	}
	b.fns[name] = k
	return k, nil
}

// block returns the block size for a launch of k over n threads (see
// spreadBlock).
func (b *Backend) block(k *kernel, n int) int { return spreadBlock(n, b.sms, k.full) }

// sharedOccupancy returns the blocks of block threads of k resident per
// multiprocessor with shared bytes of dynamic shared memory, cached per
// kernel and size; on the worker.
func (b *Backend) sharedOccupancy(k *kernel, block, shared int) (int, error) {
	if shared == 0 && block == k.full {
		return k.perSM, nil
	}
	key := occKey{k.name, block, shared}
	if n, ok := b.occ[key]; ok {
		return n, nil
	}
	n, err := k.fn.MaxActiveBlocksPerMultiProcessor(block, int64(shared))
	if err != nil {
		return 0, fmt.Errorf("cuda: kernel %s: occupancy at %d threads per block, %d bytes shared: %w", k.name, block, shared, err)
	}
	if n == 0 {
		return 0, fmt.Errorf("cuda: kernel %s cannot run with %d threads per block and %d bytes of shared memory", k.name, block, shared)
	}
	b.occ[key] = n
	return n, nil
}

// occKey identifies an occupancy query.
type occKey struct {
	name          string
	block, shared int
}
