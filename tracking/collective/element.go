package collective

// Element is what compiling a collective element reads and what it writes
// back after a run (a wake's _turnhistory): the element's attributes by
// name, with the values of tracking.Attr. *tracking.Element satisfies it.
type Element interface {
	Get(name string) (any, bool)
	Set(name string, v any)
}
