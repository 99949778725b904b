package jobs

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode"

	"github.com/skillmatch/skillmatch/engine"
)

// Upload is one resume file of a job request. Name is for display only: it is
// the base name of whatever the client or the zip entry said, cleaned of
// directories and control characters, and never used to write to disk.
type Upload struct {
	Name string
	Data []byte
	// Err is set when the file was refused before parsing (too large, a
	// nested archive, a link); Data is then nil and the item fails with it.
	Err error
}

// Limits caps what one job request may contain. Sizes are counted as bytes
// are actually read, never taken from zip headers.
type Limits struct {
	MaxFiles      int   // files per job, zip entries included
	MaxFileBytes  int64 // one file, after decompression
	MaxTotalBytes int64 // all files of the job, after decompression
}

// DefaultLimits returns the caps used when Config.Limits is zero: 5,000
// files, 20 MiB per file, 256 MiB per job (all of it held in memory while
// the job is created).
func DefaultLimits() Limits {
	return Limits{MaxFiles: 5000, MaxFileBytes: 20 << 20, MaxTotalBytes: 256 << 20}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxFiles <= 0 {
		l.MaxFiles = d.MaxFiles
	}
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = d.MaxFileBytes
	}
	if l.MaxTotalBytes <= 0 {
		l.MaxTotalBytes = d.MaxTotalBytes
	}
	return l
}

// Expand turns the files of a request into the job's items: a zip archive
// (one that is not a DOCX document) is replaced by its entries, other files
// are kept as they are. Files and entries that are themselves archives, links, or over
// MaxFileBytes come back with Err set, so the job reports them per file.
//
// Errors: more than MaxFiles files or more than MaxTotalBytes in all wraps
// engine.ErrTooLarge; an archive that cannot be read wraps
// engine.ErrUnreadable; no files at all wraps engine.ErrInvalid.
func Expand(files []Upload, lim Limits) ([]Upload, error) {
	lim = lim.withDefaults()
	var out []Upload
	var total int64
	for _, f := range files {
		if f.Err != nil || !isZipArchive(f.Data) || isDOCX(f.Data) {
			u := Upload{Name: DisplayName(f.Name), Data: f.Data, Err: f.Err}
			if u.Err == nil && int64(len(u.Data)) > lim.MaxFileBytes {
				u.Data, u.Err = nil, fmt.Errorf("file larger than %d bytes: %w", lim.MaxFileBytes, engine.ErrTooLarge)
			}
			out = append(out, u)
			total += int64(len(f.Data))
		} else {
			entries, n, err := readZip(f.Data, lim, lim.MaxTotalBytes-total)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", DisplayName(f.Name), err)
			}
			out = append(out, entries...)
			total += n
		}
		if len(out) > lim.MaxFiles {
			return nil, fmt.Errorf("more than %d files in one job: %w", lim.MaxFiles, engine.ErrTooLarge)
		}
		if total > lim.MaxTotalBytes {
			return nil, fmt.Errorf("more than %d bytes of files in one job: %w", lim.MaxTotalBytes, engine.ErrTooLarge)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no files: %w", engine.ErrInvalid)
	}
	return out, nil
}

// readZip reads the entries of a zip archive, at most budget bytes in all.
// It returns the entries and the bytes read.
func readZip(data []byte, lim Limits, budget int64) ([]Upload, int64, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		// ErrInsecurePath only says some names are not local; names are
		// never used as paths here, so the archive is still usable.
		return nil, 0, fmt.Errorf("reading zip archive: %v: %w", err, engine.ErrUnreadable)
	}
	var out []Upload
	var total int64
	for _, f := range zr.File {
		if skipEntry(f) {
			continue
		}
		if len(out) >= lim.MaxFiles {
			return nil, 0, fmt.Errorf("more than %d entries in zip archive: %w", lim.MaxFiles, engine.ErrTooLarge)
		}
		u := Upload{Name: DisplayName(f.Name)}
		if !f.Mode().IsRegular() { // symlinks, devices, pipes
			u.Err = fmt.Errorf("zip entry is not a regular file: %w", engine.ErrUnsupportedFormat)
			out = append(out, u)
			continue
		}
		u.Data, err = readEntry(f, lim.MaxFileBytes, budget-total)
		total += int64(len(u.Data))
		switch {
		case errors.Is(err, errJobBudget):
			return nil, 0, fmt.Errorf("zip archive expands past %d bytes: %w", lim.MaxTotalBytes, engine.ErrTooLarge)
		case err != nil:
			u.Data, u.Err = nil, err
		case isZipArchive(u.Data) && !isDOCX(u.Data):
			u.Data, u.Err = nil, fmt.Errorf("nested zip archives are not accepted: %w", engine.ErrUnsupportedFormat)
		}
		out = append(out, u)
	}
	return out, total, nil
}

var errJobBudget = errors.New("job byte budget exceeded")

// readEntry reads one entry, counting the bytes that actually come out of the
// decompressor: a header that understates the size does not get past the cap.
func readEntry(f *zip.File, maxFile, budget int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("zip entry: %v: %w", err, engine.ErrUnreadable)
	}
	defer rc.Close()
	limit := min(maxFile, budget)
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("zip entry: %v: %w", err, engine.ErrUnreadable)
	}
	if int64(len(data)) > limit {
		if limit == budget && budget < maxFile {
			return data, errJobBudget
		}
		return nil, fmt.Errorf("zip entry larger than %d bytes: %w", maxFile, engine.ErrTooLarge)
	}
	return data, nil
}

// skipEntry reports entries that are not files a person put in the archive:
// directories and the metadata macOS and Windows add.
func skipEntry(f *zip.File) bool {
	name := strings.ReplaceAll(f.Name, `\`, "/")
	base := path.Base(name)
	return strings.HasSuffix(name, "/") || f.Mode().IsDir() ||
		strings.HasPrefix(name, "__MACOSX/") || strings.Contains(name, "/__MACOSX/") ||
		strings.HasPrefix(base, "._") || base == ".DS_Store" || base == "Thumbs.db"
}

// DisplayName reduces a client-supplied file name to a safe base name: no
// directories (either slash), no control or format characters, at most 200
// bytes; "unnamed" when nothing is left.
func DisplayName(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	name = path.Base(name)
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == unicode.ReplacementChar {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if len(name) > 200 {
		cut := 200
		for cut > 0 && !isRuneStart(name[cut]) {
			cut--
		}
		name = name[:cut]
	}
	if name == "" || name == "." || name == ".." || name == "/" {
		return "unnamed"
	}
	return name
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

func isZipArchive(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06"))
}

// isDOCX reports a zip archive that is a Word document (it has
// word/document.xml), which is a resume, not a bundle of resumes.
func isDOCX(data []byte) bool {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return false
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			return true
		}
	}
	return false
}
