package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/document"
)

// The edge-case report decodes hostile PDFs through a document.Pool, which
// re-executes this program as its worker.
func init() {
	if document.IsWorker() {
		os.Exit(document.ServeWorker())
	}
}

// evalDocuments compares the text skillmatch extracts from PDFs with
// poppler's pdftotext (reading-order mode, no -layout), per producer: word
// recall (share of pdftotext's words we also produce) and precision (share
// of our words pdftotext also produces), as bags of words. Producers: the
// project's fixtures in testdata/documents/<producer>/, a fixed sample of
// 200 livecareer resumes and the pdf-docx-pairs PDFs from ../shared/data.
func evalDocuments(shared string) error {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		fmt.Println("skipped: pdftotext (poppler-utils) is not installed")
		return nil
	}
	groups := map[string][]string{}
	fixtures, _ := filepath.Glob("testdata/documents/*/*.pdf")
	for _, f := range fixtures {
		producer := filepath.Base(filepath.Dir(f))
		if producer == "malformed" {
			continue
		}
		groups["fixtures/"+producer] = append(groups["fixtures/"+producer], f)
	}
	live, _ := filepath.Glob(filepath.Join(shared, "data/resumes/livecareer/data/*/*.pdf"))
	sort.Strings(live)
	if step := len(live) / 200; step > 1 {
		var sample []string
		for i := 0; i < len(live) && len(sample) < 200; i += step {
			sample = append(sample, live[i])
		}
		live = sample
	}
	if len(live) > 0 {
		groups["livecareer (wkhtmltopdf)"] = live
	}
	if pairs, _ := filepath.Glob(filepath.Join(shared, "data/resumes/pdf-docx-pairs/*.pdf")); len(pairs) > 0 {
		groups["pdf-docx-pairs"] = pairs
	}
	if len(groups) == 0 {
		fmt.Println("skipped: no PDFs (make testdata/documents or ../shared/data)")
		return nil
	}
	names := make([]string, 0, len(groups))
	for n := range groups {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Printf("%-28s %5s %7s %9s %10s %8s %6s\n", "producer", "files", "recall", "precision", "min recall", "min prec", "errors")
	var allR, allP float64
	var allN int
	for _, name := range names {
		var sumR, sumP float64
		minR, minP := 1.0, 1.0
		n, errs := 0, 0
		for _, f := range groups[name] {
			r, p, err := compareWithPdftotext(f)
			if err != nil {
				errs++
				fmt.Fprintf(os.Stderr, "  %s: %v\n", f, err)
				continue
			}
			sumR += r
			sumP += p
			minR = min(minR, r)
			minP = min(minP, p)
			n++
		}
		if n == 0 {
			fmt.Printf("%-28s %5d %7s %9s %10s %8s %6d\n", name, 0, "-", "-", "-", "-", errs)
			continue
		}
		fmt.Printf("%-28s %5d %7.3f %9.3f %10.3f %8.3f %6d\n", name, n, sumR/float64(n), sumP/float64(n), minR, minP, errs)
		allR += sumR
		allP += sumP
		allN += n
	}
	if allN > 0 {
		fmt.Printf("%-28s %5d %7.3f %9.3f   (goal: mean >= 0.98 both)\n", "all", allN, allR/float64(allN), allP/float64(allN))
	}
	return evalEdgeCases(shared)
}

// evalEdgeCases runs the third-party edge-case PDFs (PDF 2.0, scans,
// broken xref, circular references, books) and the project's malformed
// files through a worker pool and counts the answers by kind.
func evalEdgeCases(shared string) error {
	files, _ := filepath.Glob(filepath.Join(shared, "data/pdf/edge-cases/*/*.pdf"))
	more, _ := filepath.Glob(filepath.Join(shared, "data/pdf/edge-cases/*/*.PDF"))
	malformed, _ := filepath.Glob("testdata/documents/malformed/*")
	files = append(append(files, more...), malformed...)
	if len(files) == 0 {
		return nil
	}
	lim := document.DefaultLimits()
	lim.MaxPages = 2000
	pool, err := document.NewPool(document.PoolOptions{Workers: 2, Timeout: 10 * time.Second, Limits: lim})
	if err != nil {
		return err
	}
	defer pool.Close()
	counts := map[string]int{}
	var slowest time.Duration
	start := time.Now()
	for _, f := range files {
		if strings.HasSuffix(f, ".go") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		t0 := time.Now()
		_, err = pool.Decode(context.Background(), data, f)
		slowest = max(slowest, time.Since(t0))
		switch {
		case err == nil:
			counts["text"]++
		case errors.Is(err, engine.ErrTooLarge):
			counts["too large"]++
		case errors.Is(err, engine.ErrUnsupportedFormat):
			counts["unsupported"]++
		case errors.Is(err, engine.ErrUnreadable):
			counts["unreadable"]++
		default:
			counts["other error"]++
			fmt.Fprintf(os.Stderr, "  %s: %v\n", f, err)
		}
	}
	fmt.Printf("\nedge cases and malformed files through the worker pool: %d files in %s, slowest %s\n", len(files)-1, time.Since(start).Round(time.Millisecond), slowest.Round(time.Millisecond))
	for _, k := range []string{"text", "unreadable", "too large", "unsupported", "other error"} {
		fmt.Printf("  %-12s %d\n", k, counts[k])
	}
	return nil
}

// compareWithPdftotext returns word recall and precision of our text
// against pdftotext's for one file. Files pdftotext finds no words in are
// an error (nothing to compare).
func compareWithPdftotext(path string) (recall, precision float64, err error) {
	var ref bytes.Buffer
	cmd := exec.Command("pdftotext", "-enc", "UTF-8", path, "-")
	cmd.Stdout = &ref
	if err := cmd.Run(); err != nil {
		return 0, 0, fmt.Errorf("pdftotext: %v", err)
	}
	want := wordBag(ref.String())
	if len(want) == 0 {
		return 0, 0, fmt.Errorf("pdftotext found no words")
	}
	text, err := texts.text(path)
	if err != nil {
		return 0, 0, err
	}
	got := wordBag(text)
	return bagOverlap(want, got), bagOverlap(got, want), nil
}

// wordBag counts the words of s: runs of letters and digits, lower-cased,
// with ligatures expanded so both sides spell words alike.
func wordBag(s string) map[string]int {
	s = strings.NewReplacer("\uFB00", "ff", "\uFB01", "fi", "\uFB02", "fl", "\uFB03", "ffi", "\uFB04", "ffl").Replace(s)
	bag := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		bag[w]++
	}
	return bag
}

// bagOverlap is the share of a's words (with multiplicity) found in b.
func bagOverlap(a, b map[string]int) float64 {
	total, hit := 0, 0
	for w, n := range a {
		total += n
		hit += min(n, b[w])
	}
	if total == 0 {
		return 1
	}
	return float64(hit) / float64(total)
}
