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
		be := New(device.Config{Threads: threads})
		open := func(t *testing.T, p *device.Particles) device.Beam {
			db, err := be.NewBeam(p.Len())
			if err != nil {
				t.Fatal(err)
			}
			if err := db.Upload(p); err != nil {
				t.Fatal(err)
			}
			return db
		}
		collectivetest.Run(t, open, collectivetest.Options{})
	}
}
