package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestParseKernels parses the real kernel sources: every GT_GLOBAL kernel
// is found, with 8-byte arguments only.
func TestParseKernels(t *testing.T) {
	ks, err := parseKernels(filepath.Join("..", "..", "..", "kernels"))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, k := range ks {
		got[k.name] = len(k.params)
	}
	want := map[string]int{"gt_segment": 11, "gt_elem_": 6, "gt_extent": 8, "gt_accumulate": 15, "gt_kick": 11, "gt_push": 6}
	for n, np := range want {
		if got[n] != np {
			t.Errorf("kernel %s: %d parameters, want %d", n, got[n], np)
		}
	}
	if len(got) != len(want) {
		t.Errorf("kernels %v, want those of %v", got, want)
	}
}

// TestParseFileRejects checks that the parser fails on what it does not
// understand rather than guess.
func TestParseFileRejects(t *testing.T) {
	for _, c := range []struct{ src, msg string }{
		{"GT_GLOBAL void k(int32_t n) {}", "not 8 bytes"},
		{"GT_GLOBAL void k(const int64_t n) {}", "const scalar"},
		{"GT_GLOBAL void k(double **p) {}", "want [const] TYPE"},
		{"GT_GLOBAL void k(gt_beam b) {}", "not 8 bytes"},
		{"GT_GLOBAL int k(double *p) {}", "want \"void NAME(\""},
		{"GT_GLOBAL void k(void) {}", "no parameters"},
		{"GT_GLOBAL void k(double *p, int64_t p) {}", "repeat"},
		{"GT_GLOBAL void k(double *type) {}", "Go keyword"},
		{"GT_GLOBAL void k(double *p", "no closing parenthesis"},
		{"#define K(name) GT_GLOBAL void gt_x_##name(double *p) {}\n", "not applied with GT_FOR_EACH_METHOD"},
		{"#define K(m) GT_GLOBAL void gt_x_##name(double *p) {}\nGT_FOR_EACH_METHOD(K)\n", "macro K takes"},
	} {
		_, err := parseFile(c.src)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%q: error %v, want one saying %q", c.src, err, c.msg)
		}
	}
	ks, err := parseFile("/* GT_GLOBAL in a comment */\n#define K(name) \\\n GT_GLOBAL GT_BOUNDS(1, 2) void gt_x_##name(const double *p, long long n) {}\nGT_FOR_EACH_METHOD(K)\n")
	if err != nil || len(ks) != 1 || !ks[0].family || ks[0].name != "gt_x_" || len(ks[0].params) != 2 || ks[0].params[1].gtype != "int64" {
		t.Errorf("family kernel: %+v, %v", ks, err)
	}
}

// TestHeaderCurrent checks that kernels/element.h is what the generator
// writes now (go generate ./device after changing package device).
func TestHeaderCurrent(t *testing.T) {
	want, err := genHeader(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join("..", "..", "..", "kernels", "element.h"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Error("kernels/element.h is stale: run go generate ./device")
	}
}

// TestLaunchCurrent checks that cuda/launch_gen.go is what the generator
// writes from the kernel sources now.
func TestLaunchCurrent(t *testing.T) {
	ks, err := parseKernels(filepath.Join("..", "..", "..", "kernels"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := genLaunch(ks)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join("..", "..", "..", "cuda", "launch_gen.go"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Error("cuda/launch_gen.go is stale: run go generate ./device")
	}
}
