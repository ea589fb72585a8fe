package device

import "strconv"

// CountNoun returns a count with its noun, singular or plural: "1 thread",
// "4 threads". Backends use it in Describe; the command in its messages.
func CountNoun(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
