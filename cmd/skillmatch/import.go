package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/skillmatch/skillmatch/api/jobs"
	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/document"
	"github.com/skillmatch/skillmatch/engine/resume"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
	"github.com/skillmatch/skillmatch/index"
)

// runImport bulk-loads resumes into a data folder:
//
//	skillmatch import --data DIR [--as-of DATE] [--taxonomy FILE] [--batch N] FILE_OR_DIR_OR_ZIP...
//
// Directories are walked (hidden files skipped), zip archives expanded with
// the same caps as batch jobs. Documents are decoded in the worker pool,
// parsed (--as-of as parse and rank read it: YYYY-MM or YYYY-MM-DD, env
// SKILLMATCH_AS_OF, default today in UTC), and stored in batches (one
// transaction and one index batch each); a document already stored counts as
// a duplicate. Progress is a bar on a terminal and a line every few seconds
// otherwise; a summary follows, which says when the import was interrupted
// and how many files it did not process (what was stored stays; running the
// same import again adds the rest, the stored ones count as duplicates).
// Exit status 1 when any file failed.
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("import", flag.ContinueOnError)
	fl.SetOutput(stderr)
	data := fl.String("data", "./data", "data `folder`")
	// 256: all 2,484 LiveCareer PDFs import in 6.9-7.7 s here (2 cores,
	// 320-360 resumes/s) against 9.2-9.7 s with 64: fewer, larger index
	// segments. Progress is counted per file either way.
	batch := fl.Int("batch", 256, "candidates stored per transaction and index batch")
	if err := bindEnv(fl, "data"); err != nil {
		return err
	}
	inputs, err := addResumeFlags(fl, "`date` \"Present\" means")
	if err != nil {
		return err
	}
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: skillmatch import --data DIR [--as-of DATE] [--taxonomy FILE] [--batch N] FILE_OR_DIR_OR_ZIP...\n\nBulk-loads resumes (files, folders, zip archives) into a data folder, with progress and a summary; duplicates of stored resumes are counted, not stored again.")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return badFlags(err)
	}
	if fl.NArg() == 0 {
		return fmt.Errorf("no FILE_OR_DIR_OR_ZIP given: %w", errUsage)
	}
	asOf, tax, err := inputs.load()
	if err != nil {
		return err
	}
	sources, failed := collectImport(fl.Args(), jobs.DefaultLimits())
	if len(sources)+len(failed) == 0 {
		return fmt.Errorf("no files found in %s", strings.Join(fl.Args(), " "))
	}
	st, err := openStore(ctx, *data, tax, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return err
	}
	defer st.Close()
	pool, err := document.NewPool(document.PoolOptions{Workers: runtime.NumCPU()})
	if err != nil {
		return err
	}
	defer pool.Close()

	prog := newImportProgress(stderr, len(sources)+len(failed))
	prog.add(len(failed))
	sum, err := importAll(ctx, st, pool, tax, asOf, sources, max(*batch, 1), prog)
	prog.finish()
	sum.failed = append(failed, sum.failed...)
	sum.total += len(failed)
	sum.print(stdout)
	if err != nil {
		return err
	}
	if len(sum.failed) > 0 {
		return errFailed
	}
	return nil
}

// importSource is one document to import: a file on disk (path) or a zip
// entry already read (data).
type importSource struct {
	name  string // stored as the candidate's file name: a base name
	shown string // named in the summary: the path as given, or zip/entry
	path  string
	data  []byte
}

// importFailure is one file that was not imported.
type importFailure struct {
	name string
	err  error
}

// collectImport lists the documents named by args: files, directories walked
// recursively (hidden entries skipped), zip archives expanded.
func collectImport(args []string, lim jobs.Limits) ([]importSource, []importFailure) {
	var out []importSource
	var failed []importFailure
	addFile := func(path string) {
		if strings.EqualFold(filepath.Ext(path), ".zip") {
			data, err := readCapped(path, lim.MaxTotalBytes)
			if err != nil {
				failed = append(failed, importFailure{path, err})
				return
			}
			files, err := jobs.Expand([]jobs.Upload{{Name: filepath.Base(path), Data: data}}, lim)
			if err != nil {
				failed = append(failed, importFailure{path, err})
				return
			}
			for _, f := range files {
				shown := path + "/" + f.Name
				if f.Err != nil {
					failed = append(failed, importFailure{shown, f.Err})
				} else {
					out = append(out, importSource{name: f.Name, shown: shown, data: f.Data})
				}
			}
			return
		}
		out = append(out, importSource{name: filepath.Base(path), shown: path, path: path})
	}
	for _, arg := range args {
		info, err := os.Stat(arg)
		if err != nil {
			failed = append(failed, importFailure{arg, fmt.Errorf("%v: %w", err, engine.ErrNotFound)})
			continue
		}
		if !info.IsDir() {
			addFile(arg)
			continue
		}
		filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				failed = append(failed, importFailure{path, err})
				return nil
			}
			if path != arg && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				addFile(path)
			}
			return nil
		})
	}
	return out, failed
}

// readCapped reads a file of at most limit bytes.
func readCapped(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("larger than %d bytes: %w", limit, engine.ErrTooLarge)
	}
	return data, nil
}

// importSummary counts what an import did.
type importSummary struct {
	total             int // files found
	added, duplicates int
	failed            []importFailure
	elapsed           time.Duration
	stopped           string // why it stopped before every file was processed ("": it did not)
}

