package kernels

import (
	"reflect"
	"strings"
	"testing"
)

func TestArchs(t *testing.T) {
	if got := Archs(); !reflect.DeepEqual(got, []int{80, 90}) {
		t.Errorf("Archs() = %v, want [80 90]", got)
	}
}

func TestPTX(t *testing.T) {
	for _, c := range []struct {
		major, minor int
		want, target string
	}{
		{8, 0, "segment_sm80.ptx", ".target sm_80"},
		{8, 6, "segment_sm80.ptx", ".target sm_80"},
		{8, 9, "segment_sm80.ptx", ".target sm_80"},
		{9, 0, "segment_sm90.ptx", ".target sm_90"},
		{10, 0, "segment_sm90.ptx", ".target sm_90"},
		{12, 0, "segment_sm90.ptx", ".target sm_90"},
	} {
		name, ptx, err := PTX(c.major, c.minor)
		if err != nil {
			t.Errorf("PTX(%d, %d): %v", c.major, c.minor, err)
			continue
		}
		if name != c.want {
			t.Errorf("PTX(%d, %d) = %s, want %s", c.major, c.minor, name, c.want)
		}
		if !strings.Contains(ptx, c.target) {
			t.Errorf("PTX(%d, %d): %s lacks %q", c.major, c.minor, name, c.target)
		}
		for _, k := range []string{".entry gt_segment(", ".entry gt_elem_DriftPass(", ".entry gt_elem_ExactRectangularBendPass(",
			".entry gt_extent(", ".entry gt_accumulate(", ".entry gt_kick("} {
			if !strings.Contains(ptx, k) {
				t.Errorf("PTX(%d, %d): %s lacks %q", c.major, c.minor, name, k)
			}
		}
	}
}

func TestPTXTooOld(t *testing.T) {
	for _, c := range [][2]int{{7, 5}, {6, 1}, {3, 0}} {
		_, _, err := PTX(c[0], c[1])
		if err == nil {
			t.Errorf("PTX(%d, %d): no error", c[0], c[1])
			continue
		}
		want := "compute capability " + string(rune('0'+c[0])) + "." + string(rune('0'+c[1]))
		if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "8.0") {
			t.Errorf("PTX(%d, %d): error %q does not name the device's capability and 8.0", c[0], c[1], err)
		}
	}
}

// TestNoFMAContraction checks that the PTX was built with -fmad=false:
// products and sums of the passmethods are separate, explicitly rounded
// instructions (the fma that remain come from CUDA's math library).
func TestNoFMAContraction(t *testing.T) {
	for _, a := range [][2]int{{8, 0}, {9, 0}} {
		name, ptx, err := PTX(a[0], a[1])
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(ptx, "mul.rn.f64") || !strings.Contains(ptx, "add.rn.f64") {
			t.Errorf("%s: no mul.rn.f64/add.rn.f64: not compiled with -fmad=false?", name)
		}
	}
}

// TestCollectiveNoFMA checks that the whole-beam kernels, which must give
// the Go backend's bits, contain no fused multiply-add at all (they call
// no math library function that could bring one).
func TestCollectiveNoFMA(t *testing.T) {
	for _, a := range [][2]int{{8, 0}, {9, 0}} {
		name, ptx, err := PTX(a[0], a[1])
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"gt_extent", "gt_accumulate", "gt_kick"} {
			i := strings.Index(ptx, ".entry "+k+"(")
			if i < 0 {
				t.Errorf("%s: no kernel %s", name, k)
				continue
			}
			body := ptx[i:]
			if j := strings.Index(body, "\n}\n"); j >= 0 {
				body = body[:j]
			}
			if strings.Contains(body, "fma.") {
				t.Errorf("%s: kernel %s contains an fma", name, k)
			}
		}
	}
}
