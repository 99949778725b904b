//go:build unix

package taxonomy

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used. Benchmarks report
// throughput per CPU second next to the usual wall-clock figure, because on a
// shared machine the wall clock mostly measures waiting for a core.
func cpuTime() time.Duration {
	var r syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &r) != nil {
		return 0
	}
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}
