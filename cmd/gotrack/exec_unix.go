//go:build unix

package main

import "syscall"

// execProcess replaces this process by path: the standard streams, the
// process id and the exit status are the new program's.
func execProcess(path string, argv, env []string) error {
	return syscall.Exec(path, argv, env)
}
