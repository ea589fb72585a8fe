package acceptance

// argsort is numpy's argsort(v) with the default kind "quicksort" as
// numpy 1.24 runs it (npysort aquicksort_: median-of-3 introsort with
// insertion sort below 16 elements and heapsort past the depth limit).
// The order of equal values is numpy's, which is not a stable one.
func argsort(v []float64) []int {
	n := len(v)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	if n < 2 {
		return idx
	}
	less := func(a, b float64) bool { return a < b || (b != b && a == a) }
	const small = 15
	type span struct{ l, r, depth int }
	var stack []span
	pl, pr := 0, n-1
	cdepth := msb(n) * 2
	for {
		if cdepth < 0 {
			aheapsort(v, idx[pl:pr+1], less)
		} else {
			for pr-pl > small {
				pm := pl + (pr-pl)>>1
				if less(v[idx[pm]], v[idx[pl]]) {
					idx[pm], idx[pl] = idx[pl], idx[pm]
				}
				if less(v[idx[pr]], v[idx[pm]]) {
					idx[pr], idx[pm] = idx[pm], idx[pr]
				}
				if less(v[idx[pm]], v[idx[pl]]) {
					idx[pm], idx[pl] = idx[pl], idx[pm]
				}
				vp := v[idx[pm]]
				pi, pj := pl, pr-1
				idx[pm], idx[pj] = idx[pj], idx[pm]
				for {
					pi++
					for less(v[idx[pi]], vp) {
						pi++
					}
					pj--
					for less(vp, v[idx[pj]]) {
						pj--
					}
					if pi >= pj {
						break
					}
					idx[pi], idx[pj] = idx[pj], idx[pi]
				}
				pk := pr - 1
				idx[pi], idx[pk] = idx[pk], idx[pi]
				cdepth--
				if pi-pl < pr-pi {
					stack = append(stack, span{pi + 1, pr, cdepth})
					pr = pi - 1
				} else {
					stack = append(stack, span{pl, pi - 1, cdepth})
					pl = pi + 1
				}
			}
			for pi := pl + 1; pi <= pr; pi++ {
				vi := idx[pi]
				vp := v[vi]
				pj := pi
				for pj > pl && less(vp, v[idx[pj-1]]) {
					idx[pj] = idx[pj-1]
					pj--
				}
				idx[pj] = vi
			}
		}
		if len(stack) == 0 {
			break
		}
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		pl, pr, cdepth = s.l, s.r, s.depth
	}
	return idx
}

// msb is numpy's npy_get_msb: the index of the highest set bit.
func msb(n int) int {
	d := 0
	for n >>= 1; n > 0; n >>= 1 {
		d++
	}
	return d
}

// aheapsort is numpy's aheapsort_ on the indices tosort.
func aheapsort(v []float64, tosort []int, less func(a, b float64) bool) {
	n := len(tosort)
	a := func(i int) *int { return &tosort[i-1] } // 1-based, as numpy
	for l := n >> 1; l > 0; l-- {
		tmp := *a(l)
		i, j := l, l<<1
		for j <= n {
			if j < n && less(v[*a(j)], v[*a(j + 1)]) {
				j++
			}
			if less(v[tmp], v[*a(j)]) {
				*a(i) = *a(j)
				i = j
				j += j
			} else {
				break
			}
		}
		*a(i) = tmp
	}
	for ; n > 1; n-- {
		tmp := *a(n)
		*a(n) = *a(1)
		i, j := 1, 2
		for j <= n-1 {
			if j < n-1 && less(v[*a(j)], v[*a(j + 1)]) {
				j++
			}
			if less(v[tmp], v[*a(j)]) {
				*a(i) = *a(j)
				i = j
				j += j
			} else {
				break
			}
		}
		*a(i) = tmp
	}
}
