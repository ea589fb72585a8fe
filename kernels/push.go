package kernels

import (
	"fmt"
	"regexp"
	"strings"
)

// Names in the compilation unit of a programmable element (PushSource).
const (
	// PushFunc is the name of the user function (PushSignature).
	PushFunc = "gotrack_push"
	// PushSignature is the declaration of the user function.
	PushSignature = "__device__ void gotrack_push(double r[6], const gt_push_ctx *ctx)"
	// PushKernel is the GPU kernel (extern "C", one thread per particle
	// slot) with arguments (const gt_beam *beam, const gt_params *params,
	// const double *values, int64_t nvalues, int64_t turn, int64_t
	// element): the beam descriptor of beam.cuh and the ring
	// parameters in device memory, the element's user values and their
	// number, AT's turn counter and the element's lattice index.
	PushKernel = "gt_push"
	// PushHostFunc is the host entry of the gcc build: PushKernel's
	// arguments followed by (int64_t lo, int64_t hi), running particles
	// [lo, hi).
	PushHostFunc = "gt_push_host"
)

var (
	localInclude  = regexp.MustCompile(`^\s*#\s*include\s*"([^"]+)"`)
	systemInclude = regexp.MustCompile(`^\s*#\s*include\s*<[^>]+>`)
)

// PushSource returns the complete compilation unit of a programmable
// element whose user source src defines
//
//	__device__ void gotrack_push(double r[6], const gt_push_ctx *ctx)
//
// The unit is self-contained text: gotrack's headers (gotrack.h,
// element.h, push.cuh) pasted in, the user source, then the entry points
// of pushentry.cuh (PushKernel under a CUDA compiler, PushHostFunc under
// a C compiler). It compiles with NVRTC, which has no system headers (the
// unit includes none there), and with gcc as C99. #line directives make
// compiler messages name the headers, and the user source as name (with
// its own line numbers). The user code may use gotrack.h's helpers
// (gt_drift6, GT_C0, ...) and CUDA's math functions.
//
// Compile it for the GPU with --fmad=false and for the host with
// -ffp-contract=off (gotrack.h also turns contraction off under gcc),
// as the engine's kernels are.
func PushSource(name, src string) string {
	var b strings.Builder
	seen := map[string]bool{}
	inline(&b, "push.cuh", seen)
	fmt.Fprintf(&b, "#line 1 %s\n", cString(name))
	b.WriteString(src)
	if !strings.HasSuffix(src, "\n") {
		b.WriteByte('\n')
	}
	inline(&b, "pushentry.cuh", seen)
	return b.String()
}

// inline writes the embedded source file with its local includes pasted
// in (each file once; the headers have include guards anyway) and its
// system includes kept for C compilers only.
func inline(b *strings.Builder, file string, seen map[string]bool) {
	seen[file] = true
	text, err := sources.ReadFile(file)
	if err != nil {
		// The embedded sources are fixed at build time; TestPushSource
		// checks that every include resolves.
		panic(fmt.Sprintf("kernels: %s: %v", file, err))
	}
	fmt.Fprintf(b, "#line 1 %s\n", cString(file))
	lines := strings.SplitAfter(string(text), "\n")
	for n, line := range lines {
		if m := localInclude.FindStringSubmatch(line); m != nil {
			if !seen[m[1]] {
				inline(b, m[1], seen)
			}
			fmt.Fprintf(b, "#line %d %s\n", n+2, cString(file))
			continue
		}
		if systemInclude.MatchString(line) {
			b.WriteString("#ifndef __CUDACC_RTC__\n")
			b.WriteString(strings.TrimRight(line, "\n") + "\n")
			b.WriteString("#endif\n")
			fmt.Fprintf(b, "#line %d %s\n", n+2, cString(file))
			continue
		}
		b.WriteString(line)
	}
	if len(text) > 0 && !strings.HasSuffix(string(text), "\n") {
		b.WriteByte('\n')
	}
}

// cString quotes s as a C string literal for #line (printable ASCII kept,
// everything else escaped in octal).
func cString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c >= 0x20 && c < 0x7f:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "\\%03o", c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
