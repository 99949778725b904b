package taxonomy

import (
	"encoding/json"
	"strings"
	"testing"
)

// BenchmarkExtract measures extraction throughput with the full embedded
// taxonomy on the resume fixtures (MB/s is per core: the benchmark runs on one
// goroutine).
func BenchmarkExtract(b *testing.B) {
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
	for i := 0; i < b.N; i++ {
		tx.Extract(text)
	}
}

// BenchmarkLoad measures building the embedded taxonomy from its JSON, what
// Default costs at start-up (the goal is ≤ 50 ms).
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		var f File
		if err := json.Unmarshal(defaultData, &f); err != nil {
			b.Fatal(err)
		}
		if _, err := New(f); err != nil {
			b.Fatal(err)
		}
	}
}
