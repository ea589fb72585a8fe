package tracking

import "fmt"

// HookPoint says when a hook runs.
type HookPoint int

// The points of a run where hooks are called.
const (
	// BeforeTurn hooks run at the start of every turn.
	BeforeTurn HookPoint = iota
	// AfterTurn hooks run at the end of every turn.
	AfterTurn
	// BeforeElement hooks run at the entrance of the selected elements.
	BeforeElement
	// AfterElement hooks run at the exit of the selected elements.
	AfterElement
)

// String names the hook point.
func (p HookPoint) String() string {
	switch p {
	case BeforeTurn:
		return "before turn"
	case AfterTurn:
		return "after turn"
	case BeforeElement:
		return "before element"
	case AfterElement:
		return "after element"
	}
	return fmt.Sprintf("HookPoint(%d)", int(p))
}
