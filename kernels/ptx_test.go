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
		{8, 0, "_sm80.ptx", ".target sm_80"},
		{8, 6, "_sm80.ptx", ".target sm_80"},
		{8, 9, "_sm80.ptx", ".target sm_80"},
		{9, 0, "_sm90.ptx", ".target sm_90"},
		{10, 0, "_sm90.ptx", ".target sm_90"},
		{12, 0, "_sm90.ptx", ".target sm_90"},
	} {
		for module, entries := range map[string][]string{
			SegmentModule:  {".entry gt_segment(", ".entry gt_extent(", ".entry gt_accumulate(", ".entry gt_kick("},
			ElementsModule: {".entry gt_elem_DriftPass(", ".entry gt_elem_ExactRectangularBendPass("},
		} {
			name, ptx, err := PTX(module, c.major, c.minor)
			if err != nil {
				t.Errorf("PTX(%s, %d, %d): %v", module, c.major, c.minor, err)
				continue
			}
			if name != module+c.want {
				t.Errorf("PTX(%s, %d, %d) = %s, want %s", module, c.major, c.minor, name, module+c.want)
			}
			if !strings.Contains(ptx, c.target) {
				t.Errorf("PTX(%s, %d, %d): %s lacks %q", module, c.major, c.minor, name, c.target)
			}
			for _, k := range entries {
				if !strings.Contains(ptx, k) {
					t.Errorf("PTX(%s, %d, %d): %s lacks %q", module, c.major, c.minor, name, k)
				}
			}
		}
	}
}

func TestPTXTooOld(t *testing.T) {
	for _, c := range [][2]int{{7, 5}, {6, 1}, {3, 0}} {
		_, _, err := PTX(SegmentModule, c[0], c[1])
		if _, _, ferr := Fatbin(SegmentModule, c[0], c[1]); ferr == nil {
			t.Errorf("Fatbin(%d, %d): no error", c[0], c[1])
		}
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
		name, ptx, err := PTX(SegmentModule, a[0], a[1])
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
		name, ptx, err := PTX(SegmentModule, a[0], a[1])
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

// TestFatbin checks that each module's fat binary holds ELF machine code
// (magic at the images' start is checked by cuobjdump in CI) and names its
// kernels, for a capability the machine code covers and one only the PTX
// covers.
func TestFatbin(t *testing.T) {
	for _, cc := range [][2]int{{8, 0}, {9, 0}, {12, 0}} {
		for module, kernel := range map[string]string{SegmentModule: "gt_segment", ElementsModule: "gt_elem_DriftPass"} {
			name, img, err := Fatbin(module, cc[0], cc[1])
			if err != nil {
				t.Fatalf("Fatbin(%s, %d, %d): %v", module, cc[0], cc[1], err)
			}
			if name != module+".fatbin" {
				t.Errorf("Fatbin(%s) name %s", module, name)
			}
			// fatbinary's magic 0xBA55ED50, little-endian.
			if len(img) < 16 || img[0] != 0x50 || img[1] != 0xed || img[2] != 0x55 || img[3] != 0xba {
				t.Errorf("Fatbin(%s): not a fat binary (first bytes % x)", module, img[:min(len(img), 8)])
			}
			if !strings.Contains(string(img), kernel) || !strings.Contains(string(img), "\x7fELF") {
				t.Errorf("Fatbin(%s): lacks kernel %s or ELF images", module, kernel)
			}
		}
	}
	if _, _, err := Fatbin("nosuch", 9, 0); err == nil {
		t.Error("Fatbin(nosuch): no error")
	}
}
