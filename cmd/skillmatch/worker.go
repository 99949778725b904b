package main

// isWorkerProcess reports whether this process was started as a document
// worker. (Not built yet: the documents issue adds the worker.)
func isWorkerProcess() bool { return false }

func runWorker() int { return 0 }
