// Package web owns the recruiter web page: static HTML, CSS and JavaScript
// modules embedded in the binary and served by package api at "/".
//
// The page is plain HTML + CSS + vanilla JavaScript (ES modules) with no
// build step and no network dependency other than the skillmatch API on the
// same origin: no CDN, no external fonts. It talks to the server only
// through the documented JSON API (/api/v1/...) with the user's API key, and
// routes with the URL hash (#/matches/ROLE_ID …), so the server needs no
// routes beyond serving these files.
//
// This package imports nothing but the standard library.
package web

import (
	"embed"
	"io/fs"
)

//go:embed static
var static embed.FS

// FS holds the page: index.html at its root and the CSS and JavaScript
// modules under assets/. Serve it at "/" (for example with
// http.FileServerFS(web.FS)); every path in it is public.
var FS fs.FS = mustSub(static, "static")

func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err) // dir is a constant that exists at compile time
	}
	return sub
}
