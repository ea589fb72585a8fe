package atm

import "math"

func sqrt(x float64) float64      { return math.Sqrt(x) }
func roundEven(x float64) float64 { return math.RoundToEven(x) }
