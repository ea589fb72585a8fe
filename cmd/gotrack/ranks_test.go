package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestRankSummaryJSON: summary.json lists the ranks of an MPI run, with a
// null GPU for a rank on the CPU, and has no "ranks" otherwise.
func TestRankSummaryJSON(t *testing.T) {
	one := 1
	s := summary{Ranks: []rankSummary{
		{Rank: 0, First: 0, Particles: 2, WallS: 0.5, Device: "cpu (2 threads)"},
		{Rank: 1, First: 2, Particles: 1, WallS: 0.25, GPU: &one, Device: "cuda (GPU 1)"},
	}}
	js, err := json.Marshal(&s)
	if err != nil {
		t.Fatal(err)
	}
	want := `"ranks":[{"rank":0,"first":0,"particles":2,"wall_s":0.5,"gpu":null,"device":"cpu (2 threads)"},` +
		`{"rank":1,"first":2,"particles":1,"wall_s":0.25,"gpu":1,"device":"cuda (GPU 1)"}]`
	if !strings.Contains(string(js), want) {
		t.Errorf("summary %s\ndoes not hold %s", js, want)
	}
	js, err = json.Marshal(&summary{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(js), "ranks") {
		t.Errorf("one-process summary %s lists ranks", js)
	}
}
