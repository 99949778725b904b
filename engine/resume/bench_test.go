package resume

import (
	"strings"
	"testing"
	"time"
)

// BenchmarkParse parses every structure fixture once per iteration.
func BenchmarkParse(b *testing.B) {
	tax := fixtureTaxonomy(b)
	fs := loadFixtures(b)
	size := 0
	for _, f := range fs {
		size += len(f.text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range fs {
			Parse(f.text, tax, Options{AsOf: f.asOf})
		}
	}
}

// BenchmarkParseLongLine is a paragraph of 200 KB on one line, full of
// dates and wide gaps: Parse must stay linear in it.
func BenchmarkParseLongLine(b *testing.B) {
	tax := fixtureTaxonomy(b)
	text := strings.Repeat("Go 2019 – 2021   Python   ", 8000)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Parse(text, tax, Options{AsOf: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)})
	}
}

// BenchmarkParseGluedLongLine is a line of 200 KB of glued names and other
// spellings (see withGlued, withSpellings): their second readings must stay
// linear in it.
func BenchmarkParseGluedLongLine(b *testing.B) {
	tax := fixtureTaxonomy(b)
	text := strings.Repeat("MySQL5.0 ApacheTomcat RestApi PL-SQL ", 5500)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Parse(text, tax, Options{AsOf: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)})
	}
}
