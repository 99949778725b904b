package document

import (
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/skillmatch/skillmatch/engine"
)

// PoolOptions configures a Pool. Zero fields take the documented defaults.
type PoolOptions struct {
	Exe         string        // program to start as a worker; default os.Executable()
	Args        []string      // its arguments
	Workers     int           // worker processes; default DefaultWorkers
	Timeout     time.Duration // per document; default 10s
	MemoryLimit uint64        // bytes a worker may map beyond its start-up size (enforced with RLIMIT_AS); default 512 MiB
	Limits      Limits        // caps applied in the worker; default DefaultLimits()
}

// DefaultWorkers is a Pool's worker processes when PoolOptions.Workers is
// not set.
const DefaultWorkers = 2

// Pool decodes documents in a bounded set of child worker processes, reused
// across documents. A worker that crashes, runs out of memory or overruns
// its deadline is killed and replaced; the document that caused it gets an
// error wrapping engine.ErrUnreadable and nothing else is affected. A Pool
// is safe for concurrent use.
type Pool struct {
	opts   PoolOptions
	slots  chan *worker // idle workers; nil means "start one when needed"
	mu     sync.Mutex
	closed bool
	live   map[*worker]bool
}

// worker is one running child process.
type worker struct {
	cmd    *exec.Cmd
	req    *os.File
	resp   *os.File
	enc    *gob.Encoder
	dec    *gob.Decoder
	stderr *tailBuffer
	exited chan struct{} // closed when the process has exited
}

// NewPool validates opts and returns a pool whose workers start lazily.
func NewPool(opts PoolOptions) (*Pool, error) {
	if opts.Exe == "" {
		exe, err := os.Executable()
		if err != nil {
			return nil, fmt.Errorf("document pool: finding this executable: %w", err)
		}
		opts.Exe = exe
	}
	if _, err := os.Stat(opts.Exe); err != nil {
		return nil, fmt.Errorf("document pool: worker program: %w", err)
	}
	if opts.Workers <= 0 {
		opts.Workers = DefaultWorkers
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 10 * time.Second
	}
	if opts.MemoryLimit == 0 {
		opts.MemoryLimit = 512 << 20
	}
	opts.Limits = opts.Limits.withDefaults()
	p := &Pool{opts: opts, slots: make(chan *worker, opts.Workers), live: map[*worker]bool{}}
	for range opts.Workers {
		p.slots <- nil
	}
	return p, nil
}

// Workers is the pool's number of worker processes: how many PDF or DOCX
// documents it decodes at once.
func (p *Pool) Workers() int { return p.opts.Workers }

// Decode returns the text of one document. PDF and DOCX are decoded in a
// worker process; HTML, Markdown and text, which cannot hang or blow up the
// decoder, in this process. filename only breaks the text/markdown tie.
//
// Errors are those of Decode, plus: a worker crash, memory exhaustion or
// deadline (engine.ErrUnreadable, naming what happened), ctx's error if ctx
// ends first, and an error if the pool is closed.
func (p *Pool) Decode(ctx context.Context, data []byte, filename string) (Document, error) {
	if int64(len(data)) > p.opts.Limits.MaxBytes {
		return Document{}, fmt.Errorf("file is %s, over the %s limit: %w", sizeString(int64(len(data))), sizeString(p.opts.Limits.MaxBytes), engine.ErrTooLarge)
	}
	format, err := Sniff(data, filename)
	if err != nil {
		return Document{}, err
	}
	if format != FormatPDF && format != FormatDOCX {
		return decodeNamed(data, filename, p.opts.Limits)
	}
	var w *worker
	select {
	case w = <-p.slots:
	case <-ctx.Done():
		return Document{}, ctx.Err()
	}
	doc, w, err := p.run(ctx, w, workerRequest{Data: data, Filename: filename, Limits: p.opts.Limits}, format)
	p.slots <- w
	return doc, err
}

