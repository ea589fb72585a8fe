package device

import "testing"

func TestCountNoun(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{0, "0 threads"}, {1, "1 thread"}, {2, "2 threads"}, {-1, "-1 threads"}} {
		if got := CountNoun(c.n, "thread"); got != c.want {
			t.Errorf("CountNoun(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}
