package jobs

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/skillmatch/skillmatch/engine"
)

// entry is one file of a zip archive built by a test.
type entry struct {
	name string
	data []byte
	mode fs.FileMode // 0: regular file
	// claim, when non-zero, is the uncompressed size written in the header
	// whatever the real size is: a lying archive.
	claim uint64
}

func makeZip(t testing.TB, entries ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.mode != 0 {
			h.SetMode(e.mode)
		}
		if e.claim == 0 {
			f, err := w.CreateHeader(h)
			if err != nil {
				t.Fatal(err)
			}
			f.Write(e.data)
			continue
		}
		var comp bytes.Buffer
		fw, _ := flate.NewWriter(&comp, flate.BestCompression)
		fw.Write(e.data)
		fw.Close()
		h.CompressedSize64 = uint64(comp.Len())
		h.UncompressedSize64 = e.claim
		f, err := w.CreateRaw(h)
		if err != nil {
			t.Fatal(err)
		}
		f.Write(comp.Bytes())
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// docx is the smallest zip the program takes for a Word document.
func docx(t testing.TB) []byte {
	return makeZip(t, entry{name: "[Content_Types].xml", data: []byte("<Types/>")},
		entry{name: "word/document.xml", data: []byte("<w:document/>")})
}

// item is what a test compares: the name, the bytes, and the error category.
type item struct {
	Name string
	Data string
	Err  string
}

func summarize(us []Upload) []item {
	var out []item
	for _, u := range us {
		it := item{Name: u.Name, Data: string(u.Data)}
		for _, s := range []error{engine.ErrTooLarge, engine.ErrUnsupportedFormat, engine.ErrUnreadable} {
			if errors.Is(u.Err, s) {
				it.Err = s.Error()
			}
		}
		if u.Err != nil && it.Err == "" {
			it.Err = "other: " + u.Err.Error()
		}
		if len(it.Data) > 40 {
			it.Data = fmt.Sprintf("%d bytes", len(it.Data))
		}
		out = append(out, it)
	}
	return out
}

func TestExpand(t *testing.T) {
	lim := Limits{MaxFiles: 4, MaxFileBytes: 1 << 10, MaxTotalBytes: 3000}
	bomb := bytes.Repeat([]byte{0}, 1<<20)
	inner := makeZip(t, entry{name: "inner.txt", data: []byte("x")})
	word := docx(t)
	tests := []struct {
		name    string
		files   []Upload
		want    []item
		wantErr error
	}{
		{
			name:  "plain files keep their base name only",
			files: []Upload{{Name: "C:\\Users\\x\\cv.txt", Data: []byte("a")}, {Name: "../../etc/passwd", Data: []byte("b")}},
			want:  []item{{Name: "cv.txt", Data: "a"}, {Name: "passwd", Data: "b"}},
		},
		{
			name:  "a plain file over the file cap fails alone",
			files: []Upload{{Name: "huge.txt", Data: bytes.Repeat([]byte("a"), 1025)}, {Name: "ok.txt", Data: []byte("ok")}},
			want:  []item{{Name: "huge.txt", Err: "too large"}, {Name: "ok.txt", Data: "ok"}},
		},
		{
			name: "zip entries: traversal names reduced, directories and macOS metadata skipped",
			files: []Upload{{Name: "batch.zip", Data: makeZip(t,
				entry{name: "../../../../tmp/evil.txt", data: []byte("1")},
				entry{name: "/abs/path/cv.txt", data: []byte("2")},
				entry{name: `dir\..\..\win.txt`, data: []byte("3")},
				entry{name: "folder/", data: nil},
				entry{name: "__MACOSX/folder/._win.txt", data: []byte("junk")},
				entry{name: "folder/.DS_Store", data: []byte("junk")},
			)}},
			want: []item{{Name: "evil.txt", Data: "1"}, {Name: "cv.txt", Data: "2"}, {Name: "win.txt", Data: "3"}},
		},
		{
			name:  "a nested zip is refused per entry, a docx inside a zip is a document",
			files: []Upload{{Name: "outer.zip", Data: makeZip(t, entry{name: "inner.zip", data: inner}, entry{name: "cv.docx", data: word})}},
			want:  []item{{Name: "inner.zip", Err: "unsupported format"}, {Name: "cv.docx", Data: fmt.Sprintf("%d bytes", len(word))}},
		},
		{
			name:  "a docx upload is not expanded",
			files: []Upload{{Name: "cv.docx", Data: word}},
			want:  []item{{Name: "cv.docx", Data: fmt.Sprintf("%d bytes", len(word))}},
		},
		{
			name:  "an entry that inflates past the file cap fails alone",
			files: []Upload{{Name: "b.zip", Data: makeZip(t, entry{name: "bomb.txt", data: bomb}, entry{name: "ok.txt", data: []byte("ok")})}},
			want:  []item{{Name: "bomb.txt", Err: "too large"}, {Name: "ok.txt", Data: "ok"}},
		},
		{
			name:  "a header that understates the size is caught while reading",
			files: []Upload{{Name: "lie.zip", Data: makeZip(t, entry{name: "lie.txt", data: bytes.Repeat([]byte("a"), 900), claim: 10})}},
			want:  []item{{Name: "lie.txt", Err: "unreadable document"}},
		},
		{
			name:  "a header that overstates the size does not get past the cap either",
			files: []Upload{{Name: "lie.zip", Data: makeZip(t, entry{name: "big.txt", data: bytes.Repeat([]byte("a"), 2000), claim: 1 << 40})}},
			want:  []item{{Name: "big.txt", Err: "too large"}},
		},
		{
			name:  "a symlink entry is refused",
			files: []Upload{{Name: "l.zip", Data: makeZip(t, entry{name: "link", data: []byte("/etc/passwd"), mode: fs.ModeSymlink | 0o777})}},
			want:  []item{{Name: "link", Err: "unsupported format"}},
		},
		{
			name:    "too many entries",
			files:   []Upload{{Name: "many.zip", Data: makeZip(t, entry{name: "1"}, entry{name: "2"}, entry{name: "3"}, entry{name: "4"}, entry{name: "5"})}},
			wantErr: engine.ErrTooLarge,
		},
		{
			name:    "too many files counting zips and plain files together",
			files:   []Upload{{Name: "a", Data: []byte("a")}, {Name: "b", Data: []byte("b")}, {Name: "three.zip", Data: makeZip(t, entry{name: "1"}, entry{name: "2"}, entry{name: "3"})}},
			wantErr: engine.ErrTooLarge,
		},
		{
			name: "entries under the file cap but over the job budget",
			files: []Upload{{Name: "sum.zip", Data: makeZip(t,
				entry{name: "1", data: bytes.Repeat([]byte("a"), 1000)}, entry{name: "2", data: bytes.Repeat([]byte("b"), 1000)},
				entry{name: "3", data: bytes.Repeat([]byte("c"), 1000)}, entry{name: "4", data: bytes.Repeat([]byte("d"), 1020)})}},
			wantErr: engine.ErrTooLarge,
		},
		{
			name:    "a corrupt archive",
			files:   []Upload{{Name: "bad.zip", Data: append([]byte("PK\x03\x04"), bytes.Repeat([]byte{0xff}, 64)...)}},
			wantErr: engine.ErrUnreadable,
		},
		{
			name:    "nothing to do",
			files:   nil,
			wantErr: engine.ErrInvalid,
		},
		{
			name:    "an empty zip",
			files:   []Upload{{Name: "empty.zip", Data: makeZip(t)}},
			wantErr: engine.ErrInvalid,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Expand(tt.files, lim)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Expand error = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, summarize(got)); diff != "" {
				t.Errorf("Expand (-want +got):\n%s", diff)
			}
		})
	}
}

