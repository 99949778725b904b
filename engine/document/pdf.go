package document

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/ledongthuc/pdf"

	"github.com/skillmatch/skillmatch/engine"
)

// PDF decoding: ledongthuc/pdf reads the object graph and inflates streams;
// page-tree walking, the content-stream interpreter and the text layout
// (layout.go) are ours, with caps at every step because the input is hostile.
//
// Speed (BenchmarkDecodeLivecareer): the content-stream lexer allocates
// nothing per operand (strings live in a per-operator arena), fonts are
// parsed once per document, and the page's content bytes and glyphs live in
// buffers reused from page to page and, through scratchPool, from document
// to document. The output is pinned byte for byte by the golden tests,
// including text hashes of every public PDF (livecareer_test.go).

const (
	maxPageTreeDepth = 32
	maxFormDepth     = 8
	maxPageGlyphs    = 200_000 // a dense resume page shows about 5,000
)

// pdfAbort is panicked inside the interpreter to stop at a cap; decodePDF
// recovers it and returns the wrapped error.
type pdfAbort struct{ err error }

// decodePDF extracts the text of every page in reading order.
func decodePDF(data []byte, lim Limits) (Document, error) {
	fixed, err := fixPDFHeader(data)
	if err != nil {
		return Document{}, err
	}
	r, err := pdf.NewReader(bytes.NewReader(fixed), int64(len(fixed)))
	if err != nil && len(fixed) < len(data) {
		// Bytes before the header: the offsets may count from the file's
		// first byte rather than from the header. Keep every byte in place
		// and write a header over the junk instead.
		inPlace := make([]byte, len(data))
		copy(inPlace, data)
		junk := len(data) - len(fixed)
		if junk >= 10 {
			copy(inPlace, "%PDF-1.7\n%")
			for i := 10; i < junk; i++ {
				if inPlace[i] == '\n' || inPlace[i] == '\r' {
					inPlace[i] = ' '
				}
			}
			r, err = pdf.NewReader(bytes.NewReader(inPlace), int64(len(inPlace)))
		}
	}
	if err != nil {
		// Junk after the last %%EOF, or an %%EOF lost after startxref:
		// viewers read these, so cut or restore the end and try again.
		if end := repairPDFEnd(fixed); end != nil {
			if r2, err2 := pdf.NewReader(bytes.NewReader(end), int64(len(end))); err2 == nil {
				r, err = r2, nil
			}
		}
	}
	if err != nil {
		return Document{}, fmt.Errorf("pdf: cannot read the file (%s): %w", pdfReason(err), engine.ErrUnreadable)
	}
	d := &pdfDecoder{lim: lim, budget: lim.MaxDecompressed, fonts: map[string]*fontInfo{}, fontsByRef: map[string]*fontInfo{}}
	d.scratch = scratchPool.Get().(*pdfScratch)
	defer d.scratch.release()
	pages, err := d.collectPages(r)
	if err != nil {
		return Document{}, err
	}
	var text strings.Builder
	glyphsSeen := 0
	for _, page := range pages {
		glyphs, marks, err := d.pageGlyphs(page)
		if err != nil {
			return Document{}, err
		}
		glyphsSeen += len(glyphs)
		pageText := layoutPage(glyphs, marks)
		// The layout keeps no glyph: reuse the slices for the next page.
		if cap(glyphs) > cap(d.scratch.glyphs) {
			d.scratch.glyphs = glyphs[:0]
		}
		if cap(marks) > cap(d.scratch.marks) {
			d.scratch.marks = marks[:0]
		}
		if text.Len() > 0 && pageText != "" {
			text.WriteString("\n\n")
		}
		text.WriteString(pageText)
		if err := capText(text.Len(), lim); err != nil {
			return Document{}, err
		}
	}
	out := normalizeText(text.String())
	if strings.TrimSpace(out) == "" {
		if glyphsSeen > 0 {
			return Document{}, fmt.Errorf("pdf: %w", ErrGarbage)
		}
		return Document{}, fmt.Errorf("pdf: %w", ErrNoTextLayer)
	}
	if isGarbage(out) {
		return Document{}, fmt.Errorf("pdf: %w", ErrGarbage)
	}
	return Document{Text: out, Pages: len(pages)}, nil
}

