//go:build ignore

// gen writes the malformed regression documents in this folder. Each one
// reproduces a way a hostile or broken file can hurt a reader (a panic, an
// endless loop, a memory or decompression blow-up, lying sizes, deep
// nesting); the tests in engine/document check each answers in time with a
// clear error. Run from the repository root:
//
//	go run ./testdata/documents/malformed/gen.go
package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/zlib"
	"fmt"
	"hash/crc32"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"
)

const dir = "testdata/documents/malformed"

// buildPDF numbers objs from 1, writes a classic xref table and a trailer
// whose /Root is object 1.
func buildPDF(header string, objs []string) []byte {
	var b bytes.Buffer
	b.WriteString(header + "\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func stream(dict string, data []byte) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

func deflate(data []byte) []byte {
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// page is a one-page document showing content with Helvetica.
func page(pagesDict, content string, extra ...string) []string {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		pagesDict,
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		stream("", []byte(content)),
	}
	return append(objs, extra...)
}

const onePage = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
const hello = "BT /F1 12 Tf 72 700 Td (Python and Django developer) Tj ET"

func write(name string, data []byte) {
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%-28s %8d bytes\n", name, len(data))
}

func main() {
	write("valid.pdf", buildPDF("%PDF-1.4", page(onePage, hello)))
	write("pdf20-header.pdf", buildPDF("%PDF-2.0", page(onePage, hello)))

	// An object nested 100,000 arrays deep, on the page the reader must load.
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	objs := page(onePage, hello)
	objs[2] = "<< /Type /Page /Parent 2 0 R /X " + deep + " /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
	write("deep-nesting.pdf", buildPDF("%PDF-1.4", objs))

	// A page-tree node that lists itself as its own kid.
	write("kids-loop.pdf", buildPDF("%PDF-1.4", page("<< /Type /Pages /Kids [2 0 R] /Count 5 >>", hello)))

	// A page count of two billion over one real page.
	write("count-two-billion.pdf", buildPDF("%PDF-1.4", page("<< /Type /Pages /Kids [3 0 R] /Count 2000000000 >>", hello)))

	// A hex string that never closes, in the content stream and in a
	// font's ToUnicode CMap (the reader's own lexer loops forever on it).
	write("unterminated-hex-content.pdf", buildPDF("%PDF-1.4", page(onePage, "BT /F1 12 Tf 72 700 Td <50797468")))
	objs = page(onePage, hello, stream("", []byte("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <00> <FF> endcodespacerange\n1 beginbfchar <41> <0041")))
	objs[3] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"
	write("unterminated-hex-cmap.pdf", buildPDF("%PDF-1.4", objs))

	// 150 MiB of content inflated from a small Flate stream.
	bomb := deflate(bytes.Repeat([]byte(" "), 150<<20))
	objs = page(onePage, "")
	objs[4] = stream("/Filter /FlateDecode", bomb)
	write("flate-bomb.pdf", buildPDF("%PDF-1.4", objs))

	// Millions of glyphs from a few KiB: under the decompression cap, over
	// the text cap.
	text := "BT /F1 1 Tf " + strings.Repeat("("+strings.Repeat("A", 200)+") Tj ", 20000) + "ET"
	objs = page(onePage, "")
	objs[4] = stream("/Filter /FlateDecode", deflate([]byte(text)))
	write("text-bomb.pdf", buildPDF("%PDF-1.4", objs))

	// A PNG predictor asking for rows two billion bytes wide.
	objs = page(onePage, "")
	objs[4] = stream("/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 2000000000 >>", deflate([]byte("\x02abc")))
	write("predictor-columns.pdf", buildPDF("%PDF-1.4", objs))

	// An object stream that /Extends itself: resolving an object that is
	// not in it never ends.
	write("objstm-extends-loop.pdf", objstmLoop())

	// A page with only an image: a scan.
	objs = page(onePage, "q 612 0 0 792 0 0 cm /Im1 Do Q")
	objs[2] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 6 0 R >> >> /Contents 5 0 R >>"
	objs = append(objs, stream("/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", []byte{0, 255, 255, 0}))
	write("scan-no-text.pdf", buildPDF("%PDF-1.4", objs))

	// A composite font without a ToUnicode map: codes decode to controls.
	var codes strings.Builder
	for i := 0; i < 400; i++ {
		fmt.Fprintf(&codes, "%04X", 1+i%40)
		if i%7 == 6 {
			codes.WriteString("0003")
		}
	}
	objs = page(onePage, "BT /F1 10 Tf 72 700 Td <"+codes.String()+"> Tj ET")
	objs[3] = "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Custom /Encoding /Identity-H /DescendantFonts [6 0 R] >>"
	objs = append(objs, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Custom /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>")
	write("no-unicode-map.pdf", buildPDF("%PDF-1.4", objs))

	full := buildPDF("%PDF-1.4", page(onePage, hello))
	write("truncated.pdf", full[:len(full)/2])

	writeDOCX()
}

// objstmLoop builds a PDF 1.5 file with a cross-reference stream in which
// the catalog lives in object stream 3, and 3 /Extends itself.
func objstmLoop() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	off3 := b.Len()
	fmt.Fprintf(&b, "3 0 obj\n%s\nendobj\n", stream("/Type /ObjStm /N 0 /First 1 /Extends 3 0 R", []byte(" ")))
	offX := b.Len()
	// Entries: 0 free; 1 in object stream 3; 2 unused; 3 at off3; 4 the xref stream.
	var rows []byte
	row := func(t byte, f2 int, f3 byte) { rows = append(rows, t, byte(f2>>8), byte(f2), f3) }
	row(0, 0, 0)
	row(2, 3, 0)
	row(0, 0, 0)
	row(1, off3, 0)
	row(1, offX, 0)
	fmt.Fprintf(&b, "4 0 obj\n%s\nendobj\n", stream("/Type /XRef /Size 5 /W [1 2 1] /Root 1 0 R", rows))
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", offX)
	return b.Bytes()
}

const docStart = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`
const docEnd = `</w:body></w:document>`

func zipFiles(files map[string][]byte, order []string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestCompression) })
	for _, name := range order {
		w, _ := zw.Create(name)
		w.Write(files[name])
	}
	zw.Close()
	return b.Bytes()
}

func writeDOCX() {
	types := []byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)
	para := `<w:p><w:r><w:t>Python and Django developer</w:t></w:r></w:p>`

	// 200 MiB of paragraphs in a few hundred KiB.
	var big bytes.Buffer
	big.WriteString(docStart)
	for big.Len() < 200<<20 {
		big.WriteString(strings.Repeat(para, 1000))
	}
	big.WriteString(docEnd)
	write("zip-bomb.docx", zipFiles(map[string][]byte{"[Content_Types].xml": types, "word/document.xml": big.Bytes()}, []string{"[Content_Types].xml", "word/document.xml"}))

	// Headers that claim 200 bytes for an entry that inflates to 8 MiB.
	write("lying-sizes.docx", lyingZip(types, []byte(docStart+strings.Repeat(para, 8<<20/len(para))+docEnd)))

	// Elements nested 100,000 deep.
	deep := docStart + strings.Repeat("<w:p>", 100000) + strings.Repeat("</w:p>", 100000) + docEnd
	write("deep-xml.docx", zipFiles(map[string][]byte{"[Content_Types].xml": types, "word/document.xml": []byte(deep)}, []string{"[Content_Types].xml", "word/document.xml"}))

	// More entries than the cap.
	files := map[string][]byte{"word/document.xml": []byte(docStart + para + docEnd)}
	order := []string{"word/document.xml"}
	for i := 0; i < 1500; i++ {
		n := fmt.Sprintf("word/media/x%d.bin", i)
		files[n] = nil
		order = append(order, n)
	}
	write("many-entries.docx", zipFiles(files, order))

	write("not-docx.zip", zipFiles(map[string][]byte{"notes.txt": []byte("hello")}, []string{"notes.txt"}))
	write("legacy.doc", append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 504)...))
}

// lyingZip stores document.xml with sizes in its headers far below the
// real inflated size.
func lyingZip(types, doc []byte) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("[Content_Types].xml")
	w.Write(types)
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write(doc)
	fw.Close()
	raw, _ := zw.CreateRaw(&zip.FileHeader{
		Name:               "word/document.xml",
		Method:             zip.Deflate,
		CRC32:              crc32.ChecksumIEEE(doc),
		CompressedSize64:   uint64(comp.Len()),
		UncompressedSize64: 200,
	})
	raw.Write(comp.Bytes())
	zw.Close()
	return b.Bytes()
}
