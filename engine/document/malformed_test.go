package document

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skillmatch/skillmatch/engine"
)

// malformedCase is one regression file in testdata/documents/malformed
// (written by gen.go there) and the answer it must get.
type malformedCase struct {
	file    string
	want    error  // sentinel; nil means the file must decode
	message string // words the error (or text) must contain
	// inProcess is false for files that hang or exhaust memory in the PDF
	// reader itself: only the pool can answer those.
	inProcess bool
}

var malformedCases = []malformedCase{
	{"valid.pdf", nil, "Python and Django developer", true},
	{"pdf20-header.pdf", nil, "Python and Django developer", true},
	{"count-two-billion.pdf", nil, "Python and Django developer", true},
	{"deep-nesting.pdf", engine.ErrUnreadable, "corrupt", true},
	{"kids-loop.pdf", engine.ErrUnreadable, "loops", true},
	{"unterminated-hex-content.pdf", engine.ErrUnreadable, "unterminated hex string", true},
	{"unterminated-hex-cmap.pdf", engine.ErrUnreadable, "unterminated hex string", true},
	{"flate-bomb.pdf", engine.ErrTooLarge, "decompressed", true},
	{"text-bomb.pdf", engine.ErrTooLarge, "characters", true},
	{"scan-no-text.pdf", engine.ErrUnreadable, "no text layer; scanned PDFs are not supported", true},
	{"no-unicode-map.pdf", engine.ErrUnreadable, "garbage", true},
	{"truncated.pdf", engine.ErrUnreadable, "truncated", true},
	{"objstm-extends-loop.pdf", engine.ErrUnreadable, "took longer than", false},
	{"predictor-columns.pdf", engine.ErrUnreadable, "memory limit", false},
	{"zip-bomb.docx", engine.ErrTooLarge, "decompressed", true},
	{"lying-sizes.docx", engine.ErrUnreadable, "corrupt", true},
	{"deep-xml.docx", engine.ErrUnreadable, "nested deeper", true},
	{"many-entries.docx", engine.ErrTooLarge, "entries", true},
	{"not-docx.zip", engine.ErrUnsupportedFormat, "zip archive that is not a DOCX", true},
	{"legacy.doc", engine.ErrUnsupportedFormat, "legacy Word .doc", true},
}

func checkAnswer(t *testing.T, c malformedCase, doc Document, err error) {
	t.Helper()
	if c.want == nil {
		if err != nil {
			t.Fatalf("%s: unexpected error %v", c.file, err)
		}
		if !strings.Contains(doc.Text, c.message) {
			t.Errorf("%s: text %q lacks %q", c.file, doc.Text, c.message)
		}
		return
	}
	if !errors.Is(err, c.want) {
		t.Fatalf("%s: error = %v, want one wrapping %v", c.file, err, c.want)
	}
	if !strings.Contains(err.Error(), c.message) {
		t.Errorf("%s: error %q does not say %q", c.file, err, c.message)
	}
}

func TestMalformedInProcess(t *testing.T) {
	for _, c := range malformedCases {
		if !c.inProcess {
			continue
		}
		t.Run(c.file, func(t *testing.T) {
			doc, err := Decode(readFixture(t, "malformed/"+c.file), DefaultLimits())
			checkAnswer(t, c, doc, err)
		})
	}
}

// TestPoolMalformed sends every regression file through one pool, each
// followed by a valid resume: every bad file answers within its deadline,
// and the valid file after it still parses.
func TestPoolMalformed(t *testing.T) {
	if testing.Short() {
		t.Skip("starts worker processes")
	}
	const timeout = 5 * time.Second
	// A lower decompression cap than the default keeps the bombs quick on a
	// loaded CI machine, so only the endless loop meets the deadline.
	lim := DefaultLimits()
	lim.MaxDecompressed = 16 << 20
	p, err := NewPool(PoolOptions{Workers: 2, Timeout: timeout, MemoryLimit: 512 << 20, Limits: lim})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	valid := readFixture(t, "libreoffice/java-backend.pdf")
	for _, c := range malformedCases {
		t.Run(c.file, func(t *testing.T) {
			start := time.Now()
			doc, err := p.Decode(context.Background(), readFixture(t, "malformed/"+c.file), c.file)
			if took := time.Since(start); took > timeout+2*time.Second {
				t.Errorf("%s answered after %s, deadline %s", c.file, took, timeout)
			}
			checkAnswer(t, c, doc, err)
			doc, err = p.Decode(context.Background(), valid, "java-backend.pdf")
			if err != nil || !strings.Contains(doc.Text, "Apache Kafka") {
				t.Fatalf("valid PDF after %s: err = %v, text %d bytes", c.file, err, len(doc.Text))
			}
		})
	}
}

// TestPoolConcurrent decodes fixtures from many goroutines through two
// workers while one goroutine feeds a document that hangs.
func TestPoolConcurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("starts worker processes")
	}
	p, err := NewPool(PoolOptions{Workers: 2, Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	files := []string{"chromium-1col/java-backend.pdf", "chromium-2col/data-scientist.pdf", "docx-pandoc/frontend-react.docx", "pdflatex/python-django-aws-senior.pdf", "html-1col/java-backend.html"}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := files[i%len(files)]
			if _, err := p.Decode(context.Background(), readFixture(t, f), f); err != nil {
				errs <- err
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		_, err := p.Decode(context.Background(), readFixture(t, "malformed/objstm-extends-loop.pdf"), "x.pdf")
		if !errors.Is(err, engine.ErrUnreadable) {
			errs <- err
		}
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestPoolContextAndClose(t *testing.T) {
	if testing.Short() {
		t.Skip("starts worker processes")
	}
	p, err := NewPool(PoolOptions{Workers: 1, Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err = p.Decode(ctx, readFixture(t, "malformed/objstm-extends-loop.pdf"), "x.pdf")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("cancelled decode: err = %v, want context.DeadlineExceeded", err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Decode(context.Background(), readFixture(t, "malformed/valid.pdf"), "x.pdf"); err == nil {
		t.Error("Decode after Close succeeded")
	}
}
