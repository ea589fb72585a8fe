package tracking

import "time"

// Chunks of turns. A run that streams its monitor (Options.MonitorTo) or
// may be stopped (Options.Stop) is tracked in chunks of whole turns: the
// monitor of one chunk is handed over and Stop is asked between chunks.
// Where the chunks fall changes no result: a backend tracking turns t..t+m
// in one request gives the same bits as in several.
const (
	// chunkTarget is the tracking time aimed at per chunk when Track
	// chooses the chunks: how soon Stop is heard.
	chunkTarget = 500 * time.Millisecond
	// chunkFirstWork is the work of the first chosen chunk, in
	// particle-element passes (about 0.1 s on one core).
	chunkFirstWork = 2e6
	// monitorChunkBytes bounds the monitor buffer of a streamed chunk
	// (it always holds at least one turn).
	monitorChunkBytes = 64 << 20
)

// chunker chooses the number of turns of each chunk.
type chunker struct {
	fixed   int // turns per chunk when set by the caller
	limit   int // most turns a chunk may have (the monitor buffer)
	cur     int // turns of the next chosen chunk
	chunked bool
}

// newChunker returns the chunker of a run of turns turns of n particles
// (of the whole beam, when it is spread over processes) through ne
// elements with nref refpts.
func newChunker(opt *Options, turns, n, ne, nref int) *chunker {
	c := &chunker{limit: turns, cur: turns}
	if opt.Stop == nil && opt.MonitorTo == nil {
		return c // one chunk: the whole run
	}
	c.chunked = true
	if opt.MonitorTo != nil && nref > 0 {
		c.limit = min(turns, max(1, monitorChunkBytes/(nref*max(n, 1)*48)))
	}
	if opt.ChunkTurns > 0 {
		c.fixed = min(opt.ChunkTurns, c.limit)
		return c
	}
	c.cur = clampTurns(chunkFirstWork/(float64(max(n, 1))*float64(max(ne, 1))), c.limit)
	return c
}

func clampTurns(x float64, hi int) int {
	if x < 1 {
		return 1
	}
	if x >= float64(hi) {
		return max(hi, 1)
	}
	return int(x)
}

// maxTurns returns the most turns a chunk will have.
func (c *chunker) maxTurns() int {
	if c.fixed > 0 {
		return c.fixed
	}
	return c.limit
}

// next returns the turns of the next chunk, at most left.
func (c *chunker) next(left int) int {
	if c.fixed > 0 {
		return min(c.fixed, left)
	}
	return min(c.cur, left)
}

// took adapts the chosen chunks to the time the last one took: m turns in
// d. The next chunk aims at chunkTarget, growing at most fourfold.
func (c *chunker) took(m int, d time.Duration) {
	if c.fixed > 0 || !c.chunked {
		return
	}
	if d <= 0 {
		c.cur = min(4*m, c.limit)
		return
	}
	want := float64(m) * float64(chunkTarget) / float64(d)
	c.cur = clampTurns(min(want, 4*float64(m)), c.limit)
}

// StreamedMonitorBytes returns the memory Track holds for the monitor of
// a run of n particles and nref refpts that streams it (MonitorTo): a
// chunk of turns of at most about 64 MiB, or one turn when a turn is
// larger.
func StreamedMonitorBytes(turns, n, nref int) int64 {
	if nref == 0 || n == 0 {
		return 0
	}
	perTurn := int64(nref) * int64(n) * 48
	return min(int64(turns), max(1, monitorChunkBytes/perTurn)) * perTurn
}
