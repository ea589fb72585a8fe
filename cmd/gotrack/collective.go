package main

import (
	"fmt"

	"github.com/gotrack/gotrack/tracking"
)

// collectiveFile is one .npy file of what a collective element computed.
type collectiveFile struct {
	name  string
	shape []int
	data  []float64
}

// collectiveOutputs flattens the results of the collective elements into
// row-major arrays, in PyAT's index order: wake_E<i>.npy (rows, 4);
// beam_moments_E<i>_means/stds.npy (turns, bunches, 6);
// slice_moments_E<i>_means/stds.npy (passes, bunches, slices, 3) and
// _spos/_weights.npy (passes, bunches, slices).
func collectiveOutputs(res *tracking.Result) []collectiveFile {
	var out []collectiveFile
	for _, w := range res.Wakes {
		var d []float64
		for _, row := range w.TurnHistory {
			d = append(d, row...)
		}
		out = append(out, collectiveFile{fmt.Sprintf("wake_E%d.npy", w.Element), []int{len(w.TurnHistory), 4}, d})
	}
	for _, m := range res.BeamMoments {
		nb := 0
		if len(m.Means) > 0 {
			nb = len(m.Means[0])
		}
		var mu, sd []float64
		for t := range m.Means {
			for b := range m.Means[t] {
				mu = append(mu, m.Means[t][b][:]...)
				sd = append(sd, m.Stds[t][b][:]...)
			}
		}
		shape := []int{len(m.Means), nb, 6}
		out = append(out,
			collectiveFile{fmt.Sprintf("beam_moments_E%d_means.npy", m.Element), shape, mu},
			collectiveFile{fmt.Sprintf("beam_moments_E%d_stds.npy", m.Element), shape, sd})
	}
	for _, m := range res.SliceMoments {
		nb, ns := 0, 0
		if len(m.Means) > 0 && len(m.Means[0]) > 0 {
			nb, ns = len(m.Means[0]), len(m.Means[0][0])
		}
		var mu, sd, sp, wt []float64
		for t := range m.Means {
			for b := range m.Means[t] {
				for s := range m.Means[t][b] {
					mu = append(mu, m.Means[t][b][s][:]...)
					sd = append(sd, m.Stds[t][b][s][:]...)
				}
				sp = append(sp, m.Spos[t][b]...)
				wt = append(wt, m.Weights[t][b]...)
			}
		}
		p := len(m.Means)
		out = append(out,
			collectiveFile{fmt.Sprintf("slice_moments_E%d_means.npy", m.Element), []int{p, nb, ns, 3}, mu},
			collectiveFile{fmt.Sprintf("slice_moments_E%d_stds.npy", m.Element), []int{p, nb, ns, 3}, sd},
			collectiveFile{fmt.Sprintf("slice_moments_E%d_spos.npy", m.Element), []int{p, nb, ns}, sp},
			collectiveFile{fmt.Sprintf("slice_moments_E%d_weights.npy", m.Element), []int{p, nb, ns}, wt})
	}
	return out
}
