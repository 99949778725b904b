package web_test

import (
	"archive/zip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/skillmatch/skillmatch/api"
	"github.com/skillmatch/skillmatch/api/jobs"
	"github.com/skillmatch/skillmatch/api/web"
	"github.com/skillmatch/skillmatch/engine/document"
	"github.com/skillmatch/skillmatch/engine/role"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
	"github.com/skillmatch/skillmatch/index"
)

var updateScreenshots = flag.Bool("update-screenshots", false,
	"write the README screenshot testdata/screenshots/matches.png (repository root) from the end-to-end test")

// repoRoot is the repository root as seen from this package's directory,
// where go test runs.
const repoRoot = "../.."

// e2eResumes are the three fixtures the end-to-end test uploads, strongest
// for the seed role first.
var e2eResumes = []string{"python-django-aws-senior.txt", "python-flask-gcp.txt", "accountant.txt"}

// TestE2E drives the real page in headless Chromium against a real server
// (api.New over a real index.Store in a temp dir, with a batch-job runner,
// serving web.FS — or a running binary, see startServer), one recruiter's
// morning in order:
//
//   - sign in (a wrong key is refused in words);
//   - upload three resumes, then a duplicate, an unsupported file and a
//     scanned PDF (each reported per file in words), and drop a file;
//   - create a role from a job description: the preview shows required and
//     plus skills, a skill is added through autocomplete, save;
//   - the strongest candidate is first with met requirements, the
//     accountant last with missing ones; "Why?" (by keyboard) shows the
//     evidence; must-have and minimum-score filters narrow the table;
//   - search with the query language, a bad query, a skill facet;
//   - a candidate page with its skill chart, the original downloaded byte
//     for byte; blind mode hides identities; delete a candidate;
//   - a zip opened in the browser, a batch job followed to the end;
//   - sign out.
//
// Every page is audited for unlabelled controls and WCAG AA contrast and
// checked at a 390px phone width. Screenshots go to testoutput/e2e/; with
// -update-screenshots the README's testdata/screenshots/matches.png too.
func TestE2E(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end browser test skipped in -short mode")
	}
	chrome := findChromium(t)
	for _, f := range e2eResumes {
		if _, err := os.Stat(filepath.Join(repoRoot, "testdata/resumes", f)); err != nil {
			t.Skipf("resume fixture missing: %v", err)
		}
	}
	base, key := startServer(t)
	client := apiClient{base: base, key: key}
	shots := filepath.Join(repoRoot, "testoutput", "e2e")
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}

	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chrome),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	defer cancelAlloc()
	tab, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	// The first Run starts the browser; it must not carry a timeout.
	if err := chromedp.Do(tab, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	ctx, cancel := context.WithTimeout(tab, 120*time.Second)
	defer cancel()

	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			shot(ctx, t, filepath.Join(shots, "failure.png"))
			t.Fatalf("%s: %v", step, err)
		}
	}
	eval := func(step, js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			shot(ctx, t, filepath.Join(shots, "failure.png"))
			t.Fatalf("%s: %v", step, err)
		}
		return v
	}
	count := func(step, js string) int {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
		if err != nil {
			shot(ctx, t, filepath.Join(shots, "failure.png"))
			t.Fatalf("%s: %v", step, err)
		}
		return v
	}
	waitFor := func(step, js string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
			shot(ctx, t, filepath.Join(shots, "failure.png"))
			t.Fatalf("%s: waited for %s: %v", step, js, err)
		}
	}

	// audit fails the test for every visible control a keyboard or screen
	// reader user could not identify: no text, no label, no aria-label.
	audit := func(page string) {
		t.Helper()
		bad, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](auditJS))
		if err != nil {
			t.Fatalf("audit %s: %v", page, err)
		}
		for _, b := range bad {
			t.Errorf("%s: control without an accessible name: %s", page, b)
		}
		low, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](contrastJS))
		if err != nil {
			t.Fatalf("contrast %s: %v", page, err)
		}
		for _, l := range low {
			t.Errorf("%s: text below WCAG AA contrast: %s", page, l)
		}
	}

	// phone checks the current page at a 390px-wide viewport: no horizontal
	// scrolling, and a screenshot.
	phone := func(name string) {
		t.Helper()
		do(name+" at phone width", chromedp.EmulateViewport(390, 844))
		if w := count("overflow", `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("%s: page width at a 390px viewport = %dpx, want 390 (no horizontal scrolling)", name, w)
		}
		shot(ctx, t, filepath.Join(shots, name+"-phone.png"))
		do(name+" at desktop width", chromedp.EmulateViewport(1280, 900))
	}

	// Sign in: a wrong key is refused with a message, the right one lands on search.
	do("open page", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.ID("api-key")))
	do("wrong key", chromedp.SendKeys(chromedp.ID("api-key"), "sm_wrong"), chromedp.Click(chromedp.CSS(".signin-card button")))
	waitFor("wrong key refused", `document.getElementById('signin-error').textContent.includes('not accepted')`)
	do("sign in",
		chromedp.SetValue(chromedp.ID("api-key"), key),
		chromedp.Click(chromedp.CSS(".signin-card button")),
		chromedp.WaitVisible(chromedp.ID("search-q")))
	shot(ctx, t, filepath.Join(shots, "search-empty.png"))
	audit("search")

	// Upload three resumes; then the same first one again and a file of an
	// unsupported type, which must be reported per file in plain words.
	var paths []string
	for _, f := range e2eResumes {
		p, err := filepath.Abs(filepath.Join(repoRoot, "testdata/resumes", f))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	bogus := filepath.Join(t.TempDir(), "photo.png")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde")
	if err := os.WriteFile(bogus, png, 0o644); err != nil {
		t.Fatal(err)
	}
	do("open upload", chromedp.Navigate(base+"/#/upload"), chromedp.WaitReady(chromedp.ID("file-input")))
	do("choose files", chromedp.SetUploadFiles(chromedp.ID("file-input"), paths))
	waitFor("three uploads", `document.getElementById('upload-summary').textContent.includes('3 added')`)
	bad := []string{paths[0], bogus}
	scan := filepath.Join(repoRoot, "testdata/documents/malformed/scan-no-text.pdf")
	if _, err := os.Stat(scan); err == nil {
		bad = append(bad, mustAbs(t, scan))
	}
	do("choose duplicate and bad files", chromedp.SetUploadFiles(chromedp.ID("file-input"), bad))
	waitFor("duplicate and failures reported", fmt.Sprintf(`(() => {
		const s = document.getElementById('upload-summary').textContent;
		return s.includes('1 duplicate') && s.includes('%d failed') && !s.includes('to go');
	})()`, len(bad)-1))
	reasons, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](`Object.fromEntries([...document.querySelectorAll('tr[data-state=failed]')]
		.map(tr => [tr.querySelector('.fname').textContent, tr.querySelector('.reason').textContent]))`))
	if err != nil {
		t.Fatal(err)
	}
	if r := reasons["photo.png"]; !strings.Contains(strings.ToLower(r), "unsupported file type") {
		t.Errorf("reason shown for photo.png = %q, want it to say unsupported file type", r)
	}
	if r, ok := reasons["scan-no-text.pdf"]; len(bad) == 3 && (!ok || !strings.Contains(r, "Scanned PDF")) {
		t.Errorf("reason shown for scan-no-text.pdf = %q, want it to say scanned PDF", r)
	}
	if n := client.countCandidates(t); n != 3 {
		t.Errorf("candidates stored after uploads = %d, want 3 (the duplicate must not be stored twice)", n)
	}
	// Dropping files on the drop zone takes the same path as choosing them.
	do("drop a file", chromedp.Evaluate[chromedp.Void](`(() => {
		const dt = new DataTransfer();
		dt.items.add(new File([new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03])], 'setup.exe'));
		document.getElementById('dropzone').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
	})()`))
	waitFor("dropped file reported", `[...document.querySelectorAll('tr[data-state=failed] .fname')].some(td => td.textContent === 'setup.exe')`)
	shot(ctx, t, filepath.Join(shots, "upload.png"))
	audit("upload")
	phone("upload")

	// Create a role from a job description: preview shows parsed required
	// and plus skills; add one more plus skill through autocomplete; save.
	jd := jobDescription(t)
	do("open new role", chromedp.Navigate(base+"/#/roles/new"), chromedp.WaitVisible(chromedp.ID("jd-text")))
	do("paste job description", chromedp.SetValue(chromedp.ID("jd-text"), jd), chromedp.Click(chromedp.ID("preview-role")))
	waitFor("preview parsed", `document.querySelectorAll('#reqs-required > li').length >= 5`)
	required := eval("required skills", `[...document.querySelectorAll('#reqs-required .chip-skill')].map(e => e.firstChild.textContent).join(',')`)
	plus := eval("plus skills", `[...document.querySelectorAll('#reqs-plus .chip-skill')].map(e => e.firstChild.textContent).join(',')`)
	for _, want := range []string{"Python", "Django", "Flask", "Docker"} {
		if !strings.Contains(","+required+",", ","+want+",") {
			t.Errorf("previewed required skills = %s, want %s among them", required, want)
		}
	}
	if !strings.Contains(plus, "HTML") {
		t.Errorf("previewed plus skills = %s, want HTML among them", plus)
	}
	do("type a skill", chromedp.SetValue(chromedp.ID("role-title"), "Python Backend Developer"),
		chromedp.SendKeys(chromedp.ID("add-plus"), "postg"))
	waitFor("autocomplete suggests", `[...document.querySelectorAll('.combo-option')].some(o => o.textContent.startsWith('PostgreSQL'))`)
	do("pick suggestion", chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter))
	waitFor("skill added", `[...document.querySelectorAll('#reqs-plus .chip-skill')].some(e => e.firstChild.textContent === 'PostgreSQL')`)
	shot(ctx, t, filepath.Join(shots, "role-editor.png"))
	audit("role editor")
	phone("role-editor")
	do("save role", chromedp.Click(chromedp.ID("save-role")))
	waitFor("matches shown", `document.querySelectorAll('#matches tr.match-row').length === 3`)

	// The strongest candidate comes first (ties are broken by id, so the
	// senior Django/AWS resume must have the top score), with met
	// requirements; the accountant is last and misses the required skills.
	type row struct {
		Cand    string  `json:"cand"`
		Score   float64 `json:"score"`
		Met     int     `json:"met"`
		Missing int     `json:"missing"`
	}
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[]row](`[...document.querySelectorAll('#matches tr.match-row')].map(tr => ({
		cand: tr.querySelector('td.cand').textContent,
		score: parseFloat(tr.querySelector('.score-num').textContent),
		met: tr.querySelector('td.chips').querySelectorAll('.st-met').length,
		missing: tr.querySelector('td.chips').querySelectorAll('.st-missing').length,
	}))`))
	if err != nil || len(rows) != 3 {
		t.Fatalf("read ranked rows: %v (%d rows)", err, len(rows))
	}
	for i, r := range rows {
		if strings.Contains(r.Cand, "python-django-aws-senior") && r.Score < rows[0].Score {
			t.Errorf("senior Django/AWS candidate ranked %d with score %v < top score %v", i+1, r.Score, rows[0].Score)
		}
	}
	if top := rows[0]; top.Met < 5 || !strings.Contains(top.Cand, "python-") {
		t.Errorf("first ranked = %+v, want a Python candidate with at least 5 met requirements", top)
	}
	if last := rows[2]; !strings.Contains(last.Cand, "accountant") || last.Missing == 0 || last.Score >= rows[1].Score {
		t.Errorf("last ranked = %+v, want the accountant, below the others, with missing requirements", last)
	}
	matchesURL := eval("matches url", `location.href`)
	shot(ctx, t, filepath.Join(shots, "matches.png"))

	// Keyboard only: focus the first "Why?" button and press Enter.
	do("expand first row", chromedp.Focus(chromedp.CSS("#matches tr.match-row button.expand")), chromedp.KeyEvent(kb.Enter))
	waitFor("evidence shown", `(() => { const d = document.getElementById('match-details-0'); return !d.hidden && d.querySelectorAll('.ev q').length > 0; })()`)
	evidence := eval("evidence", `document.getElementById('match-details-0').textContent`)
	if !strings.Contains(evidence, "Django") {
		t.Errorf("evidence of the first candidate does not quote a Django line: %.300s", evidence)
	}
	shot(ctx, t, filepath.Join(shots, "matches-explained.png"))
	audit("matches")

	// Must-have filter: only candidates with Django.
	do("filter must-have Django", chromedp.Click(chromedp.CSS(`.filter.must button.chip-toggle:nth-of-type(2)`)))
	waitFor("filter applied", `location.hash.includes('must=') && `+rendered)
	if filtered := count("filtered rows", `document.querySelectorAll('#matches tr.match-row').length`); filtered >= 3 {
		t.Errorf("must-have filter kept all 3 candidates, want fewer")
	}

	// Minimum score: the accountant's low score drops out.
	do("min score", chromedp.Navigate(matchesURL))
	waitFor("unfiltered", `document.querySelectorAll('#matches tr.match-row').length === 3 && `+rendered)
	do("type min score", chromedp.SendKeys(chromedp.ID("min-score"), "30"+kb.Enter))
	waitFor("min score applied", `location.hash.includes('min=30') && `+rendered)
	if n := count("rows over 30", `document.querySelectorAll('#matches tr.match-row').length`); n != 2 {
		t.Errorf("rows with min score 30 = %d, want 2 (all but the accountant)", n)
	}

	// Phone width: the same page must stay usable (no horizontal overflow).
	do("phone width", chromedp.EmulateViewport(390, 844), chromedp.Navigate(matchesURL))
	waitFor("phone matches", `document.querySelectorAll('#matches tr.match-row').length === 3`)
	if w := count("overflow", `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("page width at a 390px viewport = %dpx, want 390 (no horizontal scrolling)", w)
	}
	shot(ctx, t, filepath.Join(shots, "matches-phone.png"))
	do("desktop width", chromedp.EmulateViewport(1280, 900))

	// Search with the query language: django finds the Django candidates
	// and not the accountant.
	do("search", chromedp.Navigate(base+"/#/search"), chromedp.WaitVisible(chromedp.ID("search-q")),
		chromedp.SendKeys(chromedp.ID("search-q"), "django\r"))
	waitFor("search results", `location.hash.includes('q=django') && `+rendered)
	hits := eval("hits", `[...document.querySelectorAll('.hit')].map(li => li.textContent).join('|')`)
	if !strings.Contains(hits, "python-django-aws-senior") || strings.Contains(hits, "accountant") {
		t.Errorf("search django hits = %q, want the Django resume and not the accountant", hits)
	}
	shot(ctx, t, filepath.Join(shots, "search.png"))
	phone("search")

	// A query the server cannot parse is explained, not a blank page.
	do("bad query", chromedp.Navigate(base+"/#/search?q=%28django"))
	waitFor("bad query answered", `location.hash.includes('q=') && `+rendered)
	if msg := eval("bad query message", `(document.querySelector('.panel.error') || {}).textContent || ''`); !strings.Contains(msg, "Please check your input") {
		t.Errorf("search for an unbalanced parenthesis shows %q, want the server's explanation", msg)
	}

	// A skill facet narrows the search: everyone with Flask.
	do("all candidates", chromedp.Navigate(base+"/#/search"))
	waitFor("all listed", `location.hash === '#/search' && `+rendered)
	do("facet Flask", chromedp.Click(chromedp.CSS(`button[aria-controls=skill-facets]`)),
		chromedp.Click(chromedp.CSS(`#skill-facets input[data-term="flask"]`)))
	waitFor("facet applied", `location.hash.includes('skill=flask') && `+rendered)
	if hits := eval("facet hits", `[...document.querySelectorAll('.hit')].map(li => li.textContent).join('|')`); !strings.Contains(hits, "python-flask-gcp") ||
		strings.Contains(hits, "accountant") || strings.Contains(hits, "python-django-aws-senior") {
		t.Errorf("skill=flask hits = %q, want only the Flask resume", hits)
	}

	// A candidate page (the Flask resume found above), then delete the accountant.
	do("open candidate", chromedp.Click(chromedp.CSS(`.hit-title`)), chromedp.WaitVisible(chromedp.ID("skill-chart")))
	if count("skill bars", `document.querySelectorAll('#skill-chart li').length`) == 0 {
		t.Errorf("candidate page shows no months-per-skill bars")
	}
	shot(ctx, t, filepath.Join(shots, "candidate.png"))
	audit("candidate")

	// The original file downloads byte for byte.
	downloads := t.TempDir()
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads,
	}); err != nil {
		t.Fatalf("allow downloads: %v", err)
	}
	do("download original", chromedp.Click(chromedp.ID("download-original")))
	want, err := os.ReadFile(filepath.Join(repoRoot, "testdata/resumes/python-flask-gcp.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var got []byte
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if got, err = os.ReadFile(filepath.Join(downloads, "python-flask-gcp.txt")); err == nil && len(got) == len(want) {
			break
		}
	}
	if string(got) != string(want) {
		t.Errorf("downloaded original = %d bytes, want the %d bytes uploaded (err %v)", len(got), len(want), err)
	}
	phone("candidate")

	// Blind mode hides who the candidates are: no names or file names in
	// the ranking, no contact and no original file on the candidate page.
	do("blind on", chromedp.Click(chromedp.ID("blind-toggle")), chromedp.Navigate(matchesURL))
	waitFor("blind matches", `document.querySelectorAll('#matches tr.match-row').length === 3`)
	if text := eval("blind rows", `document.getElementById('matches').textContent`); strings.Contains(text, "Okafor") || strings.Contains(text, ".txt") {
		t.Errorf("blind ranking shows names or file names: %.200s", text)
	}
	do("blind candidate", chromedp.Click(chromedp.CSS("#matches tr.match-row td.cand a")), chromedp.WaitVisible(chromedp.ID("h-contact")))
	if text := eval("blind candidate", `document.getElementById('main').textContent`); strings.Contains(text, "Okafor") ||
		strings.Contains(text, "@example.com") || !strings.Contains(text, "Hidden in blind mode") || strings.Contains(text, "Download original") {
		t.Errorf("blind candidate page shows identity or the original file: %.300s", text)
	}
	shot(ctx, t, filepath.Join(shots, "candidate-blind.png"))
	do("blind off", chromedp.Click(chromedp.ID("blind-toggle")))

	accountantID := client.candidateID(t, "accountant.txt")
	do("open accountant", chromedp.Navigate(base+"/#/candidates/"+accountantID), chromedp.WaitVisible(chromedp.ID("delete-candidate")),
		chromedp.Click(chromedp.ID("delete-candidate")), chromedp.WaitVisible(chromedp.ID("confirm-delete")),
		chromedp.Click(chromedp.ID("confirm-delete")))
	waitFor("back on search", `location.hash.startsWith('#/search') && `+rendered)
	if n := client.countCandidates(t); n != 2 {
		t.Errorf("candidates stored after delete = %d, want 2", n)
	}
	if status := client.get(t, "/api/v1/candidates/"+accountantID, nil); status != http.StatusNotFound {
		t.Errorf("GET deleted candidate = %d, want 404", status)
	}
	if shown := eval("count after delete", `document.getElementById('result-count').textContent`); !strings.HasPrefix(shown, "2 ") {
		t.Errorf("search after delete shows %q, want 2 candidates", shown)
	}

	// The role list links to the saved role's matches.
	do("roles list", chromedp.Navigate(base+"/#/roles"), chromedp.WaitVisible(chromedp.CSS("table.roles")))
	if text := eval("roles", `document.querySelector('table.roles').textContent`); !strings.Contains(text, "Python Backend Developer") {
		t.Errorf("role list = %.200s, want the saved role", text)
	}
	shot(ctx, t, filepath.Join(shots, "roles.png"))
	audit("roles")

	// A zip dropped on the upload page is opened in the browser and each
	// resume in it uploaded on its own; a batch job scores more files on
	// the server against the role, and its page follows it to the end.
	dir := t.TempDir()
	zipPath := filepath.Join(dir, "more-resumes.zip")
	writeZip(t, zipPath, "junior-django.txt", "java-backend.txt")
	batch := []string{
		mustAbs(t, filepath.Join(repoRoot, "testdata/resumes/data-scientist.txt")),
		mustAbs(t, filepath.Join(repoRoot, "testdata/resumes/frontend-react.txt")),
	}
	do("upload zip", chromedp.Navigate(base+"/#/upload"), chromedp.WaitReady(chromedp.ID("file-input")),
		chromedp.SetUploadFiles(chromedp.ID("file-input"), []string{zipPath}))
	waitFor("zip entries uploaded", `document.getElementById('upload-summary').textContent.includes('2 added')`)
	do("start batch job", chromedp.WaitReady(chromedp.ID("batch-files")),
		chromedp.SetUploadFiles(chromedp.ID("batch-files"), batch),
		chromedp.Click(chromedp.CSS(".batch button.btn")))
	waitFor("job finished", `location.hash.startsWith('#/jobs/') && document.querySelectorAll('#job-results tr').length === 2`)
	if status := eval("job status", `document.querySelector('.summary .badge').textContent`); status != "succeeded" {
		t.Errorf("job status shown = %q, want succeeded", status)
	}
	shot(ctx, t, filepath.Join(shots, "job.png"))
	audit("job")
	phone("job")
	do("recent jobs", chromedp.Navigate(base+"/#/upload"), chromedp.WaitVisible(chromedp.ID("recent-jobs")))
	if text := eval("recent jobs", `document.getElementById('recent-jobs').textContent`); !strings.Contains(text, "Python Backend Developer · 2 files") {
		t.Errorf("recent jobs = %q, want the job just run", text)
	}
	if n := client.countCandidates(t); n != 6 {
		t.Errorf("candidates stored after zip and batch job = %d, want 6", n)
	}

	// All six candidates ranked: the README screenshot.
	do("matches of six", chromedp.Navigate(base+"/#/roles"), chromedp.WaitVisible(chromedp.CSS("table.roles")), chromedp.Navigate(matchesURL))
	waitFor("six ranked", `document.querySelectorAll('#matches tr.match-row').length === 6 && `+rendered)
	shot(ctx, t, filepath.Join(shots, "matches-all.png"))
	if *updateScreenshots {
		shot(ctx, t, filepath.Join(repoRoot, "testdata", "screenshots", "matches.png"))
	}

	// Other skills: the items of a skills list that the taxonomy lacks
	// ("Freezer log upkeep") are on the candidate page, each with the line
	// that names it, as the API reports them; search finds the candidate by
	// such an item (it is in the text).
	lab := mustAbs(t, filepath.Join("testdata", "lab-technician.txt"))
	do("upload lab resume", chromedp.Navigate(base+"/#/upload"), chromedp.WaitReady(chromedp.ID("file-input")),
		chromedp.SetUploadFiles(chromedp.ID("file-input"), []string{lab}))
	waitFor("lab resume uploaded", `document.getElementById('upload-summary').textContent.includes('1 added')`)
	labID := client.candidateID(t, "lab-technician.txt")
	var labProfile struct {
		OtherSkills []struct {
			Name     string `json:"name"`
			Evidence []struct {
				Line int `json:"line"`
			} `json:"evidence"`
		} `json:"other_skills"`
	}
	client.get(t, "/api/v1/candidates/"+labID, &labProfile)
	var wantOther []string
	for _, o := range labProfile.OtherSkills {
		wantOther = append(wantOther, fmt.Sprintf("%s@Line %d:", o.Name, o.Evidence[0].Line))
	}
	if !strings.Contains(strings.Join(wantOther, "|"), "Freezer log upkeep@") {
		t.Errorf("API other_skills of the lab resume = %v, want Freezer log upkeep among them", wantOther)
	}
	do("open lab candidate", chromedp.Navigate(base+"/#/candidates/"+labID), chromedp.WaitVisible(chromedp.ID("other-skills")))
	shown := eval("other skills", `[...document.querySelectorAll('#other-skills .chip')].map(c => c.textContent + '@' + c.title).join('|')`)
	for _, w := range wantOther {
		if !strings.Contains(shown, w) {
			t.Errorf("candidate page other skills = %q, want %q (name and evidence line)", shown, w)
		}
	}
	if h := eval("other skills heading", `document.getElementById('h-other-skills').textContent`); h != "Other skills (not in the taxonomy)" {
		t.Errorf("other skills heading = %q", h)
	}
	shot(ctx, t, filepath.Join(shots, "candidate-other-skills.png"))
	do("search other skill", chromedp.Navigate(base+"/#/search?q=upkeep"))
	waitFor("other skill search", `location.hash.includes('q=upkeep') && `+rendered)
	if hits := eval("other skill hits", `[...document.querySelectorAll('.hit')].map(li => li.textContent).join('|')`); !strings.Contains(hits, "lab-technician") && !strings.Contains(hits, "Priya") {
		t.Errorf("search upkeep hits = %q, want the lab technician", hits)
	}

	// Sign out returns to the sign-in form and forgets the key.
	do("sign out", chromedp.Click(chromedp.ID("sign-out")), chromedp.WaitVisible(chromedp.ID("api-key")))
	if k := eval("stored key", `localStorage.getItem('skillmatch.apiKey') || ''`); k != "" {
		t.Errorf("key still in localStorage after sign out")
	}
}