// fixPDFHeader drops bytes before "%PDF-" and rewrites a header the reader
// rejects (PDF 2.0, no newline after the version) as "%PDF-1.7\n"; the
// header's length does not change, so xref offsets stay valid.
func fixPDFHeader(data []byte) ([]byte, error) {
	i := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-"))
	if i < 0 {
		return nil, fmt.Errorf("pdf: no %%PDF header: %w", engine.ErrUnreadable)
	}
	data = data[i:]
	if len(data) < 16 {
		return nil, fmt.Errorf("pdf: file is truncated: %w", engine.ErrUnreadable)
	}
	okVersion := data[5] == '1' && data[6] == '.' && data[7] >= '0' && data[7] <= '7'
	okEnd := data[8] == '\r' || data[8] == '\n'
	if okVersion && okEnd {
		return data, nil
	}
	fixed := make([]byte, len(data))
	copy(fixed, data)
	copy(fixed[5:], "1.7\n")
	return fixed, nil
}

// repairPDFEnd returns data ending at its last %%EOF, or with an %%EOF
// added after a final startxref; nil when neither applies.
func repairPDFEnd(data []byte) []byte {
	if i := bytes.LastIndex(data, []byte("%%EOF")); i >= 0 && len(data)-(i+5) > 2 {
		return data[:i+5]
	}
	if i := bytes.LastIndex(data, []byte("startxref")); i >= 0 && !bytes.Contains(data[i:], []byte("%%EOF")) {
		return append(append([]byte(nil), data...), "\n%%EOF\n"...)
	}
	return nil
}

// pdfReason turns the reader's error into words for the user.
func pdfReason(err error) string {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "%%EOF"), strings.Contains(msg, "startxref"), strings.Contains(msg, "unexpected EOF"):
		return "truncated or missing its cross-reference table"
	case strings.Contains(msg, "password"), strings.Contains(msg, "encrypt"):
		return "encrypted with a password"
	}
	return "corrupt structure"
}

// pdfDecoder holds one document's state: the remaining decompression
// budget and parsed fonts.
type pdfDecoder struct {
	lim    Limits
	budget int64 // bytes of stream data still allowed
	glyphs int   // glyphs produced so far, for the text cap
	// scratch holds the buffers reused page after page.
	scratch *pdfScratch
	fonts   map[string]*fontInfo
	// fontsByRef shares parsed fonts between resource names that point
	// at the same object.
	fontsByRef map[string]*fontInfo
}

// collectPages walks the page tree depth first, bounded in depth and in
// page count, never trusting /Count (a /Kids loop or /Count 2000000000 must
// not hang).
func (d *pdfDecoder) collectPages(r *pdf.Reader) (pages []pdf.Value, err error) {
	defer func() {
		if p := recover(); p != nil {
			if a, ok := p.(pdfAbort); ok {
				pages, err = nil, a.err
				return
			}
			pages, err = nil, fmt.Errorf("pdf: corrupt page tree: %w", engine.ErrUnreadable)
		}
	}()
	root := r.Trailer().Key("Root").Key("Pages")
	if root.IsNull() {
		return nil, fmt.Errorf("pdf: document has no page tree: %w", engine.ErrUnreadable)
	}
	nodes := 0
	var walk func(v pdf.Value, depth int)
	walk = func(v pdf.Value, depth int) {
		nodes++
		if depth > maxPageTreeDepth || nodes > 10*d.lim.MaxPages+100 {
			panic(pdfAbort{fmt.Errorf("pdf: page tree is deeper than %d levels or loops: %w", maxPageTreeDepth, engine.ErrUnreadable)})
		}
		kids := v.Key("Kids")
		if v.Key("Type").Name() == "Page" || kids.Kind() != pdf.Array && !v.Key("Contents").IsNull() {
			if len(pages) >= d.lim.MaxPages {
				panic(pdfAbort{fmt.Errorf("pdf: more than %d pages: %w", d.lim.MaxPages, engine.ErrTooLarge)})
			}
			pages = append(pages, v)
			return
		}
		for i := 0; i < kids.Len(); i++ {
			walk(kids.Index(i), depth+1)
		}
	}
	walk(root, 0)
	return pages, nil
}

// readStream inflates a stream within the document's decompression budget.
func (d *pdfDecoder) readStream(v pdf.Value) ([]byte, error) {
	return d.appendStream(nil, v)
}

