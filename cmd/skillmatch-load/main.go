// Command skillmatch-load measures the HTTP server on this machine (`make
// bench`): it fills a temporary data folder with synthetic candidates,
// serves the real API on loopback, and reports requests per second and
// latency percentiles for concurrent clients ranking (matches) and
// searching; then checks that concurrent uploads never hit "database is
// locked", and measures ingest (decode → parse → store → index over HTTP)
// of the livecareer PDFs in ../shared/data when present. The ingest's
// clients run in a child process, so its CPU figures are the server's
// alone (-ingest-cpuprofile profiles that run alone).
//
// It is a measurement tool, not a test: it asserts nothing and prints a
// table. Personal data never appears: candidates are synthetic and the
// livecareer files are only counted.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math/rand/v2"
	"mime/multipart"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/skillmatch/skillmatch/api"
	"github.com/skillmatch/skillmatch/cmd/internal/cpustat"
	"github.com/skillmatch/skillmatch/engine/document"
	"github.com/skillmatch/skillmatch/engine/resume"
	"github.com/skillmatch/skillmatch/engine/role"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
	"github.com/skillmatch/skillmatch/index"
)

func main() {
	if document.IsWorker() {
		os.Exit(document.ServeWorker())
	}
	if os.Getenv(ingestClientEnv) != "" {
		if err := ingestClients(); err != nil {
			fmt.Fprintln(os.Stderr, "skillmatch-load ingest clients:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	var o options
	flag.IntVar(&o.candidates, "candidates", 10_000, "synthetic candidates to store first")
	flag.IntVar(&o.clients, "clients", 50, "concurrent clients for the matches and search runs")
	flag.DurationVar(&o.duration, "duration", 30*time.Second, "length of each of the matches and search runs")
	flag.IntVar(&o.uploaders, "uploaders", 10, "concurrent clients for the upload check")
	flag.IntVar(&o.uploadsEach, "uploads-each", 20, "uploads per upload client")
	flag.StringVar(&o.ingestDir, "ingest", "../shared/data/resumes/livecareer/data", "folder of category folders of PDFs to ingest over HTTP (skipped when absent; \"\" skips)")
	flag.IntVar(&o.ingestLimit, "ingest-limit", 0, "ingest at most this many PDFs (0: all)")
	flag.IntVar(&o.ingestClients, "ingest-clients", 4, "concurrent upload clients for the ingest run")
	flag.IntVar(&o.ingestPer, "ingest-files", 1, "files per upload request in the ingest run")
	flag.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the matches and search runs to `file`")
	flag.StringVar(&o.memProfile, "memprofile", "", "write a heap profile after the ingest to `file`")
	flag.StringVar(&o.ingestProfile, "ingest-cpuprofile", "", "write a CPU profile of the ingest run alone to `file`")
	flag.StringVar(&o.runs, "runs", "all", "comma-separated runs to do: matches-uncached, matches, search, search-distinct, search-combos, one-client, uploads (all: every one)")
	flag.Parse()
	if err := run(context.Background(), o); err != nil {
		fmt.Fprintln(os.Stderr, "skillmatch-load:", err)
		os.Exit(1)
	}
}

type options struct {
	candidates, clients, uploaders, uploadsEach int
	duration                                    time.Duration
	ingestDir                                   string
	ingestLimit, ingestClients, ingestPer       int
	cpuProfile, memProfile, ingestProfile       string
	runs                                        string
}

// want reports whether run was asked for with -runs.
func (o options) want(run string) bool {
	for _, r := range strings.Split(o.runs, ",") {
		if r = strings.TrimSpace(r); r == "all" || r == run {
			return true
		}
	}
	return false
}

// lockedLog counts log lines that mention a locked database.
type lockedLog struct{ n atomic.Int64 }

func (l *lockedLog) Write(p []byte) (int, error) {
	if bytes.Contains(p, []byte("locked")) {
		l.n.Add(1)
	}
	return len(p), nil
}

// run stores o.candidates synthetic candidates in a temp folder, serves
// them over loopback HTTP and prints the load runs o asks for, the upload
// check and the ingest of real PDFs.
func run(ctx context.Context, o options) error {
	dir, err := os.MkdirTemp("", "skillmatch-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	tax := taxonomy.Default()
	locked := &lockedLog{}
	logger := slog.New(slog.NewJSONHandler(io.MultiWriter(locked, os.Stderr), &slog.HandlerOptions{Level: slog.LevelWarn}))
	store, err := index.Open(ctx, dir, index.Options{Logger: logger, TaxonomyVersion: tax.Version, ResolveSkill: func(n string) (string, bool) {
		sk, ok := tax.Lookup(n)
		return sk.ID, ok
	}})
	if err != nil {
		return err
	}
	defer store.Close()
	fmt.Printf("skillmatch-load on %d CPUs (GOMAXPROCS %d), data in a temp folder\n\n", runtime.NumCPU(), runtime.GOMAXPROCS(0))

	// 1. Synthetic candidates, parsed by the real engine, stored in batches.
	gen := newGenerator(tax, 1)
	if err := storeSynthetic(ctx, store, tax, gen, o.candidates); err != nil {
		return err
	}
	key, _, err := store.CreateAPIKey(ctx, "admin", "load", false)
	if err != nil {
		return err
	}
	ro, err := role.Parse([]byte(loadRole), "role.yaml", tax)
	if err != nil {
		return err
	}
	ro, err = store.PutRole(ctx, ro)
	if err != nil {
		return err
	}
	pool, err := document.NewPool(document.PoolOptions{})
	if err != nil {
		return err
	}
	defer pool.Close()
	cfg := api.Config{Store: store, Decoder: pool, Taxonomy: tax, Logger: logger, AsOf: func() time.Time { return asOf }}

	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	warmStart := time.Now()
	handler, err := api.New(ctx, cfg)
	if err != nil {
		return err
	}
	warmTime := time.Since(warmStart)
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	fmt.Printf("server start (ranker warmed from the store): %d candidates in %s, %.1f KB heap per candidate\n\n",
		o.candidates, warmTime.Round(time.Millisecond), float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/float64(o.candidates)/1024)

	base, stop, err := serveLoopback(handler)
	if err != nil {
		return err
	}
	defer stop()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256, MaxConnsPerHost: 256}, Timeout: 30 * time.Second}

	// 2. Matches and search under o.clients concurrent clients.
	if err := loadRuns(ctx, o, client, key, base, ro.ID, store, cfg, gen); err != nil {
		return err
	}

	// 3. Concurrent uploads: no "database is locked".
	if o.want("uploads") {
		up := uploads(client, base, key, o.uploaders, o.uploadsEach, gen)
		fmt.Printf("\n%d concurrent uploaders x %d: %d stored, %d non-2xx, %d \"locked\" in responses or logs, %.0f uploads/s\n",
			o.uploaders, o.uploadsEach, up.ok, up.failed, up.locked+int(locked.n.Load()), float64(up.ok)/up.elapsed.Seconds())
	}

	// 4. Ingest real PDFs over HTTP.
	if o.ingestDir != "" {
		if err := ingest(base, key, o); err != nil {
			fmt.Println("ingest:", err)
		}
	}
	return nil
}

// storeSynthetic stores n synthetic candidates from gen, parsed by the real
// engine, in batches of 500, and prints the rate and the index size.
func storeSynthetic(ctx context.Context, store *index.Store, tax *taxonomy.Taxonomy, gen *generator, n int) error {
	start := time.Now()
	for done := 0; done < n; {
		k := min(500, n-done)
		batch := make([]index.NewCandidate, k)
		for i := range batch {
			text := gen.resume(done + i)
			p := resume.Parse(text, tax, resume.Options{AsOf: asOf, Format: "text", File: fmt.Sprintf("synthetic-%05d.txt", done+i)})
			batch[i] = index.NewCandidate{File: p.File, Original: []byte(text), Profile: p}
		}
		if _, err := store.AddCandidates(ctx, batch); err != nil {
			return fmt.Errorf("store synthetic candidates: %w", err)
		}
		done += k
	}
	el := time.Since(start)
	fmt.Printf("stored %d synthetic candidates (parse + SQLite + bleve) in %s: %.0f/s\n", n, el.Round(time.Millisecond), float64(n)/el.Seconds())
	if docs, size, err := store.IndexStats(ctx); err == nil && docs > 0 {
		fmt.Printf("search index: %d docs, %.1f MB, %.0f KB per 1,000 candidates\n", docs, float64(size)/1e6, float64(size)/float64(docs))
	}
	return nil
}

// loadRuns prints the table of the matches and search runs o asks for,
// against the server at base and, for "matches-uncached", a second server
// of cfg with its rank cache off; then checks the audit log holds one entry
// per ranking answered.
func loadRuns(ctx context.Context, o options, client *http.Client, key, base, roleID string, store *index.Store, cfg api.Config, gen *generator) error {
	fmt.Printf("%-30s %8s %8s %8s %8s %7s %8s %10s %6s\n", "run", "requests", "req/s", "p50 ms", "p99 ms", "errors", "CPU ms", "CPU-bound", "load")
	fmt.Printf("(CPU ms: process CPU time per request, clients included; CPU-bound: req/s if this process had every core to itself;\n load: the machine's 1-minute load average at the end of the run, this process included)\n")
	if o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile)
		if err != nil {
			return err
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	// The same server with its rank cache off: every request ranks all
	// candidates (the cached run below answers repeats from the cache).
	cfg.RankCache = -1
	uncached, err := api.New(ctx, cfg)
	if err != nil {
		return err
	}
	base2, stop2, err := serveLoopback(uncached)
	if err != nil {
		return err
	}
	defer stop2()
	matchesUncached := func(int) string { return base2 + "/api/v1/roles/" + roleID + "/matches?limit=20" }
	ranked := 0 // rankings answered 200
	if o.want("matches-uncached") {
		r := hammer(client, key, o.clients, o.duration, matchesUncached)
		report("matches, rank cache off", r)
		ranked += r.ok
	}
	matches := func(int) string { return base + "/api/v1/roles/" + roleID + "/matches?limit=20" }
	if o.want("matches") {
		r := hammer(client, key, o.clients, o.duration, matches)
		report("matches, rank cache on", r)
		ranked += r.ok
	}
	// Every ranking answered must be in the audit log (written behind the
	// responses, in batches).
	if n, err := store.CountAudit(ctx, "rank"); err != nil {
		fmt.Println("  audit:", err)
	} else if ranked > 0 {
		fmt.Printf("  audit log: %d rank entries for %d rankings answered\n", n, ranked)
	}
	queries := []string{"python", "django AND aws", "skill:python months>=36", "(java OR kotlin) -python", "total_months>=60 docker", "\"rest api\"", "react typescript"}
	search := func(i int) string {
		return base + "/api/v1/candidates?limit=20&q=" + urlQuery(queries[i%len(queries)])
	}
	if o.want("search") {
		report("search (7 queries, facets)", hammer(client, key, o.clients, o.duration, search))
	}
	// Mostly distinct searches: 7 queries x 600 experience floors, more than
	// the server's response, page and facet caches hold, so nearly every
	// request searches the index and computes its facets. A worst case: every
	// query carries an odd experience floor.
	distinct := func(i int) string {
		q := fmt.Sprintf("%s total_months>=%d", queries[i%len(queries)], (i/len(queries))%600)
		return base + "/api/v1/candidates?limit=20&q=" + urlQuery(q)
	}
	if o.want("search-distinct") {
		report("search, distinct (uncached)", hammer(client, key, o.clients, o.duration, distinct))
	}
	// Queries as a recruiter types them, none repeated within the run's
	// reach of the caches: one or two skills in a few shapes, sometimes
	// with a floor of whole years (see comboQuery).
	combos := func(i int) string {
		return base + "/api/v1/candidates?limit=20&q=" + urlQuery(comboQuery(gen.common, i))
	}
	if o.want("search-combos") {
		report("search, skill combos (uncached)", hammer(client, key, o.clients, o.duration, combos))
	}
	if o.want("one-client") {
		fmt.Println("  one client, each query alone (median of 15):")
		for _, q := range queries {
			r := hammerN(client, key, 15, base+"/api/v1/candidates?limit=20&q="+urlQuery(q))
			fmt.Printf("    %-28q %8.2f ms  %6d hits\n", q, r.median, r.total)
		}
	}
	return nil
}

// asOf fixes "Present" so runs are comparable.
var asOf = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// loadRole is a 3-required + 5-plus role, like the measurements in DESIGN.md.
const loadRole = `title: Python Backend Developer
required:
  - Python
  - any: [Django, Flask]
  - skill: Docker
    min_years: 2
plus: [AWS, PostgreSQL, Kubernetes, JavaScript, Git]
`

type result struct {
	lat     []time.Duration
	ok      int // 200 answers
	errors  int
	elapsed time.Duration
	cpu     time.Duration // this process's user+system CPU during the run
	sample  string
}

// serveLoopback serves h on a free loopback port and returns its base URL
// and a function that closes the server.
func serveLoopback(h http.Handler) (base string, stop func() error, err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), srv.Close, nil
}

// childCPU is the CPU time used so far by this process's live children (the
// document workers); 0 where /proc is missing.
func childCPU() time.Duration { return cpustat.LiveChildren() }

// cpuTime is the CPU time this process has used so far. The load clients
// run in the same process, so it includes their (small) share.
func cpuTime() time.Duration { return cpustat.Self() }

// hammer runs clients goroutines GETting url(i) for d and collects latencies.
func hammer(client *http.Client, key string, clients int, d time.Duration, url func(int) string) result {
	var (
		mu  sync.Mutex
		all result
		wg  sync.WaitGroup
	)
	stop := time.Now().Add(d)
	start := time.Now()
	cpu0 := cpuTime()
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			var lat []time.Duration
			errs, ok := 0, 0
			sample := ""
			for i := c; time.Now().Before(stop); i += clients {
				req, _ := http.NewRequest(http.MethodGet, url(i), nil)
				req.Header.Set("Authorization", "Bearer "+key)
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					errs++
					sample = err.Error()
					continue
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				lat = append(lat, time.Since(t0))
				if resp.StatusCode != http.StatusOK {
					errs++
					sample = fmt.Sprintf("%d %.200s", resp.StatusCode, body)
				} else {
					ok++
				}
			}
			mu.Lock()
			all.lat = append(all.lat, lat...)
			all.errors += errs
			all.ok += ok
			if sample != "" {
				all.sample = sample
			}
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	all.elapsed = time.Since(start)
	all.cpu = cpuTime() - cpu0
	return all
}

// loadAvg is the machine's 1-minute load average ("?" without /proc).
func loadAvg() string {
	if f := cpustat.LoadAvg(); f != nil {
		return f[0]
	}
	return "?"
}

type single struct {
	median float64
	total  int
}

// hammerN sends n sequential GETs to url and returns the median latency in
// ms and the "total" of the last answer.
func hammerN(client *http.Client, key string, n int, url string) single {
	var lat []time.Duration
	var out single
	for i := 0; i < n; i++ {
		req, _ := http.NewRequest(http.MethodGet, url, nil)
		req.Header.Set("Authorization", "Bearer "+key)
		t0 := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			continue
		}
		var body struct {
			Total int `json:"total"`
		}
		json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		lat = append(lat, time.Since(t0))
		out.total = body.Total
	}
	slices.Sort(lat)
	if len(lat) > 0 {
		out.median = float64(lat[len(lat)/2].Microseconds()) / 1000
	}
	return out
}

