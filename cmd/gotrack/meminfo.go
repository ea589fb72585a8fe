package main

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// memAvailable returns the memory the kernel estimates a new allocation
// can take without swapping (MemAvailable of /proc/meminfo), when known.
func memAvailable() (int64, bool) {
	return memAvailableFrom("/proc/meminfo")
}

func memAvailableFrom(path string) (int64, bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "MemAvailable:")
		if !ok {
			continue
		}
		fields := strings.Fields(rest)
		if len(fields) != 2 || fields[1] != "kB" {
			return 0, false
		}
		kb, err := strconv.ParseInt(fields[0], 10, 64)
		if err != nil {
			return 0, false
		}
		return kb * 1024, true
	}
	return 0, false
}
