package cluster

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/lib/pq"
)

// The cluster lives in DataDir/pg, reachable only through a Unix socket
// inside that folder (no TCP port).

const (
	clusterUser     = "convene" // superuser created by initdb
	clusterDatabase = "convene" // the application database
	socketName      = ".s.PGSQL.5432"
	maxSocketPath   = 107 // sun_path limit on Linux, less the NUL
)

// ClusterOptions configures OpenCluster.
type ClusterOptions struct {
	// DataDir holds the cluster (DataDir/pg) and its log (DataDir/postgres.log).
	DataDir string
	// Logger receives the cluster's lifecycle events.
	Logger *slog.Logger
	// Settings are extra server settings passed as -c name=value.
	Settings map[string]string
	// MaxRestarts bounds how many times in a row a crashed server is
	// restarted before supervision gives up; 0 means 10.
	MaxRestarts int
}

// Cluster is a private PostgreSQL server. When this process started it,
// Cluster supervises it (restarting it if it dies) and Close stops it; when
// another Convene process had already started it, Cluster only connects.
type Cluster struct {
	opts    ClusterOptions
	log     *slog.Logger
	pgData  string
	binDir  string
	account *account // the postgres system account when running as root

	mu       sync.Mutex
	proc     *os.Process
	owned    bool
	stopping bool
	done     chan struct{} // closed when supervision ends
}

// OpenCluster starts the cluster in opts.DataDir, creating it on first use,
// or connects to it when another process already runs it.
func OpenCluster(ctx context.Context, opts ClusterOptions) (*Cluster, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.MaxRestarts == 0 {
		opts.MaxRestarts = 10
	}
	dataDir, err := filepath.Abs(opts.DataDir)
	if err != nil {
		return nil, fmt.Errorf("data folder %q: %w", opts.DataDir, err)
	}
	opts.DataDir = dataDir
	c := &Cluster{opts: opts, log: opts.Logger.With("component", "postgres"), pgData: filepath.Join(dataDir, "pg")}
	if n := len(c.pgData) + 1 + len(socketName); n > maxSocketPath {
		return nil, fmt.Errorf("data folder %q is too deep for a Unix socket path (%d > %d characters): set CONVENE_DATA_DIR to a shorter path", dataDir, n, maxSocketPath)
	}
	if c.account, err = serverAccount(); err != nil {
		return nil, err
	}
	if err := c.prepareDataDir(); err != nil {
		return nil, err
	}
	version, _ := os.ReadFile(filepath.Join(c.pgData, "PG_VERSION"))
	if c.binDir, err = findBinDir(strings.TrimSpace(string(version))); err != nil {
		return nil, err
	}
	if len(version) == 0 {
		if err := c.initdb(ctx); err != nil {
			return nil, err
		}
	}
	if err := c.startOrAttach(ctx); err != nil {
		return nil, err
	}
	if err := c.ensureDatabase(ctx); err != nil {
		_ = c.Close()
		return nil, err
	}
	return c, nil
}

// DSN returns the lib/pq connection string for database name on this cluster.
func (c *Cluster) DSN(name string) string {
	return fmt.Sprintf("host=%s user=%s dbname=%s sslmode=disable", quoteDSN(c.pgData), clusterUser, quoteDSN(name))
}

// URL is the DSN of the application database.
func (c *Cluster) URL() string { return c.DSN(clusterDatabase) }

// PID is the process id of the running server, or 0 when unknown.
func (c *Cluster) PID() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.proc != nil {
		return c.proc.Pid
	}
	pid, _ := runningPID(c.pgData)
	return pid
}

// Owned reports whether this process started (and so supervises) the server.
func (c *Cluster) Owned() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.owned
}

// Close stops the server if this process started it, waiting for a clean
// shutdown; it leaves a server started by another process running.
func (c *Cluster) Close() error {
	c.mu.Lock()
	if !c.owned || c.stopping {
		c.mu.Unlock()
		return nil
	}
	c.stopping = true
	proc, done := c.proc, c.done
	c.mu.Unlock()

	c.log.Info("stopping postgres", "pid", proc.Pid)
	// SIGINT is PostgreSQL's fast shutdown: clients are disconnected and
	// the cluster is checkpointed; SIGQUIT and SIGKILL are the fallbacks.
	for _, step := range []struct {
		sig  syscall.Signal
		wait time.Duration
	}{{syscall.SIGINT, 30 * time.Second}, {syscall.SIGQUIT, 5 * time.Second}, {syscall.SIGKILL, 5 * time.Second}} {
		_ = proc.Signal(step.sig)
		select {
		case <-done:
			c.log.Info("postgres stopped")
			return nil
		case <-time.After(step.wait):
			c.log.Warn("postgres did not stop in time", "signal", step.sig.String())
		}
	}
	return fmt.Errorf("stop postgres (pid %d): it did not exit", proc.Pid)
}

