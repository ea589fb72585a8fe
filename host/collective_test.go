package host

import (
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/device/collectivetest"
)

// TestCollective runs the CPU beam's whole-beam operations through the
// shared suite: extents, accumulator words and kicked coordinates equal
// plain Go loops over the contract bit for bit (no tolerance), on 1 and 3
// goroutines.
func TestCollective(t *testing.T) {
	for _, threads := range []int{1, 3} {
		collectivetest.Run(t, collectivetest.Uploader(New(device.Config{Threads: threads})), collectivetest.Options{})
	}
}