func report(name string, r result) {
	slices.Sort(r.lat)
	pct := func(p float64) float64 {
		if len(r.lat) == 0 {
			return 0
		}
		return float64(r.lat[min(len(r.lat)-1, int(p*float64(len(r.lat))))].Microseconds()) / 1000
	}
	cpuPer := 0.0
	if len(r.lat) > 0 {
		cpuPer = float64(r.cpu.Microseconds()) / 1000 / float64(len(r.lat))
	}
	fmt.Printf("%-30s %8d %8.0f %8.2f %8.2f %7d %8.3f %10.0f %6s\n", name, len(r.lat), float64(len(r.lat))/r.elapsed.Seconds(), pct(0.50), pct(0.99), r.errors,
		cpuPer, float64(runtime.NumCPU())*1000/max(cpuPer, 1e-9), loadAvg())
	if r.sample != "" {
		fmt.Printf("  last error: %s\n", r.sample)
	}
}

// comboQuery is the i-th of ~9,000 recruiter-like queries over skills: two
// skills in one of four shapes ("a b", "a AND b", "a -b", "skill:a
// months>=N b"), with no floor, or a total_months floor of whole years.
// Consecutive i give different queries; the sequence repeats only after
// every combination.
func comboQuery(skills []string, i int) string {
	n := len(skills)
	word := func(s string) string { return strings.ToLower(strings.ReplaceAll(s, " ", "")) }
	a, b := skills[i%n], skills[(i/n+1+i%n)%n]
	if a == b {
		b = skills[(i+1)%n]
	}
	rest := i / (n * n)
	var q string
	switch rest % 4 {
	case 0:
		q = word(a) + " " + word(b)
	case 1:
		q = word(a) + " AND " + word(b)
	case 2:
		q = word(a) + " -" + word(b)
	default:
		q = fmt.Sprintf("skill:%s months>=%d %s", word(a), 12*(1+rest/4%3), word(b))
	}
	if years := []int{0, 2, 3, 5, 8}[rest/12%5]; years > 0 {
		q += fmt.Sprintf(" total_months>=%d", 12*years)
	}
	return q
}