// rendered is true once the page shows the route in the address bar (the
// app sets data-rendered on <main> when a view has finished loading).
const rendered = `document.getElementById('main').dataset.rendered === location.hash`

// auditJS lists visible interactive elements without an accessible name.
const auditJS = `[...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, [role=combobox]')]
	.filter(el => {
		if (el.closest('[hidden]')) return false;
		if (el.type === 'file') return true; // visually hidden, reached through its label
		const r = el.getBoundingClientRect();
		return r.width > 0 && r.height > 0;
	})
	.filter(el => {
		const labelled = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') ||
			(el.labels && [...el.labels].some(l => l.textContent.trim())) || el.getAttribute('title');
		const text = (el.tagName === 'A' || el.tagName === 'BUTTON') && el.textContent.trim();
		return !labelled && !text;
	})
	.map(el => el.outerHTML.slice(0, 120))`

// contrastJS lists visible text whose colour against its background is
// below WCAG AA: 4.5:1, or 3:1 for large text (24px, or 18.66px bold).
const contrastJS = `(() => {
	const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
	const lum = ([r, g, b]) => {
		const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
		return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
	};
	const background = (el) => {
		for (let e = el; e; e = e.parentElement) {
			const c = rgb(getComputedStyle(e).backgroundColor);
			if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
		}
		return [255, 255, 255];
	};
	const out = [];
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		const el = n.parentElement;
		if (!n.textContent.trim() || !el || el.closest('[hidden], .sr-only, noscript, .toast')) continue;
		const r = el.getBoundingClientRect();
		if (r.width === 0 || r.height === 0) continue;
		const st = getComputedStyle(el);
		if (st.visibility === 'hidden' || +st.opacity < 0.5) continue;
		const fg = lum(rgb(st.color)), bg = lum(background(el));
		const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
		const size = parseFloat(st.fontSize), bold = +st.fontWeight >= 700;
		const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
		if (ratio < need) out.push(ratio.toFixed(2) + ' for "' + n.textContent.trim().slice(0, 40) + '" (' + st.color + ')');
	}
	return [...new Set(out)];
})()`

