package role

import (
	"os"
	"sort"
	"time"
)

func envSet(name string) bool { return os.Getenv(name) != "" }

func sortDurations(d []time.Duration) { sort.Slice(d, func(i, j int) bool { return d[i] < d[j] }) }