func urlQuery(q string) string {
	r := strings.NewReplacer(" ", "%20", "\"", "%22", ">", "%3E", "=", "%3D", "(", "%28", ")", "%29", ":", "%3A")
	return r.Replace(q)
}

type uploadResult struct {
	ok, failed, locked int
	elapsed            time.Duration
}

// uploads runs clients goroutines each posting `each` fresh synthetic
// resumes, one per request.
func uploads(client *http.Client, base, key string, clients, each int, gen *generator) uploadResult {
	var (
		mu  sync.Mutex
		res uploadResult
		wg  sync.WaitGroup
	)
	start := time.Now()
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				n := 1_000_000 + c*each + i
				status, body, err := postFile(client, base, key, fmt.Sprintf("upload-%d.txt", n), []byte(gen.resume(n)))
				mu.Lock()
				switch {
				case err != nil || status >= 300:
					res.failed++
				default:
					res.ok++
				}
				if bytes.Contains(body, []byte("locked")) {
					res.locked++
				}
				mu.Unlock()
			}
		}(c)
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res
}

func postFile(client *http.Client, base, key, name string, data []byte) (int, []byte, error) {
	return postFiles(client, base, key, []string{name}, [][]byte{data})
}

// postFiles uploads the files in one multipart request.
func postFiles(client *http.Client, base, key string, names []string, datas [][]byte) (int, []byte, error) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for i, name := range names {
		w, _ := mw.CreateFormFile("file", name)
		w.Write(datas[i])
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/candidates", &buf)
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, body, nil
}

