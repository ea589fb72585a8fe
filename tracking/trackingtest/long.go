package trackingtest

import "os"

// LongEnv is the environment variable that selects the long test sizes.
//
// The default `go test ./...` shrinks the most expensive tests (fewer
// particles, turns or cases, or a representative subset of the reference
// cases) so that the whole suite takes about a minute on two idle cores;
// their checks and tolerances are the same at both sizes. With
// GOTRACK_LONG_TESTS=1 they run at their full sizes, as the CI's long step
// does (.ci/run). Each such test says in its comment what it runs by
// default and what with GOTRACK_LONG_TESTS=1.
const LongEnv = "GOTRACK_LONG_TESTS"

// Long reports whether the long test sizes are selected
// (GOTRACK_LONG_TESTS=1).
func Long() bool { return os.Getenv(LongEnv) == "1" }

// Size returns long with GOTRACK_LONG_TESTS=1 and def otherwise.
func Size(def, long int) int {
	if Long() {
		return long
	}
	return def
}
