package mpi

import (
	"testing"
	"time"
)

func TestRankStatString(t *testing.T) {
	cases := []struct {
		s    RankStat
		want string
	}{
		{RankStat{Rank: 0, First: 0, Particles: 500, Wall: 1234 * time.Millisecond, GPU: -1, Device: "cpu (2 threads)"},
			"rank 0: particles 0..499 on cpu (2 threads), 1.234 s"},
		{RankStat{Rank: 1, First: 500, Particles: 500, Wall: 2 * time.Second, GPU: 1, Device: "cuda (GPU 1: H100)"},
			"rank 1: particles 500..999 on GPU 1 (cuda (GPU 1: H100)), 2.000 s"},
		{RankStat{Rank: 2, First: 1000, GPU: -1, Device: "cpu"},
			"rank 2: no particles on cpu, 0.000 s"},
	}
	for _, c := range cases {
		if got := c.s.String(); got != c.want {
			t.Errorf("String() = %q, want %q", got, c.want)
		}
	}
}

func TestRankGPU(t *testing.T) {
	for _, c := range []struct {
		dev  string
		gpu  int
		want int
	}{
		{"cpu (16 threads, tiles of 64 particles, 16 cores)", 3, -1},
		{"cpu", 0, -1},
		{"cuda (GPU 2: NVIDIA H100)", 2, 2},
		{"cpuish-accelerator", 1, 1},
	} {
		if got := rankGPU(c.dev, c.gpu); got != c.want {
			t.Errorf("rankGPU(%q, %d) = %d, want %d", c.dev, c.gpu, got, c.want)
		}
	}
}
