package atm

import (
	_ "github.com/gotrack/gotrack/host"        // registers the Go engine ("cpu" without cgo)
	_ "github.com/gotrack/gotrack/kernels/cpu" // "cpu" with cgo
)
