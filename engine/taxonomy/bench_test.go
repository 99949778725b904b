package taxonomy

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkExtract measures extraction throughput with the full embedded
// taxonomy on the resume fixtures, on one goroutine: MB/s by the wall clock
// and MB/cpu-s per second of CPU (the per-core figure on a busy machine).
func BenchmarkExtract(b *testing.B) {
	benchFixtures(b, func(tx *Taxonomy, text string) { tx.Extract(text) })
}

// BenchmarkExtractMatcher is BenchmarkExtract for the matcher alone
// (t.extract), without the second readings (glued and respelled names): the
// ratio of the two is what the second readings cost.
func BenchmarkExtractMatcher(b *testing.B) {
	benchFixtures(b, func(tx *Taxonomy, text string) { tx.extract(text, nil, false) })
}

// benchFixtures runs extract over the resume fixtures joined into one text
// and reports MB/cpu-s beside the testing package's MB/s.
func benchFixtures(b *testing.B, extract func(tx *Taxonomy, text string)) {
	tx := Default()
	var sb strings.Builder
	for _, f := range readFixtures(b) {
		sb.WriteString(f.text)
		sb.WriteByte('\n')
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime()
	for i := 0; i < b.N; i++ {
		extract(tx, text)
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(len(text))*float64(b.N)/cpu.Seconds()/1e6, "MB/cpu-s")
	}
}

// BenchmarkExtractKaggle measures extraction throughput over the 165
// distinct resumes of the public Kaggle set (../shared/data; skipped
// without it), one Extract per resume as the parse command calls it: plain
// text of every profession, where skills stated by verbs weigh more than in
// the fixtures.
func BenchmarkExtractKaggle(b *testing.B) {
	path := filepath.Join("..", "..", "..", "shared", "data", "resumes", "kaggle-categorized", "UpdatedResumeDataSet.csv")
	f, err := os.Open(path)
	if err != nil {
		b.Skipf("no Kaggle resumes: %v", err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	seen := map[string]bool{}
	var texts []string
	size := 0
	for _, r := range rows[1:] {
		if t := r[len(r)-1]; !seen[t] {
			seen[t] = true
			texts = append(texts, t)
			size += len(t)
		}
	}
	tx := Default()
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			tx.Extract(t)
		}
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/cpu.Seconds()/1e6, "MB/cpu-s")
	}
}

// BenchmarkLoad measures building the embedded taxonomy from its JSON, what
// Default costs at start-up (the goal is ≤ 50 ms).
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	start := cpuTime()
	for i := 0; i < b.N; i++ {
		f, err := decodeFile(defaultData)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := New(f); err != nil {
			b.Fatal(err)
		}
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(cpu.Seconds()*1e3/float64(b.N), "cpu-ms/op")
	}
}
