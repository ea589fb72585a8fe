package mpi

import "testing"

func TestSplit(t *testing.T) {
	for _, n := range []int{0, 1, 2, 5, 7, 200, 1001} {
		for size := 1; size <= 9; size++ {
			next := 0
			for r := 0; r < size; r++ {
				lo, hi := Split(n, size, r)
				if lo != next {
					t.Fatalf("Split(%d, %d, %d) = [%d, %d): not contiguous, want lo = %d", n, size, r, lo, hi, next)
				}
				want := n / size
				if r < n%size {
					want++
				}
				if hi-lo != want {
					t.Fatalf("Split(%d, %d, %d) = [%d, %d): %d particles, want %d", n, size, r, lo, hi, hi-lo, want)
				}
				next = hi
			}
			if next != n {
				t.Fatalf("Split(%d, %d, ·) covers %d particles, want %d", n, size, next, n)
			}
		}
	}
}

func TestGPU(t *testing.T) {
	for _, v := range localRankVars {
		t.Setenv(v, "")
	}
	if g := GPU(4); g != 0 {
		t.Errorf("GPU(4) without launcher = %d, want 0", g)
	}
	t.Setenv("SLURM_LOCALID", "3")
	if g := GPU(2); g != 1 {
		t.Errorf("GPU(2) with SLURM_LOCALID=3 = %d, want 1", g)
	}
	t.Setenv("OMPI_COMM_WORLD_LOCAL_RANK", "5")
	if g := GPU(4); g != 1 {
		t.Errorf("GPU(4) with OMPI_COMM_WORLD_LOCAL_RANK=5 = %d, want 1 (OpenMPI's variable first)", g)
	}
	if g := GPU(0); g != 0 {
		t.Errorf("GPU(0) = %d, want 0", g)
	}
}
