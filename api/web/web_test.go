package web

import (
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The page has no build step, so nothing but these tests and the browser
// notices a missing file, a misspelt import or an export that went away.

func readFS(t *testing.T, name string) string {
	t.Helper()
	b, err := fs.ReadFile(FS, name)
	if err != nil {
		t.Fatalf("read %s from web.FS: %v", name, err)
	}
	return string(b)
}

func assets(t *testing.T, ext string) []string {
	t.Helper()
	names, err := fs.Glob(FS, "assets/*"+ext)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatalf("no assets/*%s in web.FS", ext)
	}
	return names
}

func TestIndexReferencesExistingAssets(t *testing.T) {
	html := readFS(t, "index.html")
	refs := regexp.MustCompile(`(?:src|href)="([^"#:]+)"`).FindAllStringSubmatch(html, -1)
	if len(refs) < 2 {
		t.Fatalf("index.html references %d local files, want the stylesheet and the app module", len(refs))
	}
	for _, r := range refs {
		if _, err := fs.Stat(FS, r[1]); err != nil {
			t.Errorf("index.html references %s: %v", r[1], err)
		}
	}
	if !strings.Contains(html, `<script type="module" src="assets/app.js">`) {
		t.Errorf("index.html does not load assets/app.js as a module")
	}
}

var (
	importRe = regexp.MustCompile(`(?s)import\s*\{([^}]*)\}\s*from\s*'([^']+)'`)
	exportRe = regexp.MustCompile(`export\s+(?:async\s+)?(?:function|const|let|class)\s+([A-Za-z_$][\w$]*)`)
)

// TestModuleImportsResolve checks every `import { a, b } from './m.js'`:
// the module exists in web.FS and exports each name.
func TestModuleImportsResolve(t *testing.T) {
	exports := map[string][]string{}
	for _, name := range assets(t, ".js") {
		for _, m := range exportRe.FindAllStringSubmatch(readFS(t, name), -1) {
			exports[name] = append(exports[name], m[1])
		}
	}
	imports := 0
	for _, name := range assets(t, ".js") {
		for _, m := range importRe.FindAllStringSubmatch(readFS(t, name), -1) {
			target := path.Join(path.Dir(name), m[2])
			if !strings.HasPrefix(m[2], "./") {
				t.Errorf("%s imports %q: only relative imports of our own modules work offline", name, m[2])
				continue
			}
			have, ok := exports[target]
			if !ok {
				t.Errorf("%s imports %s, which is not in web.FS", name, target)
				continue
			}
			for _, sym := range strings.Split(m[1], ",") {
				sym = strings.TrimSpace(strings.Split(strings.TrimSpace(sym), " as ")[0])
				if sym == "" {
					continue
				}
				imports++
				if !slices.Contains(have, sym) {
					t.Errorf("%s imports %s from %s, which does not export it (exports %v)", name, sym, target, have)
				}
			}
		}
	}
	if imports < 20 {
		t.Errorf("found %d imported names; the import pattern no longer matches the code", imports)
	}
}

// TestWorksOffline: no file loads anything from another origin (CDN, web
// fonts), so the page works on a machine without internet.
func TestWorksOffline(t *testing.T) {
	remote := []*regexp.Regexp{
		regexp.MustCompile(`(?:src|href)\s*=\s*["']?(?:https?:)?//`),
		regexp.MustCompile(`url\(\s*["']?(?:https?:)?//`),
		regexp.MustCompile(`@import`),
		regexp.MustCompile(`from\s*['"](?:https?:)?//`),
		regexp.MustCompile(`import\(\s*['"](?:https?:)?//`),
		regexp.MustCompile(`fetch\(\s*['"\x60](?:https?:)?//`),
	}
	files := append(append([]string{"index.html"}, assets(t, ".js")...), assets(t, ".css")...)
	for _, name := range files {
		text := readFS(t, name)
		for _, re := range remote {
			if loc := re.FindStringIndex(text); loc != nil {
				t.Errorf("%s loads from another origin: %q", name, text[loc[0]:min(len(text), loc[1]+40)])
			}
		}
	}
}

// TestNoHTMLInjection: server data reaches the page only as text. The
// page never assigns innerHTML/outerHTML or calls insertAdjacentHTML or
// document.write, where a resume line could become markup.
func TestNoHTMLInjection(t *testing.T) {
	sinks := regexp.MustCompile(`\.(?:innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write`)
	for _, name := range assets(t, ".js") {
		if loc := sinks.FindStringIndex(readFS(t, name)); loc != nil {
			t.Errorf("%s uses an HTML sink: %q", name, readFS(t, name)[loc[0]:loc[1]])
		}
	}
}
