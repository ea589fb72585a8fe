//go:build !cgo

package host

import "github.com/gotrack/gotrack/device"

// Without cgo there is no C build of the kernel source (package
// kernels/cpu): the Go engine is the default CPU backend, "cpu", too.
func init() {
	device.Register("cpu", 0, func(cfg device.Config) (device.Backend, error) { return newNamed("cpu", cfg), nil })
}
