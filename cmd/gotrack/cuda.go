//go:build cuda

package main

// The CUDA build of the command: go build -tags cuda -o gotrack-cuda
// ./cmd/gotrack. It needs the CUDA driver at run time.
import _ "github.com/gotrack/gotrack/cuda" // registers the "cuda" backend