// run sends one request to w (starting it if needed) and waits for the
// answer, the deadline or ctx. It returns the worker to put back: w, or nil
// when w had to be killed.
func (p *Pool) run(ctx context.Context, w *worker, req workerRequest, format string) (Document, *worker, error) {
	p.mu.Lock()
	closed := p.closed
	p.mu.Unlock()
	if closed {
		return Document{}, w, errors.New("document pool is closed")
	}
	if w != nil {
		select {
		case <-w.exited:
			w = nil
		default:
		}
	}
	if w == nil {
		var err error
		if w, err = p.start(); err != nil {
			return Document{}, nil, err
		}
	}
	type result struct {
		resp workerResponse
		err  error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		if r.err = w.enc.Encode(&req); r.err == nil {
			r.err = w.dec.Decode(&r.resp)
		}
		done <- r
	}()
	timer := time.NewTimer(p.opts.Timeout)
	defer timer.Stop()
	select {
	case r := <-done:
		if r.err != nil {
			p.kill(w)
			return Document{}, nil, fmt.Errorf("%s: %s: %w", format, w.crashReason(p.opts.MemoryLimit), engine.ErrUnreadable)
		}
		if r.resp.ErrKind != "" {
			return Document{}, w, &remoteError{msg: r.resp.ErrMsg, sentinel: kindSentinel(r.resp.ErrKind)}
		}
		return r.resp.Doc, w, nil
	case <-timer.C:
		p.kill(w)
		return Document{}, nil, fmt.Errorf("%s: reading the document took longer than %s, so it was stopped: %w", format, p.opts.Timeout, engine.ErrUnreadable)
	case <-ctx.Done():
		p.kill(w)
		return Document{}, nil, ctx.Err()
	}
}

// start launches one worker process.
func (p *Pool) start() (*worker, error) {
	reqR, reqW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("document pool: %w", err)
	}
	respR, respW, err := os.Pipe()
	if err != nil {
		reqR.Close()
		reqW.Close()
		return nil, fmt.Errorf("document pool: %w", err)
	}
	cmd := exec.Command(p.opts.Exe, p.opts.Args...)
	cmd.Env = append(os.Environ(), workerEnv+"=1", workerMemEnv+"="+strconv.FormatUint(p.opts.MemoryLimit, 10))
	cmd.ExtraFiles = []*os.File{reqR, respW}
	tail := &tailBuffer{max: 8 << 10}
	cmd.Stdout = tail
	cmd.Stderr = tail
	if err := cmd.Start(); err != nil {
		reqR.Close()
		reqW.Close()
		respR.Close()
		respW.Close()
		return nil, fmt.Errorf("document pool: starting worker: %w", err)
	}
	reqR.Close()
	respW.Close()
	w := &worker{cmd: cmd, req: reqW, resp: respR, enc: gob.NewEncoder(reqW), dec: gob.NewDecoder(respR), stderr: tail, exited: make(chan struct{})}
	go func() {
		_ = cmd.Wait()
		close(w.exited)
	}()
	p.mu.Lock()
	p.live[w] = true
	p.mu.Unlock()
	return w, nil
}

// kill stops w and releases its pipes.
func (p *Pool) kill(w *worker) {
	_ = w.cmd.Process.Kill()
	<-w.exited
	w.req.Close()
	w.resp.Close()
	p.mu.Lock()
	delete(p.live, w)
	p.mu.Unlock()
}

// crashReason names why a worker stopped answering, from its exit and the
// runtime's last words (which are never logged: they could quote input).
func (w *worker) crashReason(memLimit uint64) string {
	select {
	case <-w.exited:
	case <-time.After(2 * time.Second):
	}
	last := w.stderr.String()
	switch {
	case strings.Contains(last, "out of memory"), strings.Contains(last, "cannot allocate memory"):
		return fmt.Sprintf("the document needed more than the %s memory limit", sizeString(int64(memLimit)))
	case strings.Contains(last, "stack exceeds"), strings.Contains(last, "stack overflow"):
		return "the document is nested too deeply to read"
	}
	if st := w.cmd.ProcessState; st != nil {
		return fmt.Sprintf("the document crashed the reader (%s)", st)
	}
	return "the document crashed the reader"
}

// Close stops every worker. Decode calls after Close fail.
func (p *Pool) Close() error {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil
	}
	p.closed = true
	workers := make([]*worker, 0, len(p.live))
	for w := range p.live {
		workers = append(workers, w)
	}
	p.mu.Unlock()
	for _, w := range workers {
		w.req.Close() // the worker exits on EOF
		select {
		case <-w.exited:
		case <-time.After(2 * time.Second):
			_ = w.cmd.Process.Kill()
			<-w.exited
		}
		w.resp.Close()
	}
	return nil
}

// tailBuffer keeps the first and the last max bytes written to it: the
// runtime names a fatal error first and the failing goroutine last.
type tailBuffer struct {
	mu   sync.Mutex
	head []byte
	buf  []byte
	max  int
}

func (t *tailBuffer) Write(b []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if room := t.max - len(t.head); room > 0 {
		t.head = append(t.head, b[:min(room, len(b))]...)
	}
	t.buf = append(t.buf, b...)
	if len(t.buf) > t.max {
		t.buf = append(t.buf[:0], t.buf[len(t.buf)-t.max:]...)
	}
	return len(b), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.head) + "\n…\n" + string(t.buf)
}
