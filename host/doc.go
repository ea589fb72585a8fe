// Package host is gotrack's CPU backend: AT's passmethods in pure Go, run in
// parallel over tiles of particles.
//
// Each passmethod family lives in its own file and registers its tile
// function with register in an init function. The engine (engine.go) cuts
// the beam into tiles that stay in cache, tracks each tile through a whole
// run of elements and turns, checks AT's loss rule after every element, and
// hands tiles to goroutines dynamically. Every particle's arithmetic is
// independent of the tiling and of the thread count, so results are
// bit-identical for any Threads and TileSize.
//
// Importing the package registers the "cpu" backend with package device.
package host
