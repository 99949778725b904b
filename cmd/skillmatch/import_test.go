package main

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/skillmatch/skillmatch/engine/document"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
	"github.com/skillmatch/skillmatch/index"
)

// import reads --as-of as parse and rank do: YYYY-MM or YYYY-MM-DD, env
// SKILLMATCH_AS_OF when the flag is absent, today in UTC by default; each
// stored profile records the date used.
func TestImportAsOf(t *testing.T) {
	fixture := "../../testdata/resumes/python-django-aws-senior.txt"
	today := time.Now().UTC().Format("2006-01-02")
	for _, tc := range []struct {
		name string
		env  string
		args []string
		want string
	}{
		{"month", "", []string{"--as-of", "2020-06"}, "2020-06-01"},
		{"day", "", []string{"--as-of", "2020-06-15"}, "2020-06-15"},
		{"env", "2021-02", nil, "2021-02-01"},
		{"flag over env", "2021-02", []string{"--as-of", "2019-12-31"}, "2019-12-31"},
		{"default today (UTC)", "", nil, today},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("SKILLMATCH_AS_OF", tc.env)
			data := t.TempDir()
			var out, errOut bytes.Buffer
			args := append(append([]string{"--data", data}, tc.args...), fixture)
			if err := runImport(context.Background(), args, &out, &errOut); err != nil {
				t.Fatalf("import: %v\n%s%s", err, out.String(), errOut.String())
			}
			st, err := index.Open(context.Background(), data, index.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			var got []string
			st.ForEachCandidate(context.Background(), func(c index.Candidate) error {
				got = append(got, c.Profile.AsOf)
				return nil
			})
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("stored as_of = %v, want [%s]", got, tc.want)
			}
		})
	}
	var errOut bytes.Buffer
	if err := runImport(context.Background(), []string{"--data", t.TempDir(), "--as-of", "June 2020", fixture}, &bytes.Buffer{}, &errOut); err == nil {
		t.Error("import --as-of 'June 2020' succeeded; want a usage error")
	}
}

// import -h starts with the synopsis, as the other commands' help does.
func TestImportHelp(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"help", "import"}, &stdout, &stderr)
	if code != 0 || !strings.HasPrefix(stdout.String(), "usage: skillmatch import --data DIR [--as-of DATE] [--taxonomy FILE] [--batch N] FILE_OR_DIR_OR_ZIP...") {
		t.Errorf("help import: exit %d, stdout:\n%s\nstderr:\n%s", code, stdout.String(), stderr.String())
	}
}

// cancelingDecoder decodes in process and ends the import's context after
// its first n documents, as Ctrl-C would midway.
type cancelingDecoder struct {
	n      int64
	seen   atomic.Int64
	cancel context.CancelFunc
}

func (d *cancelingDecoder) Decode(ctx context.Context, data []byte, name string) (document.Document, error) {
	if d.seen.Add(1) == d.n {
		d.cancel()
	}
	if err := ctx.Err(); err != nil {
		return document.Document{}, err
	}
	return document.Decode(data, document.DefaultLimits())
}

// An interrupted import keeps what it stored and its summary says it
// stopped early and how many files it did not process; those and the stored
// ones add up to every file found.
func TestImportInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, err := index.Open(ctx, t.TempDir(), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var sources []importSource
	for i := range 200 {
		text := fmt.Sprintf("Engineer %d\n\nExperience\nDeveloper, Firm %d\nJan 2020 - Present\nPython and SQL every day.\n", i, i)
		sources = append(sources, importSource{name: fmt.Sprintf("r%03d.txt", i), shown: fmt.Sprintf("dir/r%03d.txt", i), data: []byte(text)})
	}
	dec := &cancelingDecoder{n: 30, cancel: cancel}
	sum, err := importAll(ctx, st, dec, taxonomy.Default(), time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
		sources, 8, newImportProgress(&bytes.Buffer{}, len(sources)))
	if err == nil {
		t.Fatal("importAll after a cancel: no error")
	}
	stored, err := st.CountCandidates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if stored != sum.added || sum.added+len(sum.failed) >= len(sources) {
		t.Fatalf("summary added %d (failed %d), store holds %d: want them equal and fewer than %d", sum.added, len(sum.failed), stored, len(sources))
	}
	var out bytes.Buffer
	sum.print(&out)
	notDone := len(sources) - sum.added - len(sum.failed)
	want := fmt.Sprintf("import stopped early (interrupted): %d of %d files not processed", notDone, len(sources))
	if !strings.Contains(out.String(), want) || !regexp.MustCompile(fmt.Sprintf(`imported %d files .*: %d added`, sum.added+len(sum.failed), sum.added)).MatchString(out.String()) {
		t.Errorf("summary:\n%s\nwant %q and the processed count", out.String(), want)
	}
}
