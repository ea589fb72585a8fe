//go:build mpi

package mpi

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"testing"
)

func TestReducerStaged(t *testing.T) {
	reportOnce = sync.Once{} // report again in this test
	var report bytes.Buffer
	red := NewReducer(&report)
	K, r := Size(), Rank()
	switch {
	case r != 0 && report.Len() > 0:
		t.Errorf("rank %d reported: %q", r, report.String())
	case r == 0 && os.Getenv(cudaAwareEnv) != "1" && !strings.Contains(report.String(), "staged through host memory"):
		t.Errorf("report %q does not say that GPU buffers are staged through host memory", report.String())
	case r == 0:
		t.Logf("report: %s", strings.TrimSpace(report.String()))
	}
	f := []float64{float64(r + 1), 0.5, -float64(r)}
	if err := red.SumFloat64(f); err != nil {
		t.Fatal(err)
	}
	wantF := []float64{float64(K*(K+1)) / 2, 0.5 * float64(K), -float64(K*(K-1)) / 2}
	for i := range f {
		if f[i] != wantF[i] {
			t.Errorf("rank %d: SumFloat64[%d] = %v, want %v", r, i, f[i], wantF[i])
		}
	}
	big := make([]int64, 100000)
	for i := range big {
		big[i] = int64(i) * int64(r+1)
	}
	if err := red.SumInt64(big); err != nil {
		t.Fatal(err)
	}
	for i, v := range big {
		if want := int64(i) * int64(K*(K+1)/2); v != want {
			t.Fatalf("rank %d: SumInt64[%d] = %d, want %d", r, i, v, want)
		}
	}
	if err := red.SumInt64(nil); err != nil {
		t.Errorf("empty sum: %v", err)
	}
	if red.DeviceAware() != NewExchange().DeviceAware() {
		t.Errorf("the reducer's DeviceAware differs from the exchange's")
	}
}
