// Package cpustat reads the CPU time and load figures the measurement
// commands (skillmatch-load, skillmatch-jobbench) print next to their
// wall-clock numbers. It reads /proc and getrusage, so it is Linux-first:
// where /proc is missing the figures from it are zero or absent.
package cpustat

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Self is the user + system CPU time this process has used so far.
func Self() time.Duration { return rusage(syscall.RUSAGE_SELF) }

// EndedChildren is the user + system CPU time of this process's children
// that have ended and been waited for (RUSAGE_CHILDREN).
func EndedChildren() time.Duration { return rusage(syscall.RUSAGE_CHILDREN) }

// rusage is the user + system CPU time getrusage reports for who.
func rusage(who int) time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(who, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// LiveChildren is the user + system CPU time used so far by this process's
// children still alive (the document pool's workers), read from
// /proc/PID/stat; 0 where /proc is missing.
func LiveChildren() time.Duration {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	me := strconv.Itoa(os.Getpid())
	var total time.Duration
	for _, p := range stats {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		// Fields after the ")" that closes the command name: state ppid … utime(12) stime(13).
		i := bytes.LastIndexByte(b, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(b[i+1:]))
		if len(f) < 13 || f[1] != me {
			continue
		}
		ut, _ := strconv.ParseInt(f[11], 10, 64)
		st, _ := strconv.ParseInt(f[12], 10, 64)
		total += time.Duration(ut+st) * time.Second / 100 // USER_HZ is 100 on Linux
	}
	return total
}

// LoadAvg is the machine's 1-, 5- and 15-minute load averages as
// /proc/loadavg writes them, or nil when it cannot be read.
func LoadAvg() []string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return nil
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return nil
	}
	return f[:3]
}
