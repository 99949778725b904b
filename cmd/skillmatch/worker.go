package main

import "github.com/skillmatch/skillmatch/engine/document"

// isWorkerProcess reports whether this process was started by a document
// pool as a worker (SKILLMATCH_WORKER=1); main then serves the worker
// protocol instead of the CLI.
func isWorkerProcess() bool { return document.IsWorker() }

// runWorker serves document decoding requests until the parent closes the
// pipe, and returns the exit code.
func runWorker() int { return document.ServeWorker() }
