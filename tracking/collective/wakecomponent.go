package collective

import (
	"fmt"
)

// WakeComponent is one of the seven wake components of AT's WakeFieldPass,
// numbered as PyAT's WakeComponent enum.
type WakeComponent int

// The wake components, with PyAT's enum values.
const (
	WakeDX WakeComponent = 1 // dipole, horizontal [V/C/m]
	WakeDY WakeComponent = 2 // dipole, vertical [V/C/m]
	WakeQX WakeComponent = 3 // quadrupole, horizontal [V/C/m]
	WakeQY WakeComponent = 4 // quadrupole, vertical [V/C/m]
	WakeZ  WakeComponent = 5 // longitudinal [V/C]
	WakeCX WakeComponent = 6 // constant dipole, horizontal [V/C]
	WakeCY WakeComponent = 7 // constant dipole, vertical [V/C]
)

// WakeComponents lists the components in PyAT's enum order.
var WakeComponents = []WakeComponent{WakeDX, WakeDY, WakeQX, WakeQY, WakeZ, WakeCX, WakeCY}

var wakeComponentNames = [...]string{WakeDX: "DX", WakeDY: "DY", WakeQX: "QX", WakeQY: "QY", WakeZ: "Z", WakeCX: "CX", WakeCY: "CY"}

// Valid reports whether c is one of the seven components.
func (c WakeComponent) Valid() bool { return c >= WakeDX && c <= WakeCY }

// String returns PyAT's name of the component ("DX", ..., "Z", ...), or
// "WakeComponent(n)" for an invalid value.
func (c WakeComponent) String() string {
	if !c.Valid() {
		return fmt.Sprintf("WakeComponent(%d)", int(c))
	}
	return wakeComponentNames[c]
}

// Attr returns the element attribute that holds the component's table in
// an AT wake element ("_wakeDX", ..., "_wakeZ", ...), or "" for an invalid
// value.
func (c WakeComponent) Attr() string {
	if !c.Valid() {
		return ""
	}
	return "_wake" + wakeComponentNames[c]
}

// Transverse reports whether c is a transverse component (all but Z).
func (c WakeComponent) Transverse() bool { return c.Valid() && c != WakeZ }

// ParseWakeComponent returns the component named s as PyAT names it ("DX",
// "Z", ...; a "WakeComponent." prefix is accepted, which is how PyAT prints
// the enum).
func ParseWakeComponent(s string) (WakeComponent, error) {
	name := s
	if len(name) > len("WakeComponent.") && name[:len("WakeComponent.")] == "WakeComponent." {
		name = name[len("WakeComponent."):]
	}
	for _, c := range WakeComponents {
		if wakeComponentNames[c] == name {
			return c, nil
		}
	}
	return 0, fmt.Errorf("unknown wake component %q (want one of DX, DY, QX, QY, Z, CX, CY)", s)
}
