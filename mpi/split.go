package mpi

import (
	"os"
	"strconv"
)

// Split returns the slice [lo, hi) of n particles that rank holds among
// size ranks: contiguous slices in rank order, the first n%size ranks
// holding one particle more than the others. It panics if size < 1 or
// rank is outside [0, size).
func Split(n, size, rank int) (lo, hi int) {
	if size < 1 || rank < 0 || rank >= size {
		panic("mpi: Split: rank " + strconv.Itoa(rank) + " outside 0.." + strconv.Itoa(size-1))
	}
	q, r := n/size, n%size
	lo = rank*q + min(rank, r)
	hi = lo + q
	if rank < r {
		hi++
	}
	return lo, hi
}

// localRankVars are the environment variables that launchers set to the
// rank of a process among those on its node: OpenMPI, MPICH/Intel MPI,
// Slurm's srun.
var localRankVars = []string{"OMPI_COMM_WORLD_LOCAL_RANK", "MPI_LOCALRANKID", "SLURM_LOCALID"}

// LocalRank returns the rank of this process among the ranks on its node,
// read from the first of OMPI_COMM_WORLD_LOCAL_RANK, MPI_LOCALRANKID and
// SLURM_LOCALID that holds a non-negative integer; ok is false when none
// does (not started by a launcher).
func LocalRank() (rank int, ok bool) {
	for _, v := range localRankVars {
		if s, set := os.LookupEnv(v); set {
			if r, err := strconv.Atoi(s); err == nil && r >= 0 {
				return r, true
			}
		}
	}
	return 0, false
}

// GPU returns the ordinal of the GPU this rank should use, for
// device.Config.GPU: the node-local rank modulo the number of visible
// GPUs, so that the ranks of a node share its GPUs round robin. It
// returns 0 when visible < 1 or when no launcher set a local rank.
func GPU(visible int) int {
	r, ok := LocalRank()
	if !ok || visible < 1 {
		return 0
	}
	return r % visible
}
