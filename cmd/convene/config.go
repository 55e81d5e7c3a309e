package main

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/events"
	"github.com/convene/convene/storage"
)

// Config is everything Convene is told from outside: flags, then the
// CONVENE_* variables and DATABASE_URL, validated once at start.
type Config struct {
	// HTTPConfig is what the web server needs to know.
	web.HTTPConfig

	// Addr is the address the web server listens on, e.g. ":8080".
	Addr string
	// DatabaseURL is the PostgreSQL server to use; empty starts the
	// embedded cluster in DataDir.
	DatabaseURL string
	// DataDir holds the embedded cluster.
	DataDir string
	// Demo seeds the demo data when the database has no hubs yet.
	Demo bool
	// LogLevel is the least severe level logged.
	LogLevel slog.Level
	// LogFormat is "text" or "json".
	LogFormat string

	// Mail is how messages are sent (see config_mail.go).
	Mail MailConfig

	// baseURLDerived is true when BaseURL was not given but made from Addr.
	baseURLDerived bool
}

// configError is a bad setting; main prints it on one line and exits 2.
type configError struct{ msg string }

func (e *configError) Error() string { return e.msg }

func configErrorf(format string, args ...any) error {
	return &configError{msg: fmt.Sprintf(format, args...)}
}

// defaultConfig reads the environment into a Config that flags may override.
func defaultConfig(getenv func(string) string) (Config, error) {
	cfg := Config{
		HTTPConfig: web.HTTPConfig{
			BaseURL:            getenv("CONVENE_BASE_URL"),
			ShutdownTimeout:    10 * time.Second,
			GuestRegistrations: storage.GuestThrottle{Window: time.Hour, PerAddress: 10, PerEvent: 50},
		},
		Addr:        envOr(getenv, "CONVENE_ADDR", ":8080"),
		DatabaseURL: getenv("DATABASE_URL"),
		DataDir:     envOr(getenv, "CONVENE_DATA_DIR", "./data"),
		LogFormat:   envOr(getenv, "CONVENE_LOG_FORMAT", "text"),
	}
	var err error
	if v := getenv("CONVENE_DEMO"); v != "" {
		if cfg.Demo, err = strconv.ParseBool(v); err != nil {
			return cfg, configErrorf("CONVENE_DEMO=%q: want true or false", v)
		}
	}
	if v := getenv("CONVENE_LOG_LEVEL"); v != "" {
		if err := cfg.LogLevel.UnmarshalText([]byte(v)); err != nil {
			return cfg, configErrorf("CONVENE_LOG_LEVEL=%q: want debug, info, warn or error", v)
		}
	}
	if v := getenv("CONVENE_TRUSTED_PROXIES"); v != "" {
		for _, part := range strings.Split(v, ",") {
			part = strings.TrimSpace(part)
			if !strings.Contains(part, "/") {
				if strings.Contains(part, ":") {
					part += "/128"
				} else {
					part += "/32"
				}
			}
			_, n, err := net.ParseCIDR(part)
			if err != nil {
				return cfg, configErrorf("CONVENE_TRUSTED_PROXIES: %q is not an address or CIDR range like 10.0.0.0/8", part)
			}
			cfg.TrustedProxies = append(cfg.TrustedProxies, n)
		}
	}
	if v := getenv("CONVENE_SHUTDOWN_TIMEOUT"); v != "" {
		if cfg.ShutdownTimeout, err = time.ParseDuration(v); err != nil {
			return cfg, configErrorf("CONVENE_SHUTDOWN_TIMEOUT=%q: want a duration like 10s", v)
		}
	}
	if err := cfg.guestRegistrationsFromEnv(getenv); err != nil {
		return cfg, err
	}
	if v := getenv("CONVENE_PSEUDONYM_KEY"); v != "" {
		if len(v) < events.MinPseudonymKeyLen {
			return cfg, configErrorf("CONVENE_PSEUDONYM_KEY must be at least %d characters (e.g. openssl rand -hex 32)", events.MinPseudonymKeyLen)
		}
		cfg.PseudonymKey = []byte(v)
	}
	if err := cfg.Mail.fromEnv(getenv); err != nil {
		return cfg, err
	}
	return cfg, nil
}

// guestRegistrationsFromEnv reads the guest registration throttle.
func (cfg *Config) guestRegistrationsFromEnv(getenv func(string) string) error {
	t := &cfg.GuestRegistrations
	if v := getenv("CONVENE_GUEST_REGISTRATION_WINDOW"); v != "" {
		var err error
		if t.Window, err = time.ParseDuration(v); err != nil {
			return configErrorf("CONVENE_GUEST_REGISTRATION_WINDOW=%q: want a duration like 1h", v)
		}
	}
	for name, n := range map[string]*int{"CONVENE_GUEST_REGISTRATIONS_PER_ADDRESS": &t.PerAddress, "CONVENE_GUEST_REGISTRATIONS_PER_EVENT": &t.PerEvent} {
		if v := getenv(name); v != "" {
			var err error
			if *n, err = strconv.Atoi(v); err != nil {
				return configErrorf("%s=%q: want a whole number like 10", name, v)
			}
		}
	}
	return nil
}

