//go:build mpi

package main

import (
	"errors"
	"strings"
	"testing"
)

// The MPI build never hands over to gotrack-cuda, even with a GPU and
// gotrack-cuda beside it: every rank would run the whole job there.
func TestMPINoHandoff(t *testing.T) {
	h := newFakeHost(t, 1, true)
	var execed []string
	hd := fakeHandoff(h, []string{"track"}, &execed)
	hd.off = gpuHandoff.off
	if hd.off == "" {
		t.Fatal("the MPI build does not switch the hand-over off")
	}
	if _, err := hd.find("auto"); !errors.Is(err, errNoHandoff) {
		t.Errorf("--device auto: %v, want no hand-over", err)
	}
	_, err := hd.find("cuda")
	if err == nil || !strings.Contains(err.Error(), "MPI build") || !strings.Contains(err.Error(), "-tags cuda,mpi") {
		t.Errorf("--device cuda: %v", err)
	}
	if execed != nil {
		t.Errorf("handed over to %v", execed)
	}
}