// ingestClientEnv set in the environment makes skillmatch-load the upload
// clients of the ingest run (ingestClients) instead of the server: the
// clients run in a process of their own so that the server's CPU time is
// measured alone.
const ingestClientEnv = "SKILLMATCH_LOAD_INGEST_CLIENT"

// ingestWork is what the ingest run hands its client process on stdin.
type ingestWork struct {
	Base, Key  string
	Clients    int
	PerRequest int // files per upload request
	Files      []string
}

// ingestTally is what the client process answers on stdout.
type ingestTally struct {
	Created, Duplicates, Failed int64
	Codes                       map[string]int64 // failures by "status code"
}

// ingest uploads every PDF under dir/*/ over HTTP with a few clients and
// reports resumes per second end to end (decode in the worker pool, parse,
// SQLite, bleve, ranker). The clients (reading the PDFs, building the
// multipart bodies, HTTP) run in a child process, so the CPU time of this
// process is the server's alone; the document workers' and the clients'
// are reported beside it.
func ingest(base, key string, o options) error {
	files, _ := filepath.Glob(filepath.Join(o.ingestDir, "*", "*.pdf"))
	if len(files) == 0 {
		return fmt.Errorf("no PDFs under %s; skipped", o.ingestDir)
	}
	if o.ingestLimit > 0 && len(files) > o.ingestLimit {
		files = files[:o.ingestLimit]
	}
	work, err := json.Marshal(ingestWork{Base: base, Key: key, Clients: o.ingestClients, PerRequest: o.ingestPer, Files: files})
	if err != nil {
		return err
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	batches0, docs0 := batchMetrics(base, key)
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	if o.ingestProfile != "" {
		f, err := os.Create(o.ingestProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("ingest profile: %w (-cpuprofile and -ingest-cpuprofile do not mix)", err)
		}
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), ingestClientEnv+"=1")
	cmd.Stdin = bytes.NewReader(work)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, os.Stderr
	start := time.Now()
	cpu0, child0 := cpuTime(), childCPU()
	err = cmd.Run() // the client process is reaped here, so childCPU below is the workers'
	// One search ends the run: the clock stops when every upload is
	// searchable, whether the server indexes each write or in batches.
	var found struct {
		Total int `json:"total"`
	}
	searchErr := getJSON(base+"/api/v1/candidates?limit=1&facets=0", key, &found)
	el := time.Since(start)
	server := cpuTime() - cpu0
	workers := childCPU() - child0
	if o.ingestProfile != "" {
		pprof.StopCPUProfile()
	}
	if err != nil {
		return fmt.Errorf("ingest clients: %w", err)
	}
	if searchErr != nil {
		return fmt.Errorf("search after the ingest: %w", searchErr)
	}
	var t ingestTally
	if err := json.Unmarshal(out.Bytes(), &t); err != nil {
		return fmt.Errorf("ingest clients' answer: %w", err)
	}
	clients := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	n := float64(len(files))
	perMs := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / n }
	fmt.Printf("\ningest %d livecareer PDFs over HTTP, %d clients, %d per request: %s, %.0f resumes/s (%d new, %d duplicates, %d failed; %d searchable at the end; load %s)\n",
		len(files), o.ingestClients, max(1, o.ingestPer), el.Round(time.Millisecond), n/el.Seconds(), t.Created, t.Duplicates, t.Failed, found.Total, loadAvg())
	fmt.Printf("  CPU per resume: %.2f ms server (HTTP, parse, SQLite, bleve, ranker) + %.2f ms document workers = %.2f ms; CPU-bound %.0f resumes/s on %d cores\n",
		perMs(server), perMs(workers), perMs(server+workers), float64(runtime.NumCPU())*1000/max(perMs(server+workers), 1e-9), runtime.NumCPU())
	fmt.Printf("  upload clients (a separate process, not counted above): %.2f ms CPU per resume\n", perMs(clients))
	if batches1, docs1 := batchMetrics(base, key); batches1 > batches0 {
		fmt.Printf("  store writes: %.0f for %.0f documents, %.1f documents per SQLite transaction and index batch\n",
			batches1-batches0, docs1-docs0, (docs1-docs0)/(batches1-batches0))
	}
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if t.Created > 0 {
		fmt.Printf("  server heap grew %.1f KB per new resume (ranker profiles, caches)\n",
			float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/float64(t.Created)/1024)
	}
	if o.memProfile != "" {
		if f, err := os.Create(o.memProfile); err == nil {
			pprof.WriteHeapProfile(f)
			f.Close()
		}
	}
	codes := slices.Sorted(maps.Keys(t.Codes))
	for _, c := range codes {
		fmt.Printf("  failed %s: %d\n", c, t.Codes[c])
	}
	return nil
}

