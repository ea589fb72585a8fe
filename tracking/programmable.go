package tracking

// ProgrammablePass is the passmethod name of programmable elements, whose
// push is user code (Element.Program). It is gotrack's own: AT does not
// know it.
const ProgrammablePass = "ProgrammablePass"

// Programmable is the user code of a programmable element. Push is Go
// code, run on the host over the beam's coordinates (on the CPU backend
// the live arrays, on a GPU a copy written back after the call). CUDA is
// CUDA C source defining the device function
//
//	__device__ void gotrack_push(double r[6], const gt_push_ctx *ctx)
//
// which GPU backends compile at run time (NVRTC) and apply to every live
// particle in GPU memory. When both are given, a GPU backend uses CUDA and
// the CPU backend Push.
type Programmable struct {
	Push func(ctx *PushContext) error
	CUDA string
	// Values are user parameters passed to the CUDA function
	// (ctx->values) and kept in PushContext.
	Values []float64
}

// NewProgrammable returns a programmable element named famName of the
// given length (which counts in the ring length, like any element's).
func NewProgrammable(famName string, length float64, p *Programmable) *Element {
	e := &Element{FamName: famName, PassMethod: ProgrammablePass, Program: p}
	e.Set("Length", length)
	return e
}