// appendStream inflates a stream within the document's decompression
// budget and appends it to buf. On an error it returns nil.
func (d *pdfDecoder) appendStream(buf []byte, v pdf.Value) ([]byte, error) {
	if v.Kind() != pdf.Stream {
		return buf, nil
	}
	start := len(buf)
	err := func() (err error) {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("pdf: unreadable stream (%v): %w", p, engine.ErrUnreadable)
			}
		}()
		rc := v.Reader()
		defer rc.Close()
		buf, err = readAllAppend(buf, io.LimitReader(rc, d.budget+1))
		return err
	}()
	d.budget -= int64(len(buf) - start)
	if d.budget < 0 {
		return nil, fmt.Errorf("pdf: decompressed streams exceed the %s limit: %w", sizeString(d.lim.MaxDecompressed), engine.ErrTooLarge)
	}
	if err != nil {
		if errors.Is(err, engine.ErrUnreadable) {
			return nil, err
		}
		// A damaged compressed stream still yields what inflated before the
		// damage; keep it, as viewers do.
		return buf, nil
	}
	return buf, nil
}

// readAllAppend is io.ReadAll appending to buf: the same bytes and error,
// read into buf's spare capacity first.
func readAllAppend(buf []byte, r io.Reader) ([]byte, error) {
	if cap(buf)-len(buf) < 512 {
		buf = slices.Grow(buf, 512)
	}
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return buf, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
	}
}

// contents returns a page's content streams concatenated, in the
// scratch content buffer: valid until the next page's.
func (d *pdfDecoder) contents(v pdf.Value) ([]byte, error) {
	c := v.Key("Contents")
	all := d.scratch.content[:0]
	if c.Kind() != pdf.Array {
		all, err := d.appendStream(all, c)
		d.scratch.keepContent(all)
		return all, err
	}
	for i := 0; i < c.Len(); i++ {
		var err error
		if all, err = d.appendStream(all, c.Index(i)); err != nil {
			return nil, err
		}
		all = append(all, '\n')
	}
	d.scratch.keepContent(all)
	return all, nil
}

// pdfScratch is memory one PDF decode uses page after page and hands on to
// the next decode through scratchPool: content bytes and glyphs.
type pdfScratch struct {
	content []byte
	glyphs  []glyph
	marks   []box
}

var scratchPool = sync.Pool{New: func() any { return new(pdfScratch) }}

// Scratch memory above these sizes is left to the garbage collector
// rather than kept for the next document.
const (
	maxPooledContent = 4 << 20
	maxPooledGlyphs  = 64 << 10
)

func (s *pdfScratch) keepContent(b []byte) {
	if cap(b) > cap(s.content) {
		s.content = b[:0]
	}
}

// release returns s to the pool unless it grew too large.
func (s *pdfScratch) release() {
	if cap(s.content) > maxPooledContent || cap(s.glyphs) > maxPooledGlyphs {
		return
	}
	clear(s.glyphs[:cap(s.glyphs)]) // drop the text strings
	s.glyphs, s.marks = s.glyphs[:0], s.marks[:0]
	scratchPool.Put(s)
}

