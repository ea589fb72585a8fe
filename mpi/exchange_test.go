//go:build mpi

package mpi

import (
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/gotrack/gotrack/device"
)

// cudaAwareEnv, set to 1, says that the tests run on a CUDA-aware MPI;
// without it they expect one that is not (the Debian OpenMPI 4.1.4).
const cudaAwareEnv = "GOTRACK_TEST_CUDA_AWARE_MPI"

func TestExchangeSumInt64(t *testing.T) {
	ex := NewExchange()
	K, r := Size(), Rank()
	// Values whose sum over the ranks needs all 64 bits, and negatives.
	val := func(rank, i int) int64 {
		v := int64(i+1)*(int64(rank)+1)*(1<<40) + int64(rank)*1_000_003 - int64(i)
		if i%3 == 0 {
			v = -v
		}
		if i == 7 {
			v = math.MaxInt64/4 - int64(rank) // 3 ranks stay below MaxInt64
		}
		return v
	}
	const n = 1000
	buf := make([]int64, n)
	for i := range buf {
		buf[i] = val(r, i)
	}
	if err := ex.SumInt64(buf); err != nil {
		t.Fatalf("rank %d: %v", r, err)
	}
	for i, got := range buf {
		var want int64
		for q := 0; q < K; q++ {
			want += val(q, i)
		}
		if got != want {
			t.Fatalf("rank %d: sum[%d] = %d, want %d", r, i, got, want)
		}
	}
	if err := ex.SumInt64(nil); err != nil {
		t.Errorf("rank %d: empty sum: %v", r, err)
	}
}

func TestExchangeMinMax(t *testing.T) {
	ex := NewExchange()
	K, r := Size(), Rank()
	// AT's getbounds sentinels for a bunch without live particles on a
	// rank, signed zeros, subnormals and ordinary values.
	val := func(rank, i int) float64 {
		switch i {
		case 0:
			return math.MaxFloat64 // no particle anywhere: stays
		case 1:
			if rank == K-1 {
				return -2.5
			}
			return math.MaxFloat64
		case 2:
			return math.SmallestNonzeroFloat64 * float64(rank+1)
		}
		return math.Sin(float64(i*(rank+3))) * math.Pow(10, float64(i%7-3))
	}
	const n = 50
	lo, hi := make([]float64, n), make([]float64, n)
	for i := range lo {
		lo[i], hi[i] = val(r, i), -val(r, i)
	}
	if err := ex.MinFloat64(lo); err != nil {
		t.Fatalf("rank %d: %v", r, err)
	}
	if err := ex.MaxFloat64(hi); err != nil {
		t.Fatalf("rank %d: %v", r, err)
	}
	for i := 0; i < n; i++ {
		wantLo, wantHi := math.Inf(1), math.Inf(-1)
		for q := 0; q < K; q++ {
			wantLo, wantHi = math.Min(wantLo, val(q, i)), math.Max(wantHi, -val(q, i))
		}
		if lo[i] != wantLo || hi[i] != wantHi {
			t.Fatalf("rank %d: [%d] min %v max %v, want %v %v", r, i, lo[i], hi[i], wantLo, wantHi)
		}
	}
}

// TestExchangeAccumulators: per-bin fixed-point accumulators (a count and
// the sums of x and x², laid out as device.Collective.Accumulate does)
// filled by each rank over its slice of a beam and summed with SumInt64
// equal, word for word, the accumulators of the whole beam on one process.
func TestExchangeAccumulators(t *testing.T) {
	ex := NewExchange()
	K, r := Size(), Rank()
	const n, nbunch, nterms = 1001, 4, 2
	rng := rand.New(rand.NewPCG(5, 6))
	x := make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(12)-9))
	}
	stride := device.AccStride(nterms)
	accumulate := func(first, count int) []int64 {
		b := device.Binning{NBunch: nbunch, First: first}
		out := make([]int64, b.Bins()*stride)
		for i := 0; i < count; i++ {
			v := x[first+i]
			bin := out[b.Bunch(i)*stride:]
			bin[0]++
			if !device.AccAdd(bin[1:1+device.AccWords], v) || !device.AccAdd(bin[1+device.AccWords:], v*v) {
				t.Fatalf("value %g does not fit an accumulator", v)
			}
		}
		return out
	}
	lo, hi := Split(n, K, r)
	got := accumulate(lo, hi-lo)
	if err := ex.SumInt64(got); err != nil {
		t.Fatalf("rank %d: %v", r, err)
	}
	want := accumulate(0, n)
	for j := range want {
		if got[j] != want[j] {
			t.Fatalf("rank %d: word %d = %d after the exchange, %d on one process", r, j, got[j], want[j])
		}
	}
	for b := 0; b < nbunch; b++ {
		for k := 0; k < nterms; k++ {
			w := want[b*stride+1+k*device.AccWords:][:device.AccWords]
			g := got[b*stride+1+k*device.AccWords:][:device.AccWords]
			if gv, wv := device.AccFloat64(g), device.AccFloat64(w); math.Float64bits(gv) != math.Float64bits(wv) {
				t.Errorf("rank %d: bunch %d term %d: %v, want %v", r, b, k, gv, wv)
			}
		}
	}
}

func TestExchangeDeviceAware(t *testing.T) {
	ex := NewExchange()
	aware, why := CUDAAware()
	if ex.DeviceAware() != aware {
		t.Fatalf("DeviceAware() = %v, CUDAAware() = %v (%s)", ex.DeviceAware(), aware, why)
	}
	if os.Getenv(cudaAwareEnv) == "1" {
		if !aware {
			t.Fatalf("%s=1 but the MPI is not CUDA-aware: %s", cudaAwareEnv, why)
		}
		return
	}
	if aware {
		t.Fatalf("the MPI says it is CUDA-aware (%s); set %s=1 if it is meant to be", why, cudaAwareEnv)
	}
	// Not CUDA-aware: the device path refuses, without reading the
	// address (which would be taken as host memory).
	if err := ex.SumInt64Device(0xdead0000, 4); err == nil {
		t.Fatal("SumInt64Device on an MPI that is not CUDA-aware: no error")
	} else {
		t.Logf("rank %d: %v", Rank(), err)
	}
	if p := reducePath(ex.DeviceAware()); p[:len("MPI reductions of GPU buffers staged")] != "MPI reductions of GPU buffers staged" {
		t.Errorf("reported path %q, want the staged one", p)
	}
}
