package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"github.com/skillmatch/skillmatch/engine/document"
)

// textCache is how every report reads a document's text: decoded in this
// process with the default limits (document.Decode), and kept between runs
// in dir, one file per document keyed by the decoder's version
// (document.TextVersion) and the document's path, size and modification
// time. A rerun reads the text instead of decoding; a decoder change, which
// raises TextVersion, never serves the old text. A zero textCache caches
// nothing.
type textCache struct {
	dir     string
	version string
}

// texts is the cache the reports share, set up by main.
var texts textCache

// newTextCache keeps texts under the user cache folder; without one, it
// caches nothing.
func newTextCache() textCache {
	d, err := os.UserCacheDir()
	if err != nil {
		return textCache{}
	}
	dir := filepath.Join(d, "skillmatch-eval", "document-text")
	if os.MkdirAll(dir, 0o755) != nil {
		return textCache{}
	}
	return textCache{dir: dir, version: document.TextVersion}
}

// text returns the text of the document at path. Errors are reading or
// decoding errors (not cached: the next run tries again).
func (c textCache) text(path string) (string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	var cached string
	if c.dir != "" {
		abs, err := filepath.Abs(path)
		if err != nil {
			return "", err
		}
		sum := sha256.Sum256(fmt.Appendf(nil, "%s|%s|%d|%d", c.version, abs, st.Size(), st.ModTime().UnixNano()))
		cached = filepath.Join(c.dir, hex.EncodeToString(sum[:12])+".txt")
		if b, err := os.ReadFile(cached); err == nil {
			return string(b), nil
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	doc, err := document.Decode(data, document.DefaultLimits())
	if err != nil {
		return "", err
	}
	if cached != "" {
		c.keep(cached, doc.Text)
	}
	return doc.Text, nil
}

// keep writes text to file through a temporary file and a rename, so an
// interrupted run never leaves part of a text to be read as the whole. A
// failure only costs the next run a decode.
func (c textCache) keep(file, text string) {
	tmp, err := os.CreateTemp(c.dir, "tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.WriteString(text)
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), file) != nil {
		os.Remove(tmp.Name())
	}
}