// batchMetrics reads the server's upload batch histogram from /metrics:
// store writes and documents written so far (0, 0 when absent).
func batchMetrics(base, key string) (writes, docs float64) {
	resp, err := get(base+"/metrics", key)
	if err != nil {
		return 0, 0
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, line := range strings.Split(string(body), "\n") {
		if v, ok := strings.CutPrefix(line, "skillmatch_upload_batch_documents_sum "); ok {
			fmt.Sscan(v, &docs)
		}
		if v, ok := strings.CutPrefix(line, "skillmatch_upload_batch_documents_count "); ok {
			fmt.Sscan(v, &writes)
		}
	}
	return writes, docs
}

// get GETs url with key, with the default client.
func get(url, key string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+key)
	return http.DefaultClient.Do(req)
}

// getJSON GETs url with key and decodes the answer into v.
func getJSON(url, key string, v any) error {
	resp, err := get(url, key)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: status %d", url, resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// ingestClients is the client process of the ingest run: it reads an
// ingestWork on stdin, uploads each file once with Clients concurrent
// clients, PerRequest files per request, and writes an ingestTally on
// stdout, counting each file by what the server answered for it.
func ingestClients() error {
	var w ingestWork
	if err := json.NewDecoder(os.Stdin).Decode(&w); err != nil {
		return err
	}
	per := max(1, w.PerRequest)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256, MaxConnsPerHost: 256}, Timeout: 60 * time.Second}
	var (
		next atomic.Int64
		wg   sync.WaitGroup
		mu   sync.Mutex
		t    = ingestTally{Codes: map[string]int64{}}
	)
	for c := 0; c < w.Clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(int64(per))) - per
				if i >= len(w.Files) {
					return
				}
				var names []string
				var datas [][]byte
				for _, f := range w.Files[i:min(i+per, len(w.Files))] {
					data, err := os.ReadFile(f)
					if err != nil {
						mu.Lock()
						t.Failed++
						mu.Unlock()
						continue
					}
					names = append(names, filepath.Base(f))
					datas = append(datas, data)
				}
				if len(names) == 0 {
					continue
				}
				status, body, err := postFiles(client, w.Base, w.Key, names, datas)
				var answer struct {
					Candidates []struct {
						Duplicate bool `json:"duplicate"`
					} `json:"candidates"`
					Errors []struct{ Code string } `json:"errors"`
					Error  struct{ Code string }   `json:"error"`
				}
				json.Unmarshal(body, &answer)
				mu.Lock()
				switch {
				case err != nil:
					t.Failed += int64(len(names))
				case status >= 300:
					t.Failed += int64(len(names))
					t.Codes[fmt.Sprintf("%d %s", status, answer.Error.Code)] += int64(len(names))
				default:
					for _, c := range answer.Candidates {
						if c.Duplicate {
							t.Duplicates++
						} else {
							t.Created++
						}
					}
					for _, e := range answer.Errors {
						t.Failed++
						t.Codes[fmt.Sprintf("%d %s", status, e.Code)]++
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return json.NewEncoder(os.Stdout).Encode(t)
}

// generator writes synthetic resume texts: dated positions whose lines
// mention skills, and a skills list, drawn with a skew toward common skills
// so roles match some candidates strongly and most weakly.
type generator struct {
	common []string
	all    []string
}

func newGenerator(tax *taxonomy.Taxonomy, seed uint64) *generator {
	g := &generator{common: []string{"Python", "Django", "Flask", "Docker", "AWS", "Azure", "GCP", "PostgreSQL", "SQL", "Git",
		"Linux", "JavaScript", "TypeScript", "React", "Java", "Kotlin", "Kubernetes", "Terraform", "Redis", "HTML", "CSS", "Go"}}
	for _, s := range tax.Skills() {
		g.all = append(g.all, s.Name)
	}
	return g
}

func (g *generator) resume(n int) string {
	r := rand.New(rand.NewPCG(uint64(n), 42))
	pick := func() string {
		if r.IntN(3) > 0 || len(g.all) == 0 {
			return g.common[r.IntN(len(g.common))]
		}
		return g.all[r.IntN(len(g.all))]
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Candidate %d\nSoftware Engineer\n\nSUMMARY\nEngineer working with %s and %s.\n\nEXPERIENCE\n\n", n, pick(), pick())
	year := 2026
	for p := 0; p < 1+r.IntN(3); p++ {
		length := 1 + r.IntN(4)
		end := "Present"
		if p > 0 {
			end = fmt.Sprintf("June %d", year)
		}
		fmt.Fprintf(&b, "Engineer — Company %d\nJanuary %d – %s\n", r.IntN(500), year-length, end)
		for l := 0; l < 2+r.IntN(3); l++ {
			fmt.Fprintf(&b, "- Built services with %s and %s, deployed with %s.\n", pick(), pick(), pick())
		}
		b.WriteString("\n")
		year -= length + 1
	}
	b.WriteString("SKILLS\n")
	for s := 0; s < 5+r.IntN(6); s++ {
		if s > 0 {
			b.WriteString(", ")
		}
		b.WriteString(pick())
	}
	b.WriteString("\n")
	return b.String()
}