// findChromium returns the browser to drive, skipping the test when none is
// installed (failing instead on CI, where .ci/run installs chromium).
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed; .ci/run installs it (apt-get install chromium)")
	}
	t.Skip("chromium not installed (apt-get install chromium); skipping the browser test")
	return ""
}

// startServer runs the real API over a real store in a temp dir, with the
// embedded page and a batch-job runner, and returns its URL and an admin
// key. With SKILLMATCH_E2E_URL and SKILLMATCH_E2E_KEY set, the test drives
// that server instead (e.g. the built binary: skillmatch serve on an empty
// data folder, with the admin key it prints).
func startServer(t *testing.T) (string, string) {
	t.Helper()
	if u, k := os.Getenv("SKILLMATCH_E2E_URL"), os.Getenv("SKILLMATCH_E2E_KEY"); u != "" && k != "" {
		return strings.TrimSuffix(u, "/"), k
	}
	ctx := context.Background()
	tax := taxonomy.Default()
	store, err := index.Open(ctx, t.TempDir(), index.Options{
		TaxonomyVersion: tax.Version,
		ResolveSkill: func(name string) (string, bool) {
			s, ok := tax.Lookup(name)
			return s.ID, ok
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	key, _, err := store.CreateAPIKey(ctx, "admin", "e2e", false)
	if err != nil {
		t.Fatal(err)
	}
	asOf := func() time.Time { return time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC) }
	ranker := role.NewRanker(tax)
	runner, err := jobs.NewRunner(jobs.Config{
		Store: store, Pool: inProcessDecoder{}, Taxonomy: tax, AsOf: asOf,
		OnCandidate: func(c index.Candidate) { ranker.Add(c.ID, c.Profile) },
	})
	if err != nil {
		t.Fatal(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	if err := runner.Start(runCtx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	h, err := api.New(ctx, api.Config{
		Store:    store,
		Decoder:  inProcessDecoder{},
		Taxonomy: tax,
		Ranker:   ranker,
		Jobs:     runner,
		Web:      web.FS,
		AsOf:     asOf,
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL, key
}

// inProcessDecoder decodes in the test process: the sandboxed worker pool
// re-executes the skillmatch binary, which a test binary is not.
type inProcessDecoder struct{}

func (inProcessDecoder) Decode(ctx context.Context, data []byte, filename string) (document.Document, error) {
	return document.Decode(data, document.DefaultLimits())
}

// jobDescription is the seed job description when the shared data is
// there, else this package's own one.
func jobDescription(t *testing.T) string {
	t.Helper()
	for _, p := range []string{
		filepath.Join(repoRoot, "../shared/seed/python-backend-developer.txt"),
		"testdata/backend-engineer.txt",
	} {
		if b, err := os.ReadFile(p); err == nil {
			return string(b)
		}
	}
	t.Fatal("no job description fixture")
	return ""
}

// apiClient checks the server's state through its API, so the test can
// drive an in-process server or a running binary alike.
type apiClient struct{ base, key string }

// get GETs path, decodes a 200 JSON body into v (when not nil) and returns
// the status.
func (c apiClient) get(t *testing.T, path string, v any) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, c.base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+c.key)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode == http.StatusOK && v != nil {
		if err := json.NewDecoder(res.Body).Decode(v); err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
	}
	return res.StatusCode
}

type searchPage struct {
	Hits []struct {
		ID   string `json:"id"`
		File string `json:"file"`
	} `json:"hits"`
	Total int `json:"total"`
}

func (c apiClient) countCandidates(t *testing.T) int {
	t.Helper()
	var p searchPage
	if status := c.get(t, "/api/v1/candidates?limit=100", &p); status != http.StatusOK {
		t.Fatalf("search candidates: status %d", status)
	}
	return p.Total
}

func (c apiClient) candidateID(t *testing.T, file string) string {
	t.Helper()
	var p searchPage
	if status := c.get(t, "/api/v1/candidates?limit=100", &p); status != http.StatusOK {
		t.Fatalf("search candidates: status %d", status)
	}
	for _, h := range p.Hits {
		if h.File == file {
			return h.ID
		}
	}
	t.Fatalf("candidate %s not found among %d", file, len(p.Hits))
	return ""
}

func mustAbs(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// writeZip writes a deflated zip of resume fixtures, inside a folder as
// people's zips usually are.
func writeZip(t *testing.T, path string, names ...string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(repoRoot, "testdata/resumes", n))
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: "resumes/" + n, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// shot saves a PNG of the whole page.
func shot(ctx context.Context, t *testing.T, path string) {
	t.Helper()
	// A full-page capture resizes the viewport; start from the top so the
	// sticky header is where a person sees it.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0); document.getElementById('toast').classList.remove('show')`)); err != nil {
		t.Logf("screenshot %s: %v", path, err)
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Logf("screenshot %s: %v", path, err)
		return
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}
