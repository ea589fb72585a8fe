//go:build cgo && gtcoverage

package differential

/*
extern void __gcov_dump(void);
static void gt_gcov_dump(void) { __gcov_dump(); }
*/
import "C"

// GcovDump writes the gcov counters of every object of the test binary
// built with --coverage. A Go program exits without running C's atexit
// handlers, where gcov would write them.
//
// The tag gtcoverage needs CGO_CFLAGS and CGO_LDFLAGS to hold --coverage
// (cgo refuses it in #cgo lines), as scripts/kernel-coverage.sh sets them:
// they instrument every cgo package of the build, the kernels included,
// and link libgcov, which defines __gcov_dump.
func GcovDump() { C.gt_gcov_dump() }
