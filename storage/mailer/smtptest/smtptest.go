// Package smtptest runs a real SMTP server for tests: aiosmtpd (Debian's
// python3-aiosmtpd, installed by scripts/test-deps) with a handler that
// keeps each message as a file. Tests read what arrived with Messages, and
// can stop the server and start it again on the same port to see that
// Convene waits for it.
package smtptest

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

//go:embed server.py
var handler []byte

// Server is a running aiosmtpd.
type Server struct {
	// Port is where it listens, on 127.0.0.1.
	Port int
	dir  string
	cmd  *exec.Cmd
	py   string
}

// URL is the CONVENE_SMTP_URL that reaches the server.
func (s *Server) URL() string { return fmt.Sprintf("smtp://127.0.0.1:%d?tls=none", s.Port) }

// MustStart starts a server on a free port, stopped when the test ends.
func MustStart(tb testing.TB) *Server {
	tb.Helper()
	py, err := python()
	if err != nil {
		tb.Fatal(err)
	}
	dir := tb.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "convene_smtpd.py"), handler, 0o644); err != nil {
		tb.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "mail"), 0o755); err != nil {
		tb.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	s := &Server{Port: port, dir: dir, py: py}
	s.MustRestart(tb)
	tb.Cleanup(s.Stop)
	return s
}

// MustRestart starts the server (again) on its port.
func (s *Server) MustRestart(tb testing.TB) {
	tb.Helper()
	s.Stop()
	cmd := exec.Command(s.py, "-m", "aiosmtpd", "-n", "-l", fmt.Sprintf("127.0.0.1:%d", s.Port),
		"-c", "convene_smtpd.Handler", filepath.Join(s.dir, "mail"))
	cmd.Dir = s.dir
	cmd.Env = append(os.Environ(), "PYTHONPATH="+s.dir)
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		tb.Fatalf("start aiosmtpd: %v", err)
	}
	s.cmd = cmd
	deadline := time.Now().Add(15 * time.Second)
	for {
		conn, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", s.Port), time.Second)
		if err == nil {
			conn.Close()
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("aiosmtpd did not listen on %d: %v", s.Port, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Stop stops the server; what it received stays readable.
func (s *Server) Stop() {
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
	s.cmd = nil
}

// python finds a python3 with aiosmtpd: Debian's first (a python3 from
// pyenv or a virtualenv earlier in PATH may lack it).
func python() (string, error) {
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if path, err := exec.LookPath(p); err == nil && exec.Command(path, "-c", "import aiosmtpd").Run() == nil {
			return path, nil
		}
	}
	return "", errors.New("no python3 with aiosmtpd for the SMTP tests: install python3-aiosmtpd (make test-deps does, as root on Debian)")
}

// Message is one message received.
type Message struct {
	// Header is the message's header.
	Header mail.Header
	// To is the recipient's address.
	To string
	// Subject is the decoded subject.
	Subject string
	// Text and HTML are the decoded parts.
	Text, HTML string
	// Calendar is the .ics attached, if any.
	Calendar string
	// Raw is the message as received.
	Raw string
}

// Messages reads every message received so far, oldest first.
func (s *Server) Messages(tb testing.TB) []Message {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(s.dir, "mail", "*.eml"))
	if err != nil {
		tb.Fatal(err)
	}
	type stamped struct {
		at   time.Time
		path string
	}
	var list []stamped
	for _, f := range files {
		fi, err := os.Stat(f)
		if err != nil {
			tb.Fatal(err)
		}
		list = append(list, stamped{fi.ModTime(), f})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].at.Before(list[j].at) })
	var out []Message
	for _, f := range list {
		raw, err := os.ReadFile(f.path)
		if err != nil {
			tb.Fatal(err)
		}
		m, err := parse(string(raw))
		if err != nil {
			tb.Fatalf("parse %s: %v\n%s", f.path, err, raw)
		}
		out = append(out, m)
	}
	return out
}

// WaitFor waits until n messages have arrived (or fails the test), and
// returns all received.
func (s *Server) WaitFor(tb testing.TB, n int) []Message {
	tb.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		msgs := s.Messages(tb)
		if len(msgs) >= n {
			return msgs
		}
		if time.Now().After(deadline) {
			tb.Fatalf("%d messages arrived within 30s, want %d", len(msgs), n)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// To are the messages received by one address.
func To(msgs []Message, addr string) []Message {
	var out []Message
	for _, m := range msgs {
		if strings.EqualFold(m.To, addr) {
			out = append(out, m)
		}
	}
	return out
}

func parse(raw string) (Message, error) {
	mm, err := mail.ReadMessage(strings.NewReader(raw))
	if err != nil {
		return Message{}, err
	}
	m := Message{Header: mm.Header, Raw: raw}
	dec := new(mime.WordDecoder)
	if m.Subject, err = dec.DecodeHeader(mm.Header.Get("Subject")); err != nil {
		return m, err
	}
	if to, err := mail.ParseAddress(mm.Header.Get("To")); err == nil {
		m.To = to.Address
	}
	err = walk(&m, mm.Header.Get("Content-Type"), mm.Header.Get("Content-Transfer-Encoding"), mm.Body)
	return m, err
}

// walk decodes the parts of a message into m.
func walk(m *Message, contentType, encoding string, body io.Reader) error {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return err
	}
	if strings.HasPrefix(mt, "multipart/") {
		r := multipart.NewReader(body, params["boundary"])
		for {
			p, err := r.NextRawPart()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return err
			}
			if err := walk(m, p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p); err != nil {
				return err
			}
		}
	}
	data, err := io.ReadAll(decoder(encoding, body))
	if err != nil {
		return err
	}
	switch mt {
	case "text/plain":
		m.Text = strings.ReplaceAll(string(data), "\r\n", "\n")
	case "text/html":
		m.HTML = string(data)
	case "text/calendar":
		m.Calendar = string(data)
	}
	return nil
}
