package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// runHealthcheck asks a running Convene on this machine whether it is
// ready, for container health checks where no curl is installed.
func runHealthcheck(ctx context.Context, cfg Config, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("healthcheck", flag.ContinueOnError)
	url := fs.String("url", "", "address to check (default: /readyz on CONVENE_ADDR's port on this machine)")
	if err := parseFlags(fs, args, stderr, "healthcheck [--url URL]"); err != nil {
		return err
	}
	if *url == "" {
		_, port, err := net.SplitHostPort(cfg.Addr)
		if err != nil {
			return configErrorf("addr %q: want host:port", cfg.Addr)
		}
		*url = "http://" + net.JoinHostPort("127.0.0.1", port) + "/readyz"
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, *url, nil)
	if err != nil {
		return configErrorf("--url %q: %v", *url, err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: %s answered %d", *url, resp.StatusCode)
	}
	return nil
}
