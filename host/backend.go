package host

import (
	"fmt"
	"runtime"

	"github.com/gotrack/gotrack/device"
)

// Defaults of the CPU backend.
const (
	// DefaultTileSize is the number of particles tracked together through a
	// segment: 256 particles × 48 bytes = 12 KiB, well inside L1/L2.
	DefaultTileSize = 256
	// DefaultSerialBelow is the beam size under which one goroutine is
	// used, like AT's OMP_PARTICLE_THRESHOLD.
	DefaultSerialBelow = 10
)

// Name is the registry name of the Go engine: "cpu-go" in every build. In
// builds without cgo it is also registered as "cpu" (nocgo.go); with cgo,
// "cpu" is the kernel source compiled by the host C compiler (package
// kernels/cpu).
const Name = "cpu-go"

func init() {
	device.Register(Name, -1, func(cfg device.Config) (device.Backend, error) { return New(cfg), nil })
}

// Backend is the CPU backend.
type Backend struct {
	name        string
	threads     int
	tileSize    int
	serialBelow int
}

// New returns the Go engine, named Name, configured by cfg (zero fields
// take the defaults: all cores, DefaultTileSize, DefaultSerialBelow).
func New(cfg device.Config) *Backend { return newNamed(Name, cfg) }

// newNamed returns the Go engine under the registry name name.
func newNamed(name string, cfg device.Config) *Backend {
	c := cfg.CPU(DefaultTileSize, DefaultSerialBelow)
	return &Backend{name: name, threads: c.Threads, tileSize: c.TileSize, serialBelow: c.SerialBelow}
}

// Name returns the backend's registry name: "cpu-go", or "cpu" when
// registered as the default CPU backend of a build without cgo.
func (b *Backend) Name() string { return b.name }

// Threads returns the number of goroutines the backend uses.
func (b *Backend) Threads() int { return b.threads }

// Describe says how many threads and what tile size the backend uses.
func (b *Backend) Describe() string {
	return fmt.Sprintf("%s (Go engine, %s, tiles of %s, %s)", b.name, device.CountNoun(b.threads, "thread"), device.CountNoun(b.tileSize, "particle"), device.CountNoun(runtime.NumCPU(), "core"))
}

// NewBeam allocates a beam of n particles in host memory.
func (b *Backend) NewBeam(n int) (device.Beam, error) {
	if n < 0 {
		return nil, fmt.Errorf("host: negative beam size %d", n)
	}
	return &Beam{p: device.NewParticles(n), threads: b.threads}, nil
}

// Load checks that every passmethod of the plan is implemented and returns
// a program that runs it.
func (b *Backend) Load(p *device.Plan) (device.Program, error) {
	for i := range p.Elements {
		if m := p.Elements[i].Method; !Supports(m) {
			return nil, fmt.Errorf("host: element %d: passmethod %v is not implemented on the CPU", i, m)
		}
	}
	return &program{b: b, plan: p}, nil
}

// Beam is a beam in host memory. Its Particles are tracked in place.
type Beam struct {
	p       *device.Particles
	threads int // goroutines of whole-beam operations
}

// Len returns the number of particles.
func (hb *Beam) Len() int { return hb.p.Len() }

// Particles returns the beam's storage; tracking updates it in place.
func (hb *Beam) Particles() *device.Particles { return hb.p }

// Upload copies src into the beam.
func (hb *Beam) Upload(src *device.Particles) error {
	if src.Len() != hb.Len() {
		return fmt.Errorf("host: upload %d particles into a beam of %d", src.Len(), hb.Len())
	}
	hb.p.CopyFrom(src)
	return nil
}

// Download copies the beam into dst.
func (hb *Beam) Download(dst *device.Particles) error {
	if dst.Len() != hb.Len() {
		return fmt.Errorf("host: download a beam of %d particles into %d", hb.Len(), dst.Len())
	}
	dst.CopyFrom(hb.p)
	return nil
}

// Close releases nothing: the garbage collector owns host memory.
func (hb *Beam) Close() error { return nil }
