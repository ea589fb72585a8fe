package trackingtest

import "github.com/gotrack/gotrack/device"

// Registered returns the constructor of the backend registered as name:
// for the suites run on a backend chosen by name ("cpu" is the C backend
// with cgo, the Go engine without).
func Registered(name string) device.Factory {
	return func(cfg device.Config) (device.Backend, error) { return device.Open(name, cfg) }
}
