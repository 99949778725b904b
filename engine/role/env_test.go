package role

import (
	"os"
	"sort"
	"syscall"
	"time"
	"unsafe"
)

// threadCPU is the CPU time this OS thread has used (Linux
// CLOCK_THREAD_CPUTIME_ID); callers lock the goroutine to its thread.
func threadCPU() time.Duration {
	var ts syscall.Timespec
	const clockThreadCPUTime = 3
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0
	}
	return time.Duration(ts.Nano())
}

func envSet(name string) bool { return os.Getenv(name) != "" }

func sortDurations(d []time.Duration) { sort.Slice(d, func(i, j int) bool { return d[i] < d[j] }) }
