package device

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
)

// Config holds the options a backend is opened with. Backends ignore the
// fields that do not apply to them.
type Config struct {
	// Threads is the number of CPU goroutines (0: all cores).
	Threads int
	// TileSize is the number of particles per CPU tile (0: the default).
	TileSize int
	// SerialBelow runs on one goroutine when the beam has fewer particles
	// (0: the backend's default; negative: never).
	SerialBelow int
	// GPU is the ordinal of the GPU to use.
	GPU int
	// Notes, when not nil, receives the backend's advice on how it is
	// used (a beam small for a GPU); nil silences it.
	Notes io.Writer
}

// Factory opens a backend. It returns an error when the backend cannot run
// on this host (no GPU, no driver).
type Factory func(cfg Config) (Backend, error)

type driver struct {
	name     string
	priority int
	open     Factory
}

var (
	regMu   sync.Mutex
	drivers []driver
)

// Register makes a backend available under name. Open("auto") tries the
// registered backends from the highest priority down. Register panics if
// name is registered twice.
func Register(name string, priority int, f Factory) {
	regMu.Lock()
	defer regMu.Unlock()
	for _, d := range drivers {
		if d.name == name {
			panic("device: backend " + name + " registered twice")
		}
	}
	drivers = append(drivers, driver{name, priority, f})
	sort.SliceStable(drivers, func(i, j int) bool { return drivers[i].priority > drivers[j].priority })
}

// Names lists the registered backends, highest priority first.
func Names() []string {
	regMu.Lock()
	defer regMu.Unlock()
	n := make([]string, len(drivers))
	for i, d := range drivers {
		n[i] = d.name
	}
	return n
}

// Open opens the backend called name, or with name "auto" (or "") the
// highest-priority backend that opens on this host.
func Open(name string, cfg Config) (Backend, error) {
	regMu.Lock()
	ds := append([]driver(nil), drivers...)
	regMu.Unlock()
	if name == "" || name == "auto" {
		var errs []string
		for _, d := range ds {
			b, err := d.open(cfg)
			if err == nil {
				return b, nil
			}
			errs = append(errs, fmt.Sprintf("%s: %v", d.name, err))
		}
		if len(ds) == 0 {
			return nil, fmt.Errorf("device: no backend registered (import github.com/gotrack/gotrack/host)")
		}
		return nil, fmt.Errorf("device: no backend usable: %s", strings.Join(errs, "; "))
	}
	for _, d := range ds {
		if d.name == name {
			b, err := d.open(cfg)
			if err != nil {
				return nil, fmt.Errorf("device: open backend %q: %w", name, err)
			}
			return b, nil
		}
	}
	return nil, fmt.Errorf("device: unknown backend %q (registered: %s)", name, strings.Join(Names(), ", "))
}
