package host

import (
	"fmt"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/device/rng"
)

// Particle is one particle's AT 6D coordinates (x, px, y, py, delta, ct).
type Particle = [6]float64

// Env is what a passmethod may read besides its element record: the plan's
// ring parameters, the current turn (AT's Param->nturn), and the keys of
// the random numbers: the element's plan index and the index in the whole
// beam of the tile's first particle.
type Env struct {
	device.Params
	Turn    int
	Element int
	Index0  int64
}

// stream opens the random-number stream of tile particle i in this
// element and turn.
func (env *Env) stream(i int) rng.Stream {
	return rng.NewStream(env.Seed, env.Index0+int64(i), int64(env.Turn), int64(env.Element))
}

// passFunc tracks every live particle of tile through one element. A
// particle is live when its x is not NaN; passmethods must leave particles
// with NaN x untouched, as AT's integrators do. pool is the plan's
// coefficient pool, indexed by the record's offsets.
type passFunc func(tile []Particle, e *device.Element, pool []float64, env *Env)

var passTable [device.NumMethods]passFunc

// register installs the tile function of a passmethod. It panics on a
// second registration of the same method (a programming error).
func register(m device.Method, f passFunc) {
	if passTable[m] != nil {
		panic(fmt.Sprintf("host: passmethod %v registered twice", m))
	}
	passTable[m] = f
}

// Supports reports whether the CPU backend implements passmethod m.
func Supports(m device.Method) bool {
	return m >= 0 && m < device.NumMethods && passTable[m] != nil
}

// arr returns the n pool values at offset off, or nil when off is Absent.
func arr(pool []float64, off int32, n int) []float64 {
	if off == device.Absent {
		return nil
	}
	return pool[off : int(off)+n : int(off)+n]
}
