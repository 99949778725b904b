//go:build !linux

package index

// spreadSubfolders is a hint only Linux file systems (ext4) take; see
// spread_linux.go.
func spreadSubfolders(dir string) bool { return false }

// topDirFlag: no such flag here.
func topDirFlag(dir string) (set, known bool) { return false, false }