// serveFlags binds the flags of serve to cfg.
func (cfg *Config) serveFlags(fs *flag.FlagSet) {
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "address to listen on (CONVENE_ADDR)")
	fs.StringVar(&cfg.BaseURL, "base-url", cfg.BaseURL, "public address of the site, for links in messages (CONVENE_BASE_URL)")
	fs.BoolVar(&cfg.Demo, "demo", cfg.Demo, "seed demo data when the database has no hubs yet (CONVENE_DEMO)")
	fs.DurationVar(&cfg.GuestRegistrations.Window, "guest-registration-window", cfg.GuestRegistrations.Window,
		"window in which guest registrations are counted (CONVENE_GUEST_REGISTRATION_WINDOW)")
	fs.IntVar(&cfg.GuestRegistrations.PerAddress, "guest-registrations-per-address", cfg.GuestRegistrations.PerAddress,
		"guest registrations allowed from one client address in the window (CONVENE_GUEST_REGISTRATIONS_PER_ADDRESS)")
	fs.IntVar(&cfg.GuestRegistrations.PerEvent, "guest-registrations-per-event", cfg.GuestRegistrations.PerEvent,
		"guest registrations allowed for one event in the window (CONVENE_GUEST_REGISTRATIONS_PER_EVENT)")
	cfg.databaseFlags(fs)
}

// linkFlags binds the flags of subcommands that print links to the site.
func (cfg *Config) linkFlags(fs *flag.FlagSet) {
	fs.StringVar(&cfg.BaseURL, "base-url", cfg.BaseURL, "public address of the site, for the links printed (CONVENE_BASE_URL)")
	cfg.databaseFlags(fs)
}

// databaseFlags binds the flags every subcommand that uses the database has.
func (cfg *Config) databaseFlags(fs *flag.FlagSet) {
	fs.StringVar(&cfg.DataDir, "data-dir", cfg.DataDir, "folder of the embedded PostgreSQL, used when DATABASE_URL is unset (CONVENE_DATA_DIR)")
}

// validate checks the settings and fills in what follows from them.
func (cfg *Config) validate() error {
	if _, _, err := net.SplitHostPort(cfg.Addr); err != nil {
		return configErrorf("addr %q: want host:port, like :8080 or 127.0.0.1:8080", cfg.Addr)
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL, cfg.baseURLDerived = "http://"+localAddr(cfg.Addr), true
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
		return configErrorf("base URL %q: want an absolute http(s) address with no path, like https://convene.example.org", cfg.BaseURL)
	}
	cfg.BaseURL = strings.TrimSuffix(cfg.BaseURL, "/")
	if cfg.DatabaseURL == "" && cfg.DataDir == "" {
		return configErrorf("set DATABASE_URL, or CONVENE_DATA_DIR for the embedded PostgreSQL")
	}
	if cfg.DatabaseURL != "" {
		if err := checkDatabaseURL(cfg.DatabaseURL); err != nil {
			return err
		}
	}
	if cfg.LogFormat != "text" && cfg.LogFormat != "json" {
		return configErrorf("CONVENE_LOG_FORMAT=%q: want text or json", cfg.LogFormat)
	}
	if cfg.ShutdownTimeout <= 0 {
		return configErrorf("CONVENE_SHUTDOWN_TIMEOUT must be positive")
	}
	switch t := cfg.GuestRegistrations; {
	case t.Window <= 0:
		return configErrorf("CONVENE_GUEST_REGISTRATION_WINDOW (--guest-registration-window) must be positive")
	case t.PerAddress < 1:
		return configErrorf("CONVENE_GUEST_REGISTRATIONS_PER_ADDRESS (--guest-registrations-per-address) must be at least 1")
	case t.PerEvent < 1:
		return configErrorf("CONVENE_GUEST_REGISTRATIONS_PER_EVENT (--guest-registrations-per-event) must be at least 1")
	}
	return cfg.Mail.validate(cfg.BaseURL)
}

func checkDatabaseURL(dsn string) error {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		if _, err := url.Parse(dsn); err != nil {
			return configErrorf("DATABASE_URL is not a valid URL: %v", errors.Unwrap(err))
		}
		return nil
	}
	if !strings.Contains(dsn, "=") {
		return configErrorf("DATABASE_URL: want postgres://user:password@host/dbname or key=value settings")
	}
	return nil
}

// localAddr turns a listen address into one a browser on this machine can use.
func localAddr(addr string) string {
	host, port, _ := net.SplitHostPort(addr)
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

func envOr(getenv func(string) string, name, fallback string) string {
	if v := getenv(name); v != "" {
		return v
	}
	return fallback
}
