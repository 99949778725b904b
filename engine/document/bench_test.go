package document

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

func loadAll(b *testing.B, files []string) [][]byte {
	b.Helper()
	var out [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

// BenchmarkDecodePDF decodes every fixture PDF of one producer per op.
func BenchmarkDecodePDF(b *testing.B) {
	for _, producer := range []string{"chromium-1col", "chromium-2col", "libreoffice", "pdflatex", "pdflib-glyphs"} {
		files, _ := filepath.Glob(filepath.Join(fixtures, producer, "*.pdf"))
		if len(files) == 0 {
			continue
		}
		docs := loadAll(b, files)
		b.Run(producer, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, d := range docs {
					if _, err := Decode(d, DefaultLimits()); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N*len(docs)), "ms/file")
		})
	}
}

// benchCorpus is the real resumes for the side-by-side benchmark: a fixed
// sample of 50 livecareer PDFs, or the fixtures when the data is absent.
func benchCorpus(b *testing.B) []string {
	files, _ := filepath.Glob("../../../shared/data/resumes/livecareer/data/*/*.pdf")
	sort.Strings(files)
	if len(files) >= 50 {
		var sample []string
		for i := 0; i < 50; i++ {
			sample = append(sample, files[i*len(files)/50])
		}
		return sample
	}
	files, _ = filepath.Glob(filepath.Join(fixtures, "*/*.pdf"))
	var ok []string
	for _, f := range files {
		if filepath.Base(filepath.Dir(f)) != "malformed" {
			ok = append(ok, f)
		}
	}
	if len(ok) == 0 {
		b.Skip("no PDFs")
	}
	return ok
}

// BenchmarkVsPdftotext runs, side by side on the same resume PDFs, our
// decode plus skill extraction in process, and poppler's pdftotext started
// once per file as a script would. Compare the ms/file metrics.
func BenchmarkVsPdftotext(b *testing.B) {
	files := benchCorpus(b)
	docs := loadAll(b, files)
	tax := taxonomy.Default()
	b.Run("skillmatch-decode+extract", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				doc, err := Decode(d, DefaultLimits())
				if err != nil {
					b.Fatal(err)
				}
				tax.Extract(doc.Text)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N*len(docs)), "ms/file")
	})
	b.Run("pdftotext-per-file", func(b *testing.B) {
		if _, err := exec.LookPath("pdftotext"); err != nil {
			b.Skip("pdftotext (poppler-utils) is not installed")
		}
		for b.Loop() {
			for _, f := range files {
				if err := exec.Command("pdftotext", f, os.DevNull).Run(); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N*len(files)), "ms/file")
	})
}

// BenchmarkDecodeLivecareer decodes a fixed sample of 100 livecareer PDFs
// per op, in process; ms/file is wall time, compare with -cpuprofile or
// the cpu-ms/file metric on a busy machine.
func BenchmarkDecodeLivecareer(b *testing.B) {
	files := livecareerFiles(b)
	var sample []string
	for i := 0; i < 100 && i < len(files); i++ {
		sample = append(sample, filepath.Join(livecareerDir, files[i*len(files)/100]))
	}
	docs := loadAll(b, sample)
	b.ReportAllocs()
	cpu0 := processCPU()
	for b.Loop() {
		for _, d := range docs {
			if _, err := Decode(d, DefaultLimits()); err != nil {
				b.Fatal(err)
			}
		}
	}
	n := float64(b.N * len(docs))
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/n, "ms/file")
	b.ReportMetric(float64((processCPU()-cpu0).Microseconds())/1000/n, "cpu-ms/file")
}

// processCPU is the user+system CPU time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkPoolLivecareer decodes the same 100 livecareer PDFs as
// BenchmarkDecodeLivecareer, one at a time through a one-worker Pool (the
// test binary re-executed as the worker). cpu-ms/file counts this process
// and the worker (children's CPU is read after Close reaps the worker);
// compare it with BenchmarkDecodeLivecareer's for the pool's overhead.
func BenchmarkPoolLivecareer(b *testing.B) {
	files := livecareerFiles(b)
	var sample []string
	for i := 0; i < 100 && i < len(files); i++ {
		sample = append(sample, filepath.Join(livecareerDir, files[i*len(files)/100]))
	}
	docs := loadAll(b, sample)
	ctx := context.Background()
	self0, children0 := processCPU(), childrenCPU()
	p, err := NewPool(PoolOptions{Workers: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			if _, err := p.Decode(ctx, d, "resume.pdf"); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.StopTimer()
	if err := p.Close(); err != nil {
		b.Fatal(err)
	}
	n := float64(b.N * len(docs))
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/n, "ms/file")
	self, worker := processCPU()-self0, childrenCPU()-children0
	b.ReportMetric(float64((self+worker).Microseconds())/1000/n, "cpu-ms/file")
	b.ReportMetric(float64(self.Microseconds())/1000/n, "caller-cpu-ms/file")
	b.ReportMetric(float64(worker.Microseconds())/1000/n, "worker-cpu-ms/file")
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru) == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "max-child-rss-MiB")
	}
}

// childrenCPU is the user+system CPU time of this process's reaped
// children.
func childrenCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkPoolAllLivecareer decodes all 2,484 livecareer PDFs per op
// through a Pool with one worker per CPU, fed by as many goroutines: the
// decode share of ingest on this machine, in files/s.
func BenchmarkPoolAllLivecareer(b *testing.B) {
	files := livecareerFiles(b)
	for i, f := range files {
		files[i] = filepath.Join(livecareerDir, f)
	}
	docs := loadAll(b, files)
	workers := runtime.NumCPU()
	p, err := NewPool(PoolOptions{Workers: workers})
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	ctx := context.Background()
	for b.Loop() {
		next := make(chan []byte)
		var failed atomic.Int64
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for d := range next {
					if _, err := p.Decode(ctx, d, "resume.pdf"); err != nil {
						failed.Add(1)
					}
				}
			})
		}
		for _, d := range docs {
			next <- d
		}
		close(next)
		wg.Wait()
		// One livecareer file has no text layer; any other failure is a bug.
		if n := failed.Load(); n > 1 {
			b.Fatalf("%d livecareer PDFs failed to decode, want 1", n)
		}
	}
	b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "files/s")
}
