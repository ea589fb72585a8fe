//go:build cgo

package harness

import (
	"fmt"
	"reflect"
	"testing"
	"unsafe"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/kernels/cpu"
)

// TestElementLayout checks that device.Element and the CUDA header's
// gt_element have the same size and the same offset for every field, and
// that device.Params matches gt_params.
func TestElementLayout(t *testing.T) {
	size, offsets, psize := cpu.Layout()
	gt := reflect.TypeOf(device.Element{})
	if size != gt.Size() {
		t.Fatalf("gt_element is %d bytes, device.Element %d", size, gt.Size())
	}
	n, blanks := 0, 0
	for i := 0; i < gt.NumField(); i++ {
		f := gt.Field(i)
		name := f.Name
		if name == "_" {
			// genabi names the blank fields Pad_, Pad1_, Pad2_, ... in order.
			name = "Pad_"
			if blanks > 0 {
				name = fmt.Sprintf("Pad%d_", blanks)
			}
			blanks++
		}
		off, ok := offsets[name]
		if !ok {
			t.Errorf("device.Element.%s has no field in gt_element", name)
			continue
		}
		if off != f.Offset {
			t.Errorf("field %s: offset %d in C, %d in Go", name, off, f.Offset)
		}
		n++
	}
	if n != len(offsets) {
		t.Errorf("gt_element has %d fields, device.Element %d", len(offsets), n)
	}
	if psize != unsafe.Sizeof(device.Params{}) {
		t.Errorf("gt_params is %d bytes, device.Params %d", psize, unsafe.Sizeof(device.Params{}))
	}
}
