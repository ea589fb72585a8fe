package kernels

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestPushSource checks the compilation unit's structure: no include left
// to resolve but the system ones, which NVRTC skips; the user source after
// its #line directive; both entry points; and #line directives that map
// each following line to the same line of the embedded file.
func TestPushSource(t *testing.T) {
	user := "__device__ void gotrack_push(double r[6], const gt_push_ctx *ctx)\n{\n    r[0] += 1e-3;\n}"
	unit := PushSource(`elem "QF"\1`, user)
	lines := strings.Split(unit, "\n")
	lineDir := regexp.MustCompile(`^#line (\d+) "(.*)"$`)
	files := map[string][]string{}
	for _, f := range []string{"push.cuh", "pushentry.cuh", "gotrack.h", "element.h", "beam.cuh"} {
		b, err := sources.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		files[f] = strings.Split(string(b), "\n")
	}
	seen := map[string]bool{}
	for i, l := range lines {
		if localInclude.MatchString(l) {
			t.Errorf("line %d: include left: %s", i+1, l)
		}
		if systemInclude.MatchString(l) && (i == 0 || lines[i-1] != "#ifndef __CUDACC_RTC__") {
			t.Errorf("line %d: system include not guarded from NVRTC: %s", i+1, l)
		}
		m := lineDir.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		seen[m[2]] = true
		src, ok := files[m[2]]
		if !ok {
			if m[2] != `elem \"QF\"\\1` {
				t.Errorf("line %d: #line names %q", i+1, m[2])
			}
			continue
		}
		if next := lines[i+1]; !strings.HasPrefix(next, "#") && src[n-1] != next {
			t.Errorf("line %d: #line %d %s is followed by %q, the file has %q", i+1, n, m[2], next, src[n-1])
		}
	}
	for f := range files {
		if !seen[f] {
			t.Errorf("%s not pasted in", f)
		}
	}
	at := strings.Index(unit, "#line 1 \"elem \\\"QF\\\"\\\\1\"\n"+user+"\n")
	if at < 0 {
		t.Fatal("user source not found after its #line directive")
	}
	entry := strings.Index(unit, "GOTRACK_PUSHENTRY_CUH")
	if entry < at {
		t.Error("entry points not after the user source")
	}
	for _, s := range []string{"GT_GLOBAL GT_BOUNDS(GT_THREADS_PER_BLOCK, GT_MIN_BLOCKS) void " + PushKernel + "(", "void " + PushHostFunc + "(", PushFunc + "(r, ctx)", "typedef long long int64_t;"} {
		if !strings.Contains(unit, s) {
			t.Errorf("unit lacks %q", s)
		}
	}
}

func TestCString(t *testing.T) {
	for in, want := range map[string]string{
		"a.cu":     `"a.cu"`,
		`q"b\c`:    `"q\"b\\c"`,
		"é\n1":     `"\303\251\0121"`,
		"tab\tend": `"tab\011end"`,
	} {
		if got := cString(in); got != want {
			t.Errorf("cString(%q) = %s, want %s", in, got, want)
		}
	}
}
