// Command convene runs Convene, the platform for regional learning hubs:
// its web server and the tools that look after its database.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	os.Exit(exitCode(err, os.Stderr))
}

// exitCode reports err and chooses the exit status: 2 for bad usage or
// configuration, 1 for anything else.
func exitCode(err error, stderr io.Writer) int {
	var cfgErr *configError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &cfgErr):
		fmt.Fprintln(stderr, "convene:", err)
		return 2
	default:
		fmt.Fprintln(stderr, "convene:", err)
		return 1
	}
}

const usage = `Convene runs regional learning hubs: their organisations, events and feedback.

Usage:
  convene [command] [flags]

Commands:
  serve     run the web server (the default): http://localhost:8080 unless --addr says otherwise.
            With no DATABASE_URL it starts its own PostgreSQL in --data-dir. --demo seeds demo
            data into an empty database.
  migrate   apply pending database migrations and exit (serve also does this at start).
  seed      --demo [--scale N]: add realistic demo hubs, organisations, people and events;
            N multiplies their number for load tests. Seeding twice adds nothing new.
  user      create --email E --name N [--admin] [--password-stdin]: add a person; prints a
            link to set their password unless the password is read from standard input.
            reset-password --email E: print a link for them to set a new password.
  export    feedback|attendance --hub SLUG [--from D] [--to D] --format csv|excel.csv|xlsx|jsonl [-o FILE]
  mail      list [--status S] [--to ADDRESS]: the outbox, newest first (what was sent, kept,
            is waiting or failed).
  healthcheck  [--url URL]: exit 0 if the Convene on this machine is ready, 1 if not
            (for container health checks).
  version   print the version.

Configuration comes from flags and the environment: DATABASE_URL, CONVENE_ADDR,
CONVENE_BASE_URL, CONVENE_DATA_DIR, CONVENE_DEMO, CONVENE_LOG_LEVEL, CONVENE_LOG_FORMAT,
CONVENE_SHUTDOWN_TIMEOUT, CONVENE_TRUSTED_PROXIES, CONVENE_SMTP_URL, CONVENE_MAIL_FROM,
CONVENE_MAIL_RETRY_BASE. Run "convene <command> --help" for a command's flags.
`

// run is the whole program; main and the tests call it.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	command := "serve"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		command, args = args[0], args[1:]
	}
	cfg, err := defaultConfig(getenv)
	if err != nil {
		return err
	}
	switch command {
	case "serve":
		return runServe(ctx, cfg, args, stdout, stderr)
	case "migrate":
		return runMigrate(ctx, cfg, args, stderr)
	case "seed":
		return runSeed(ctx, cfg, args, stdout, stderr)
	case "user":
		return runUser(ctx, cfg, args, stdin, stdout, stderr)
	case "healthcheck":
		return runHealthcheck(ctx, cfg, args, stderr)
	case "export":
		return runExport(ctx, cfg, args, stdout, stderr)
	case "mail":
		return runMail(ctx, cfg, args, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "convene", version)
		return nil
	case "help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return configErrorf("unknown command %q", command)
	}
}

// parseFlags parses a subcommand's flags, printing its help on -h.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer, synopsis string) error {
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: convene %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return configErrorf("%v", err)
	}
	if fs.NArg() > 0 {
		return configErrorf("unexpected argument %q; see convene %s --help", fs.Arg(0), fs.Name())
	}
	return nil
}
