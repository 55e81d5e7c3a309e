package cluster_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/cluster"
)

func TestCluster(t *testing.T) {
	ctx := context.Background()
	dir := MustTempDir(t)
	open := func(t *testing.T) *cluster.Cluster {
		t.Helper()
		c, err := cluster.OpenCluster(ctx, cluster.ClusterOptions{DataDir: dir, Settings: map[string]string{"fsync": "off"}})
		if err != nil {
			t.Fatalf("open cluster: %v", err)
		}
		t.Cleanup(func() { _ = c.Close() })
		return c
	}

	t.Run("StartsAndStops", func(t *testing.T) {
		c := open(t)
		if !c.Owned() {
			t.Fatal("Owned() = false for a cluster this test started")
		}
		pid := c.PID()
		MustPing(t, c.URL(), 5*time.Second)
		if err := c.Close(); err != nil {
			t.Fatalf("close: %v", err)
		}
		if processAlive(pid) {
			t.Errorf("postgres (pid %d) still running after Close", pid)
		}
		if _, err := os.Stat(filepath.Join(dir, "pg", "postmaster.pid")); !os.IsNotExist(err) {
			t.Errorf("postmaster.pid left after a clean stop (stat err %v)", err)
		}
	})

	t.Run("ReusesExistingData", func(t *testing.T) {
		c := open(t)
		db := MustOpen(t, c.URL())
		if _, err := db.SQL().Exec(`CREATE TABLE IF NOT EXISTS kept (n int)`); err != nil {
			t.Fatal(err)
		}
		db.Close()
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
		c = open(t)
		db = MustOpen(t, c.URL())
		if _, err := db.SQL().Exec(`SELECT n FROM kept`); err != nil {
			t.Errorf("table made before the restart is gone: %v", err)
		}
	})

	t.Run("SecondOpenAttaches", func(t *testing.T) {
		first := open(t)
		second := open(t)
		if second.Owned() {
			t.Error("a second OpenCluster on a running cluster started another server")
		}
		if err := second.Close(); err != nil {
			t.Fatal(err)
		}
		MustPing(t, first.URL(), 5*time.Second) // closing the attached one leaves the server up
	})

	t.Run("RecoversFromStalePidFile", func(t *testing.T) {
		c := open(t)
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
		// A crash leaves postmaster.pid naming a process that is gone.
		stale := strconv.Itoa(deadPID(t)) + "\n" + filepath.Join(dir, "pg") + "\n"
		MustWriteAsOwner(t, filepath.Join(dir, "pg", "postmaster.pid"), stale)
		c = open(t)
		if !c.Owned() {
			t.Error("a stale postmaster.pid was taken for a running server")
		}
		MustPing(t, c.URL(), 5*time.Second)
	})

	t.Run("RestartsAfterKill", func(t *testing.T) {
		c := open(t)
		pid := c.PID()
		if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		MustPing(t, c.URL(), 15*time.Second)
		// The supervisor records the new process just after it answers.
		deadline := time.Now().Add(5 * time.Second)
		for c.PID() == pid && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if got := c.PID(); got == pid {
			t.Errorf("PID after restart = %d, the killed process's", got)
		}
	})
}

func TestClusterRefusesDeepDataDir(t *testing.T) {
	deep := filepath.Join(MustTempDir(t), "a-folder-name-that-is-long-enough-to-push-the-socket-path-past-its-limit-of-107-characters")
	_, err := cluster.OpenCluster(context.Background(), cluster.ClusterOptions{DataDir: deep})
	if err == nil {
		t.Fatal("OpenCluster accepted a data folder too deep for a Unix socket")
	}
}

// MustPing waits up to within for the database at dsn to answer.
func MustPing(tb testing.TB, dsn string, within time.Duration) {
	tb.Helper()
	deadline := time.Now().Add(within)
	for {
		db, err := storage.Open(context.Background(), dsn)
		if err == nil {
			db.Close()
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("database did not answer within %v: %v", within, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// MustOpen connects to dsn for the length of the test.
func MustOpen(tb testing.TB, dsn string) *storage.DB {
	tb.Helper()
	db, err := storage.Open(context.Background(), dsn)
	if err != nil {
		tb.Fatalf("open %s: %v", dsn, err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func processAlive(pid int) bool {
	return syscall.Kill(pid, 0) == nil
}

// deadPID returns the pid of a process that has exited.
func deadPID(tb testing.TB) int {
	tb.Helper()
	p, err := os.StartProcess("/bin/true", []string{"true"}, &os.ProcAttr{})
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := p.Wait(); err != nil {
		tb.Fatal(err)
	}
	return p.Pid
}

// MustTempDir makes a folder removed after the test. Unlike t.TempDir, its
// parent is /tmp itself, which the postgres account can pass through when
// the tests run as root.
func MustTempDir(tb testing.TB) string {
	tb.Helper()
	dir, err := os.MkdirTemp("", "convene-test-")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = os.RemoveAll(dir) })
	return dir
}

// MustWriteAsOwner writes a file owned like the folder it is in, as the
// server would have left it.
func MustWriteAsOwner(tb testing.TB, path, content string) {
	tb.Helper()
	info, err := os.Stat(filepath.Dir(path))
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		tb.Fatal(err)
	}
	st := info.Sys().(*syscall.Stat_t)
	if err := os.Chown(path, int(st.Uid), int(st.Gid)); err != nil {
		tb.Fatal(err)
	}
}
