package acceptance

import (
	"math/rand"
	"sort"
	"testing"
)

// TestArgsortSorts checks that argsort orders values of many sizes with
// many ties (the tie order itself is numpy's, checked by the cartesian
// and floodfill reference cases).
func TestArgsortSorts(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for _, n := range []int{0, 1, 2, 15, 16, 17, 100, 1000} {
		v := make([]float64, n)
		for i := range v {
			v[i] = float64(r.Intn(7))
		}
		idx := argsort(v)
		seen := make([]bool, n)
		for k, i := range idx {
			if seen[i] {
				t.Fatalf("n=%d: index %d twice", n, i)
			}
			seen[i] = true
			if k > 0 && v[idx[k-1]] > v[i] {
				t.Fatalf("n=%d: not sorted at %d", n, k)
			}
		}
		if !sort.IntsAreSorted(argsort([]float64{1, 2, 3})) {
			t.Fatal("sorted input reordered")
		}
	}
}
