package document

import (
	"encoding/gob"
	"errors"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
)

// The worker protocol: the pool starts the program again with
// SKILLMATCH_WORKER=1 and two pipes, fd 3 for requests and fd 4 for
// responses, each a stream of gob values. Stdout and stderr stay free for
// the runtime's own crash reports, which the pool reads to name the failure.
const (
	workerEnv    = "SKILLMATCH_WORKER"
	workerMemEnv = "SKILLMATCH_WORKER_MEMORY"
	workerStack  = 64 << 20 // a deeper stack is a nesting attack, not a resume
	// workerGCPercent is the worker's GOGC unless the environment sets one.
	workerGCPercent = 400
)

type workerRequest struct {
	Data     []byte
	Filename string
	Limits   Limits
}

type workerResponse struct {
	Doc     Document
	ErrKind string // "" on success, else an errorKind
	ErrMsg  string
}

// IsWorker reports whether this process was started by a Pool as a document
// worker. main calls it first and, if true, exits with ServeWorker().
func IsWorker() bool { return os.Getenv(workerEnv) == "1" }

// ServeWorker runs the worker loop: it applies the memory limit the pool
// asked for (RLIMIT_AS), then decodes one request after another until its
// request pipe closes. It returns the process exit code: 0 when the pool
// closed the pipe, 1 on a protocol error.
func ServeWorker() int {
	if n, err := strconv.ParseUint(os.Getenv(workerMemEnv), 10, 64); err == nil && n > 0 {
		// The Go runtime reserves over a GiB of address space it never
		// touches, so the cap is n bytes beyond what is mapped now. It
		// makes a memory blow-up kill this process only; the soft Go limit
		// below it makes the GC try hard first.
		as := mappedBytes() + n
		_ = syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: as, Max: as})
		debug.SetMemoryLimit(int64(n) * 3 / 4)
	}
	if os.Getenv("GOGC") == "" {
		// A worker's live heap is small and each document's garbage dies
		// at once, so the default GOGC=100 collects every few documents;
		// 400 spends ~20% less CPU per document for a few MiB more heap,
		// still under the memory limit above.
		debug.SetGCPercent(workerGCPercent)
	}
	debug.SetMaxStack(workerStack)
	in := os.NewFile(3, "requests")
	out := os.NewFile(4, "responses")
	if in == nil || out == nil {
		return 1
	}
	dec := gob.NewDecoder(in)
	enc := gob.NewEncoder(out)
	for {
		var req workerRequest
		if err := dec.Decode(&req); err != nil {
			if errors.Is(err, io.EOF) {
				return 0
			}
			return 1
		}
		doc, err := decodeNamed(req.Data, req.Filename, req.Limits)
		resp := workerResponse{Doc: doc}
		if err != nil {
			resp = workerResponse{ErrKind: errorKind(err), ErrMsg: err.Error()}
		}
		if err := enc.Encode(&resp); err != nil {
			return 1
		}
	}
}

// mappedBytes is this process's current address-space size (VmSize), or
// 2 GiB when /proc cannot tell.
func mappedBytes() uint64 {
	status, err := os.ReadFile("/proc/self/status")
	if err == nil {
		for line := range strings.SplitSeq(string(status), "\n") {
			if rest, ok := strings.CutPrefix(line, "VmSize:"); ok {
				kb, err := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
				if err == nil {
					return kb << 10
				}
			}
		}
	}
	return 2 << 30
}

// remoteError is an error decoded in a worker: its message as the worker
// wrote it, unwrapping to the engine sentinel it wrapped there.
type remoteError struct {
	msg      string
	sentinel error
}

func (e *remoteError) Error() string { return e.msg }
func (e *remoteError) Unwrap() error { return e.sentinel }
