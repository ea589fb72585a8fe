//go:build mpi

package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/gotrack/gotrack/mpi"
)

func TestRankSummaries(t *testing.T) {
	got := rankSummaries([]mpi.RankStat{
		{Rank: 0, First: 0, Particles: 3, Wall: 1500 * time.Millisecond, GPU: -1, Device: "cpu"},
		{Rank: 1, First: 3, Particles: 2, Wall: time.Second, GPU: 1, Device: "cuda (GPU 1)"},
	})
	if len(got) != 2 || got[0].GPU != nil || got[1].GPU == nil || *got[1].GPU != 1 ||
		got[0].WallS != 1.5 || got[1].First != 3 || got[1].Particles != 2 || got[1].Device != "cuda (GPU 1)" {
		t.Errorf("rank summaries %+v", got)
	}
}

func TestReportRanks(t *testing.T) {
	var b bytes.Buffer
	reportRanks(&b, []mpi.RankStat{
		{Rank: 0, Particles: 2, Wall: time.Second, GPU: -1, Device: "cpu"},
		{Rank: 1, First: 2, Particles: 2, Wall: 2 * time.Second, GPU: -1, Device: "cpu"},
	})
	if b.String() != "gotrack: 2 MPI ranks; tracking time per rank 1.000 s to 2.000 s\n" {
		t.Errorf("CPU ranks: %q", b.String())
	}
	b.Reset()
	reportRanks(&b, []mpi.RankStat{
		{Rank: 0, Particles: 2, Wall: time.Second, GPU: 0, Device: "cuda (GPU 0)"},
		{Rank: 1, First: 2, Particles: 2, Wall: time.Second, GPU: 1, Device: "cuda (GPU 1)"},
	})
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 3 || !strings.Contains(lines[1], "rank 0: particles 0..1 on GPU 0") || !strings.Contains(lines[2], "rank 1: particles 2..3 on GPU 1") {
		t.Errorf("GPU ranks: %q", b.String())
	}
}
