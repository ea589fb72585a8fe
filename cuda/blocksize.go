package cuda

// The launch shape of the kernels, as pure functions of what the driver
// reports (no build tag: the tests of the choice run on any host, without
// CUDA).

const (
	// MaxBlockSize is GT_THREADS_PER_BLOCK of kernels/gotrack.h: the
	// kernels are compiled with __launch_bounds__(MaxBlockSize, 2), so no
	// launch uses more threads per block.
	MaxBlockSize = 256
	// warpSize is the granularity of block sizes.
	warpSize = 32
)

// fullBlock returns the block size of a kernel for beams large enough to
// fill the GPU: the multiple of 32, at most limit (the kernel's
// CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK) and MaxBlockSize, that keeps the
// most threads resident per multiprocessor, occupancy(b) being the blocks
// of b threads resident per multiprocessor; among equals the largest
// (fewer blocks to schedule). It returns 0 when no block size gets a block
// resident (occupancy 0 throughout, or limit below 32).
func fullBlock(limit int, occupancy func(block int) int) int {
	best, bestThreads := 0, 0
	for b := warpSize; b <= min(limit, MaxBlockSize); b += warpSize {
		if t := occupancy(b) * b; t > 0 && t >= bestThreads {
			best, bestThreads = b, t
		}
	}
	return best
}

// spreadBlock returns the block size for a launch of n threads on a GPU of
// sms multiprocessors, full being the kernel's fullBlock: full when the
// beam gives every multiprocessor at least one block of it, otherwise the
// smallest multiple of 32 that covers n with at most sms blocks, so that
// a small beam runs on as many multiprocessors as it can occupy instead of
// on a few full blocks (each thread's work is independent of the block it
// is in, so the results do not change).
func spreadBlock(n, sms, full int) int {
	if n <= 0 || sms <= 0 || full <= warpSize || (n+full-1)/full >= sms {
		return full
	}
	per := (n + sms - 1) / sms                      // threads per multiprocessor
	b := (per + warpSize - 1) / warpSize * warpSize // rounded up to warps
	return max(min(b, full), warpSize)
}

// gridFor returns the number of blocks of block threads covering n.
func gridFor(n, block int) int { return (n + block - 1) / block }
