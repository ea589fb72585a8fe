//go:build cuda

package cuda

import "testing"

// TestDeviceCount: the driver sees at least one GPU (this package does
// not start without one), the last ordinal counted opens and the next
// does not.
func TestDeviceCount(t *testing.T) {
	n, err := DeviceCount()
	if err != nil {
		t.Fatal(err)
	}
	if n < 1 {
		t.Fatalf("DeviceCount() = %d, want at least 1", n)
	}
	b, err := Open(n - 1)
	if err != nil {
		t.Fatalf("GPU %d of %d: %v", n-1, n, err)
	}
	t.Logf("GPU %d of %d: %s", n-1, n, b.Describe())
	if _, err := Open(n); err == nil {
		t.Errorf("Open(%d) succeeded with %d GPU(s) counted", n, n)
	}
}