// startOrAttach connects to a server another process runs, or starts one.
func (c *Cluster) startOrAttach(ctx context.Context) error {
	if pid, ok := runningPID(c.pgData); ok {
		c.log.Info("using the running postgres", "pid", pid, "data", c.pgData)
		return c.waitReady(ctx, nil)
	}
	proc, exited, err := c.start(ctx)
	if err != nil {
		// Another process may have won a race to start the same cluster.
		if pid, ok := runningPID(c.pgData); ok {
			c.log.Info("using the running postgres", "pid", pid, "data", c.pgData)
			return c.waitReady(ctx, nil)
		}
		return err
	}
	c.mu.Lock()
	c.proc, c.owned, c.done = proc, true, make(chan struct{})
	c.mu.Unlock()
	go c.supervise(exited)
	return nil
}

// start runs postgres and waits until it accepts connections. exited
// receives the process's end.
func (c *Cluster) start(ctx context.Context) (*os.Process, <-chan error, error) {
	logFile, err := os.OpenFile(filepath.Join(c.opts.DataDir, "postgres.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("open postgres log: %w", err)
	}
	defer logFile.Close()
	args := []string{"-D", c.pgData,
		"-c", "listen_addresses=",
		"-c", "unix_socket_directories=" + c.pgData,
		"-c", "unix_socket_permissions=0700",
		"-c", "timezone=UTC", "-c", "log_timezone=UTC",
	}
	for name, value := range c.opts.Settings {
		args = append(args, "-c", name+"="+value)
	}
	cmd := exec.Command(filepath.Join(c.binDir, "postgres"), args...)
	cmd.Dir = c.pgData
	cmd.Env = []string{"LANG=C", "LC_ALL=C", "PATH=/usr/bin:/bin"}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = serverProcAttr(c.account)
	if err := cmd.Start(); err != nil {
		return nil, nil, fmt.Errorf("start postgres: %w", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	if err := c.waitReady(ctx, exited); err != nil {
		_ = cmd.Process.Kill()
		return nil, nil, err
	}
	c.log.Info("postgres started", "pid", cmd.Process.Pid, "data", c.pgData)
	return cmd.Process, exited, nil
}

// waitReady polls until the server accepts connections, the process ends
// (exited, when we started it) or a minute passes.
func (c *Cluster) waitReady(ctx context.Context, exited <-chan error) error {
	db, err := sql.Open("postgres", c.DSN("postgres"))
	if err != nil {
		return fmt.Errorf("open postgres: %w", err)
	}
	defer db.Close()
	deadline := time.Now().Add(time.Minute)
	for {
		pingCtx, cancel := context.WithTimeout(ctx, time.Second)
		err = db.PingContext(pingCtx)
		cancel()
		if err == nil {
			return nil
		}
		select {
		case werr := <-exited:
			return fmt.Errorf("postgres exited while starting (%v); its log says:\n%s", werr, c.logTail(12))
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("postgres did not accept connections within a minute (%v); its log says:\n%s", err, c.logTail(12))
		}
	}
}

// supervise restarts the server when it dies unexpectedly, with backoff,
// until Close is called or MaxRestarts attempts in a row fail.
func (c *Cluster) supervise(exited <-chan error) {
	defer close(c.done)
	for {
		err := <-exited
		if c.isStopping() {
			return
		}
		c.log.Error("postgres exited unexpectedly; restarting it", "err", err)
		backoff := 250 * time.Millisecond
		for attempt := 1; ; attempt++ {
			time.Sleep(backoff)
			if c.isStopping() {
				return
			}
			proc, next, err := c.start(context.Background())
			if err == nil {
				c.mu.Lock()
				c.proc = proc
				stopping := c.stopping
				c.mu.Unlock()
				if stopping { // Close raced with the restart
					_ = proc.Signal(syscall.SIGINT)
					<-next
					return
				}
				c.log.Info("postgres restarted", "attempt", attempt)
				exited = next
				break
			}
			if attempt >= c.opts.MaxRestarts {
				c.log.Error("postgres could not be restarted; giving up", "attempts", attempt, "err", err)
				return
			}
			c.log.Warn("postgres restart failed; retrying", "attempt", attempt, "err", err)
			backoff = min(backoff*2, 5*time.Second)
		}
	}
}

func (c *Cluster) isStopping() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stopping
}

// ensureDatabase creates the application database on first use.
func (c *Cluster) ensureDatabase(ctx context.Context) error {
	db, err := sql.Open("postgres", c.DSN("postgres"))
	if err != nil {
		return fmt.Errorf("open postgres: %w", err)
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(clusterDatabase))
	var pqErr *pq.Error
	if errors.As(err, &pqErr) && pqErr.Code == "42P04" { // duplicate_database
		return nil
	}
	if err != nil {
		return fmt.Errorf("create database %s: %w", clusterDatabase, err)
	}
	return nil
}

func (c *Cluster) logTail(lines int) string {
	data, err := os.ReadFile(filepath.Join(c.opts.DataDir, "postgres.log"))
	if err != nil {
		return "(no log)"
	}
	all := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(all) > lines {
		all = all[len(all)-lines:]
	}
	return strings.Join(all, "\n")
}

// quoteDSN quotes a value for a key=value connection string.
func quoteDSN(v string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v) + "'"
}