// print writes the summary. Failures are listed by the path the user gave
// (zip entries as zip/entry), grouped by reason.
func (s importSummary) print(w io.Writer) {
	processed := s.added + s.duplicates + len(s.failed)
	if s.stopped != "" {
		fmt.Fprintf(w, "import stopped early (%s): %d of %d files not processed; running it again adds them\n",
			s.stopped, s.total-processed, s.total)
	}
	fmt.Fprintf(w, "imported %d files in %.1fs: %d added, %d duplicates, %d failed\n",
		processed, s.elapsed.Seconds(), s.added, s.duplicates, len(s.failed))
	if len(s.failed) == 0 {
		return
	}
	byCode := map[string][]string{}
	for _, f := range s.failed {
		c := errorCode(f.err)
		byCode[c] = append(byCode[c], f.name)
	}
	for _, c := range slices.Sorted(maps.Keys(byCode)) {
		names := byCode[c]
		more := ""
		if len(names) > 5 {
			names, more = names[:5], fmt.Sprintf(" and %d more", len(byCode[c])-5)
		}
		fmt.Fprintf(w, "  %-18s %5d  %s%s\n", c, len(byCode[c]), strings.Join(names, ", "), more)
	}
}

// importDecoder is the part of the document pool import uses.
type importDecoder interface {
	Decode(ctx context.Context, data []byte, filename string) (document.Document, error)
}

// importAll decodes and parses sources on NumCPU goroutines and stores them
// in batches from one goroutine. A store error stops the import (what was
// committed stays); a document error is that file's failure.
func importAll(ctx context.Context, st *index.Store, pool importDecoder, tax *taxonomy.Taxonomy, asOf time.Time,
	sources []importSource, batch int, prog *importProgress) (importSummary, error) {
	start := time.Now()
	parent := ctx // ended by SIGINT/SIGTERM
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := parseImports(ctx, pool, tax, asOf, sources, batch)

	sum := importSummary{total: len(sources)}
	var pending []parsedImport
	var storeErr error
	flush := func() {
		if len(pending) == 0 || storeErr != nil {
			return
		}
		in := make([]index.NewCandidate, len(pending))
		for i, p := range pending {
			in[i] = index.NewCandidate{File: p.src.name, Original: p.data, Profile: p.profile}
		}
		res, err := st.AddCandidates(ctx, in)
		if err != nil && len(res) != len(in) {
			storeErr = err
			cancel()
			return
		}
		for _, r := range res {
			if r.Created {
				sum.added++
			} else {
				sum.duplicates++
			}
		}
		pending = pending[:0]
	}
	for p := range out {
		prog.add(1) // read and parsed; stored with its batch
		if p.err != nil {
			if ctx.Err() == nil {
				sum.failed = append(sum.failed, importFailure{p.src.shown, p.err})
			}
			continue
		}
		pending = append(pending, p)
		if len(pending) >= batch {
			flush()
		}
	}
	flush()
	sum.elapsed = time.Since(start)
	if storeErr == nil && ctx.Err() != nil {
		storeErr = ctx.Err()
	}
	if sum.added+sum.duplicates+len(sum.failed) < sum.total {
		sum.stopped = "store error"
		if parent.Err() != nil {
			sum.stopped = "interrupted"
		}
	}
	return sum, storeErr
}

// parsedImport is one source read, decoded and parsed, or the error that
// stopped it.
type parsedImport struct {
	src     importSource
	data    []byte
	profile engine.Resume
	err     error
}

// parseImports reads, decodes and parses sources on NumCPU goroutines and
// sends each result (in no particular order) on the channel it returns,
// which holds up to buffered results and is closed when all are sent or,
// once ctx ends, when the sources in flight are.
func parseImports(ctx context.Context, pool importDecoder, tax *taxonomy.Taxonomy, asOf time.Time, sources []importSource, buffered int) <-chan parsedImport {
	feed := make(chan importSource)
	out := make(chan parsedImport, buffered)
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for src := range feed {
				p := parsedImport{src: src, data: src.data}
				if p.data == nil {
					p.data, p.err = readCapped(src.path, document.DefaultLimits().MaxBytes)
				}
				if p.err == nil {
					var doc document.Document
					doc, p.err = pool.Decode(ctx, p.data, src.name)
					if p.err == nil {
						p.profile = resume.Parse(doc.Text, tax, resume.Options{AsOf: asOf, Format: doc.Format, File: src.name})
					}
				}
				out <- p
			}
		}()
	}
	go func() {
		defer close(feed)
		for _, s := range sources {
			select {
			case feed <- s:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(out) }()
	return out
}

// importProgress shows progress: a bar on a terminal, otherwise a plain line
// at most every five seconds.
type importProgress struct {
	mu    sync.Mutex
	bar   *progressbar.ProgressBar
	w     io.Writer
	total int
	done  int
	last  time.Time
}

func newImportProgress(w io.Writer, total int) *importProgress {
	p := &importProgress{w: w, total: total, last: time.Now()}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("importing"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("resumes"),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionFullWidth(),
			progressbar.OptionClearOnFinish())
	}
	return p
}

func (p *importProgress) add(n int) {
	if n == 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	if p.bar != nil {
		p.bar.Add(n)
		return
	}
	if time.Since(p.last) >= 5*time.Second {
		p.last = time.Now()
		fmt.Fprintf(p.w, "import: %d/%d files\n", p.done, p.total)
	}
}

func (p *importProgress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
