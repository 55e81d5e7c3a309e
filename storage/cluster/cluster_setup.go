package cluster

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// account is the system account that runs initdb and postgres when Convene
// runs as root, since PostgreSQL refuses to run as root.
type account struct {
	name     string
	uid, gid int
}

func serverAccount() (*account, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, errors.New("running as root, the embedded PostgreSQL needs the 'postgres' system account to run as " +
			"(Debian/Ubuntu: apt-get install postgresql creates it): create it, run Convene as another user, or set DATABASE_URL")
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &account{name: u.Username, uid: uid, gid: gid}, nil
}

// prepareDataDir creates the data folder. As root, the folder is made
// traversable and its pg subfolder is given to the postgres account, whose
// path to it must be open: a clear error says which folder is in the way.
func (c *Cluster) prepareDataDir() error {
	mode := os.FileMode(0o700)
	if c.account != nil {
		mode = 0o711 // postgres must pass through to pg/, nobody may list it
	}
	if err := os.MkdirAll(c.opts.DataDir, mode); err != nil {
		return fmt.Errorf("create data folder: %w", err)
	}
	if c.account == nil {
		return nil
	}
	if err := os.Chmod(c.opts.DataDir, mode); err != nil {
		return fmt.Errorf("data folder: %w", err)
	}
	return reachable(c.opts.DataDir, c.account)
}

// reachable checks that acct can pass through every folder above dir.
func reachable(dir string, acct *account) error {
	for d := dir; ; d = filepath.Dir(d) {
		info, err := os.Stat(d)
		if err != nil {
			return fmt.Errorf("data folder: %w", err)
		}
		st := info.Sys().(*syscall.Stat_t)
		perm := info.Mode().Perm()
		ok := perm&0o001 != 0 ||
			(int(st.Uid) == acct.uid && perm&0o100 != 0) ||
			(int(st.Gid) == acct.gid && perm&0o010 != 0)
		if !ok {
			return fmt.Errorf("the embedded PostgreSQL runs as the %q account, which cannot reach the data folder %s because %s is mode %04o: "+
				"set CONVENE_DATA_DIR to a folder it can reach (e.g. /var/lib/convene) or set DATABASE_URL", acct.name, dir, d, perm)
		}
		if d == filepath.Dir(d) {
			return nil
		}
	}
}

// initdb creates the cluster in a temporary folder and moves it into place,
// so that an interrupted first run leaves nothing half-made behind.
func (c *Cluster) initdb(ctx context.Context) error {
	tmp := c.pgData + ".init"
	if err := os.RemoveAll(tmp); err != nil {
		return fmt.Errorf("initdb: %w", err)
	}
	if err := os.Mkdir(tmp, 0o700); err != nil {
		return fmt.Errorf("initdb: %w", err)
	}
	if c.account != nil {
		if err := os.Chown(tmp, c.account.uid, c.account.gid); err != nil {
			return fmt.Errorf("initdb: %w", err)
		}
	}
	c.log.Info("creating the embedded PostgreSQL cluster", "data", c.pgData)
	cmd := exec.CommandContext(ctx, filepath.Join(c.binDir, "initdb"),
		"-D", tmp, "-U", clusterUser, "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync")
	cmd.Dir = tmp
	cmd.Env = []string{"LANG=C", "LC_ALL=C", "PATH=/usr/bin:/bin"}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.SysProcAttr = serverProcAttr(c.account)
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("initdb: %w: %s", err, strings.TrimSpace(out.String()))
	}
	if err := os.Rename(tmp, c.pgData); err != nil {
		return fmt.Errorf("initdb: %w", err)
	}
	return nil
}

// runningPID reads postmaster.pid and reports whether that process is a
// live postgres. A stale file (left by a crash) reports false; postgres
// itself replaces it on start.
func runningPID(pgData string) (int, bool) {
	data, err := os.ReadFile(filepath.Join(pgData, "postmaster.pid"))
	if err != nil {
		return 0, false
	}
	first, _, _ := strings.Cut(string(data), "\n")
	pid, err := strconv.Atoi(strings.TrimSpace(first))
	if err != nil || pid <= 0 {
		return 0, false
	}
	if err := syscall.Kill(pid, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return pid, false
	}
	// The pid may have been reused by another program since a crash.
	if comm, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid)); err == nil {
		name := strings.TrimSpace(string(comm))
		if name != "postgres" && name != "postmaster" {
			return pid, false
		}
	}
	return pid, true
}
