package kernels

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"sort"
)

// sources holds the CUDA C sources, so that packages compiling them
// (kernels/cpu, through cgo) depend on their contents: Go's build
// cache then rebuilds those packages whenever a source changes, which it
// would not do for headers included from outside their own directory.
//
//go:embed *.cu *.cuh *.h
var sources embed.FS

// SourceHash returns the SHA-256 of the kernel sources (names and
// contents, in name order), in hex.
func SourceHash() string {
	names, _ := fs.Glob(sources, "*")
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		b, _ := sources.ReadFile(n)
		h.Write([]byte(n))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}
