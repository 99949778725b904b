package cpustat

import (
	"os"
	"os/exec"
	"testing"
	"time"
)

func TestSelfCountsWork(t *testing.T) {
	before := Self()
	x := 0
	for i := range 50_000_000 {
		x += i % 7
	}
	if x == 0 {
		t.Fatal("loop optimised away")
	}
	if after := Self(); after <= before {
		t.Errorf("Self() did not grow over a busy loop: %v then %v", before, after)
	}
}

func TestChildren(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc")
	}
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	// A child that burns CPU and then waits: first alive, then ended.
	cmd := exec.Command(sh, "-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; read x || true")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	ended0 := EndedChildren()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var live bool
	for range 200 {
		if LiveChildren() > 0 {
			live = true
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	if !live {
		t.Error("LiveChildren() stayed 0 while a child burned CPU")
	}
	if EndedChildren() <= ended0 {
		t.Error("EndedChildren() did not grow after a busy child ended")
	}
}

func TestLoadAvg(t *testing.T) {
	if _, err := os.Stat("/proc/loadavg"); err != nil {
		t.Skip("no /proc/loadavg")
	}
	if f := LoadAvg(); len(f) != 3 {
		t.Errorf("LoadAvg() = %q, want 3 fields", f)
	}
}
