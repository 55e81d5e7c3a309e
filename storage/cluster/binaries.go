package cluster

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// ErrNoServerBinaries is returned when no PostgreSQL server binaries can be
// found for the embedded cluster.
var ErrNoServerBinaries = errors.New("no PostgreSQL server binaries found (looked in PATH, `pg_config --bindir` and /usr/lib/postgresql/*/bin): " +
	"install them (Debian/Ubuntu: apt-get install postgresql) or set DATABASE_URL to a PostgreSQL server")

// findBinDir returns a folder holding both initdb and postgres. When want is
// not empty (the major version of an existing cluster) only a folder of that
// version is accepted.
func findBinDir(want string) (string, error) {
	for _, dir := range candidateBinDirs() {
		if !isServerBinDir(dir) {
			continue
		}
		if want == "" || binVersion(dir) == want {
			return dir, nil
		}
	}
	if want != "" {
		return "", errors.New("the data folder holds a PostgreSQL " + want +
			" cluster but no PostgreSQL " + want + " server binaries were found: install them (Debian/Ubuntu: apt-get install postgresql-" +
			want + "), or move the data folder aside to start afresh")
	}
	return "", ErrNoServerBinaries
}

// candidateBinDirs lists the places to look, in order of preference:
// PATH, pg_config's bindir, then Debian's versioned folders, newest first.
func candidateBinDirs() []string {
	var dirs []string
	if p, err := exec.LookPath("initdb"); err == nil {
		dirs = append(dirs, filepath.Dir(p))
	}
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		dirs = append(dirs, strings.TrimSpace(string(out)))
	}
	versioned, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(versioned, func(i, j int) bool {
		return majorOf(versioned[i]) > majorOf(versioned[j])
	})
	return append(dirs, versioned...)
}

func majorOf(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

func isServerBinDir(dir string) bool {
	for _, name := range []string{"initdb", "postgres"} {
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil || info.IsDir() || info.Mode()&0o111 == 0 {
			return false
		}
	}
	return true
}

// binVersion returns the major version of the postgres binary in dir
// ("15"), or "" when it cannot be read.
func binVersion(dir string) string {
	out, err := exec.Command(filepath.Join(dir, "postgres"), "--version").Output()
	if err != nil {
		return ""
	}
	// "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
	fields := strings.Fields(string(out))
	if len(fields) < 3 {
		return ""
	}
	major, _, _ := strings.Cut(fields[2], ".")
	return major
}
