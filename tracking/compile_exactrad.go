package tracking

import (
	"errors"
	"fmt"

	"github.com/gotrack/gotrack/device"
)

// checkExactSteps applies the NumIntSteps checks AT's trackFunction makes
// for the radiating exact passes (NumIntSteps must be positive) and for
// ExactRectBendPass (NumIntSteps 0, one exact body map, is allowed only
// when every PolynomA and PolynomB coefficient up to MaxOrder is zero).
func checkExactSteps(el *Element, rec *device.Element, pool []float64) error {
	m := rec.Method
	if m.Radiating() {
		if rec.NumIntSteps <= 0 {
			return &ElementError{Attr: "NumIntSteps", Err: fmt.Errorf("must be positive with radiation (%s), got %d", m, rec.NumIntSteps)}
		}
		return nil
	}
	if rec.NumIntSteps != 0 {
		return nil
	}
	n := int(rec.MaxOrder) + 1
	for _, off := range [...]int32{rec.PolynomA, rec.PolynomB} {
		if off == device.Absent {
			continue
		}
		for _, v := range pool[off : int(off)+n] {
			if v != 0 {
				return &ElementError{Attr: "NumIntSteps", Err: errors.New("0 (one exact body map) is not allowed with multipoles: PolynomA and PolynomB must be zero")}
			}
		}
	}
	return nil
}
