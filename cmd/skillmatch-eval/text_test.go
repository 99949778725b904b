package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/skillmatch/skillmatch/engine/document"
)

// TestTextCache: the cache gives document.Decode's text cold and warm,
// reads a kept text instead of decoding, and never serves a text kept under
// another decoder version.
func TestTextCache(t *testing.T) {
	const pdf = "../../testdata/documents/chromium-1col/java-backend.pdf"
	data, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	want, err := document.Decode(data, document.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	old := textCache{dir: dir, version: "1"}
	for _, run := range []string{"cold", "warm"} {
		if got, err := old.text(pdf); err != nil || got != want.Text {
			t.Fatalf("%s: text = %d bytes, %v; want Decode's %d bytes", run, len(got), err, len(want.Text))
		}
	}
	kept, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(kept) != 1 {
		t.Fatalf("cache holds %q, want one text", kept)
	}
	// A kept text is read, not decoded again...
	if err := os.WriteFile(kept[0], []byte("kept"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, _ := old.text(pdf); got != "kept" {
		t.Errorf("text = %.20q, want the kept text", got)
	}
	// ...but only under the version it was kept with.
	if got, err := (textCache{dir: dir, version: "2"}).text(pdf); err != nil || got != want.Text {
		t.Errorf("under a new version: text = %.20q, %v; want Decode's text", got, err)
	}
	if got, err := (textCache{}).text(pdf); err != nil || got != want.Text {
		t.Errorf("no cache: text = %.20q, %v; want Decode's text", got, err)
	}
	if _, err := old.text("../../testdata/documents/no-such.pdf"); !os.IsNotExist(err) {
		t.Errorf("missing file: error %v, want not-exist", err)
	}
}