// TestExpandFixtures reads archives made by another zip writer (Python's
// zipfile), with the names an attacker would choose.
func TestExpandFixtures(t *testing.T) {
	for _, tt := range []struct {
		file string
		want []item
	}{
		{"traversal.zip", []item{
			{Name: "evil.txt", Data: "Python developer, Django, AWS\n"},
			{Name: "abs.txt", Data: "Java developer\n"},
			{Name: "windows.txt", Data: "Accountant\n"},
		}},
		{"nested.zip", []item{{Name: "cv.txt", Data: "Go developer\n"}, {Name: "more.zip", Err: "unsupported format"}}},
	} {
		data, err := os.ReadFile(filepath.Join("testdata", tt.file))
		if err != nil {
			t.Fatal(err)
		}
		got, err := Expand([]Upload{{Name: tt.file, Data: data}}, Limits{})
		if err != nil {
			t.Fatalf("Expand(%s) = %v", tt.file, err)
		}
		if diff := cmp.Diff(tt.want, summarize(got)); diff != "" {
			t.Errorf("Expand(%s) (-want +got):\n%s", tt.file, diff)
		}
	}
}

func TestDisplayName(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"cv.pdf", "cv.pdf"},
		{"../../etc/passwd", "passwd"},
		{`..\..\windows\win.ini`, "win.ini"},
		{"/", "unnamed"},
		{"..", "unnamed"},
		{"", "unnamed"},
		{"a/b/", "b"},
		{"evil\x00name\r\n.pdf", "evilname.pdf"},
		{"right\u202eftp.exe", "rightftp.exe"},
		{"  spaced.txt  ", "spaced.txt"},
		{strings.Repeat("é", 150) + ".pdf", strings.Repeat("é", 100)},
	} {
		if got := DisplayName(tt.in); got != tt.want {
			t.Errorf("DisplayName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzExpand checks that no archive makes Expand panic or hand back a name
// with a directory in it or a file over the caps.
func FuzzExpand(f *testing.F) {
	f.Add(makeZip(f, entry{name: "../x.txt", data: []byte("x")}))
	f.Add(makeZip(f, entry{name: "a.zip", data: makeZip(f, entry{name: "b"})}))
	f.Add(makeZip(f, entry{name: "lie", data: bytes.Repeat([]byte("a"), 300), claim: 3}))
	f.Add(docx(f))
	f.Add([]byte("PK\x05\x06"))
	seeds, _ := filepath.Glob("testdata/*.zip")
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	lim := Limits{MaxFiles: 20, MaxFileBytes: 4 << 10, MaxTotalBytes: 16 << 10}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := Expand([]Upload{{Name: "f.zip", Data: data}}, lim)
		if err != nil {
			return
		}
		for _, u := range got {
			if strings.ContainsAny(u.Name, "/\\") || u.Name == "" {
				t.Errorf("name %q", u.Name)
			}
			if int64(len(u.Data)) > lim.MaxFileBytes {
				t.Errorf("%s: %d bytes over the cap", u.Name, len(u.Data))
			}
		}
	})
}
