package cuda

import "testing"

// occupancyOf models cuOccupancyMaxActiveBlocksPerMultiprocessor for a
// kernel using regs registers per thread and shared bytes per block on a
// multiprocessor of 65536 registers, 2048 threads, 32 blocks and 228 KiB
// of shared memory (sm_90).
func occupancyOf(regs, shared int) func(int) int {
	return func(b int) int {
		n := min(65536/(regs*b), 2048/b, 32)
		if shared > 0 {
			n = min(n, 228*1024/shared)
		}
		return n
	}
}

func TestFullBlock(t *testing.T) {
	for _, c := range []struct {
		name       string
		limit      int
		occupancy  func(int) int
		wantThread int
	}{
		// gt_segment under __launch_bounds__(256, 2): 128 registers,
		// 512 threads per SM whatever the block: the largest.
		{"segment", 256, occupancyOf(128, 0), 256},
		// A light kernel: 2048 threads at 256 as at 64.
		{"light", 1024, occupancyOf(32, 0), 256},
		// 168 registers (no launch bounds): 65536/(168·b) blocks: 192
		// threads (2 blocks of 192 = 384) beat 256 (1 block).
		{"heavy", 1024, occupancyOf(168, 0), 192},
		// The driver limits the kernel to 128 threads per block.
		{"limited", 128, occupancyOf(128, 0), 128},
		// A limit that is not a multiple of 32, one block per SM
		// whatever its size: the largest warp multiple below it.
		{"odd limit", 200, func(int) int { return 1 }, 192},
		// 64 registers: 8 blocks of 128 (1024 threads) beat 5 of 192.
		{"registers", 200, occupancyOf(64, 0), 128},
		// Shared memory bounds the blocks: larger blocks win.
		{"shared", 1024, occupancyOf(32, 48<<10), 256},
		// Nothing fits.
		{"none", 256, func(int) int { return 0 }, 0},
		{"limit below a warp", 16, occupancyOf(32, 0), 0},
	} {
		if got := fullBlock(c.limit, c.occupancy); got != c.wantThread {
			t.Errorf("%s: fullBlock = %d, want %d", c.name, got, c.wantThread)
		}
	}
}

func TestSpreadBlock(t *testing.T) {
	for _, c := range []struct {
		n, sms, full, want int
	}{
		{10_000_000, 132, 256, 256}, // large beam: full blocks
		{132 * 256, 132, 256, 256},  // exactly one full block per SM
		{132*256 - 1, 132, 256, 256},
		{132*224 + 1, 132, 256, 256}, // 132 blocks of 256 cover it
		{132 * 224, 132, 256, 224},   // one block of 224 per SM
		{10_000, 132, 256, 96},       // 76 per SM -> 96: 105 blocks
		{2_000, 132, 256, 32},        // 16 per SM -> one warp: 63 blocks
		{1, 132, 256, 32},
		{0, 132, 256, 256},
		{10_000, 108, 256, 96}, // A100: 93 per SM -> 96
		{10_000, 108, 128, 96},
		{5_000, 20, 256, 256}, // 20 blocks of 256 fill 20 SMs
		{3_000, 20, 256, 160}, // 150 per SM -> 160
		{10_000, 132, 32, 32}, // full is a warp: nothing to shrink
		{10_000, 0, 256, 256}, // unknown SM count
	} {
		got := spreadBlock(c.n, c.sms, c.full)
		if got != c.want {
			t.Errorf("spreadBlock(%d, %d, %d) = %d, want %d", c.n, c.sms, c.full, got, c.want)
			continue
		}
		if got%warpSize != 0 || got > c.full {
			t.Errorf("spreadBlock(%d, %d, %d) = %d: not a multiple of 32 up to full", c.n, c.sms, c.full, got)
		}
		if g := gridFor(c.n, got); c.n > 0 && got < c.full && g > c.sms {
			t.Errorf("spreadBlock(%d, %d, %d) = %d: %d blocks for %d SMs", c.n, c.sms, c.full, got, g, c.sms)
		}
	}
}