// inheritedResources finds /Resources on the page or its ancestors, at most
// maxPageTreeDepth levels up (a /Parent loop must end).
func inheritedResources(page pdf.Value) pdf.Value {
	v := page
	for i := 0; i < maxPageTreeDepth && !v.IsNull(); i++ {
		if r := v.Key("Resources"); !r.IsNull() {
			return r
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}

// pageGlyphs runs a page's content stream and returns its positioned glyphs.
// Small filled shapes are returned as marks: they are bullets drawn as
// graphics.
func (d *pdfDecoder) pageGlyphs(page pdf.Value) (glyphs []glyph, marks []box, err error) {
	defer func() {
		if p := recover(); p != nil {
			if a, ok := p.(pdfAbort); ok {
				glyphs, marks, err = nil, nil, a.err
				return
			}
			glyphs, marks, err = nil, nil, fmt.Errorf("pdf: malformed page content: %w", engine.ErrUnreadable)
		}
	}()
	content, err := d.contents(page)
	if err != nil {
		return nil, nil, err
	}
	in := &interp{d: d, res: inheritedResources(page), path: emptyBox, fonts: map[string]*fontInfo{}, glyphs: d.scratch.glyphs[:0], marks: d.scratch.marks[:0]}
	if cap(in.glyphs) == 0 {
		// About one glyph per 16 bytes of content in the producers seen.
		in.glyphs = make([]glyph, 0, min(len(content)/16+16, maxPageGlyphs))
	}
	in.g.ctm = identity
	in.g.th = 1
	in.run(content, 0)
	return in.glyphs, in.marks, nil
}

// fontInfo is what the interpreter needs of a font: how to split a string
// into codes, each code's text and advance width.
type fontInfo struct {
	twoByte bool
	enc     pdf.TextEncoding // nil until a code is missing from toUnicode
	first   int
	widths  []float64       // simple fonts, from /FirstChar
	cidW    map[int]float64 // composite fonts, from /W
	dw      float64         // default width
	scale   float64         // glyph space → text space (0.001 except Type3)
	known   bool            // widths come from the file, not a guess
	text    map[int]string  // decoded text per code from 256 up
	// lowText and lowSet cache the decoded text of codes below 256.
	lowText [256]string
	lowSet  [256]bool

	toUnicode map[int]string // the font's ToUnicode map, which wins over its encoding
	pdfFont   pdf.Font       // for the encoding fallback
}

func (f *fontInfo) width(code int) float64 {
	if f.twoByte {
		if w, ok := f.cidW[code]; ok {
			return w * f.scale
		}
		return f.dw * f.scale
	}
	if i := code - f.first; i >= 0 && i < len(f.widths) && f.widths[i] > 0 {
		return f.widths[i] * f.scale
	}
	if code == ' ' {
		return 0.25
	}
	return f.dw * f.scale
}

func (f *fontInfo) decode(code int) string {
	if code >= 0 && code < len(f.lowSet) {
		if f.lowSet[code] {
			return f.lowText[code]
		}
	} else if s, ok := f.text[code]; ok {
		return s
	}
	var raw string
	if f.twoByte {
		raw = string([]byte{byte(code >> 8), byte(code)})
	} else {
		raw = string([]byte{byte(code)})
	}
	s, ok := f.toUnicode[code]
	if !ok {
		// No ToUnicode entry: fall back to the font's encoding, which the
		// reader parses on first use.
		if f.enc == nil {
			f.enc = f.pdfFont.Encoder()
			if f.enc == nil {
				f.enc = nopEncoding{}
			}
		}
		s = f.enc.Decode(raw)
	}
	if code >= 0 && code < len(f.lowSet) {
		f.lowText[code], f.lowSet[code] = s, true
	} else {
		f.text[code] = s
	}
	return s
}

// font parses the font named name in resources res, once per document.
func (d *pdfDecoder) font(res pdf.Value, name string) *fontInfo {
	v := res.Key("Font").Key(name)
	key := name + "\x00" + v.Key("BaseFont").Name() + "\x00" + v.Key("Subtype").Name()
	if f, ok := d.fonts[key]; ok {
		return f
	}
	f := &fontInfo{scale: 0.001, dw: 500, text: map[int]string{}}
	// The ToUnicode map is read with our lexer (the reader's loops forever
	// on an unterminated string) and wins over the font's encoding.
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		data, err := d.readStream(tu)
		if err != nil {
			panic(pdfAbort{err})
		}
		m, complaint := parseToUnicode(data)
		if complaint != "" {
			panic(pdfAbort{fmt.Errorf("pdf: font %s has a malformed ToUnicode map (%s): %w", name, complaint, engine.ErrUnreadable)})
		}
		f.toUnicode = m
	}
	f.pdfFont = pdf.Font{V: v}
	switch v.Key("Subtype").Name() {
	case "Type0":
		f.twoByte = true
		f.dw = 1000
		desc := v.Key("DescendantFonts").Index(0)
		if dw := desc.Key("DW"); !dw.IsNull() {
			f.dw = dw.Float64()
		}
		f.cidW = map[int]float64{}
		w := desc.Key("W")
		f.known = w.Len() > 0
		for i := 0; i < w.Len() && i < 200000; {
			start := int(w.Index(i).Int64())
			next := w.Index(i + 1)
			if next.Kind() == pdf.Array {
				for j := 0; j < next.Len() && j < 65536; j++ {
					f.cidW[start+j] = next.Index(j).Float64()
				}
				i += 2
				continue
			}
			end := int(next.Int64())
			wd := w.Index(i + 2).Float64()
			for c := start; c <= end && c-start < 65536; c++ {
				f.cidW[c] = wd
			}
			i += 3
		}
	case "Type3":
		if m := v.Key("FontMatrix"); m.Len() == 6 {
			f.scale = m.Index(0).Float64()
		}
		fallthrough
	default:
		f.first = int(v.Key("FirstChar").Int64())
		ws := v.Key("Widths")
		for i := 0; i < ws.Len() && i < 256; i++ {
			f.widths = append(f.widths, ws.Index(i).Float64())
		}
		f.known = len(f.widths) > 0
		if strings.Contains(v.Key("BaseFont").Name(), "Courier") {
			f.dw = 600
		}
	}
	if f.scale == 0 || math.IsNaN(f.scale) || math.Abs(f.scale) > 1 {
		f.scale = 0.001
	}
	d.fonts[key] = f
	return f
}

type nopEncoding struct{}

func (nopEncoding) Decode(raw string) string { return raw }
