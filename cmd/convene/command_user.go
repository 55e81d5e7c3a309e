package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// runUser manages accounts from the command line: creating the first
// admin of a fresh install, and making password reset links.
func runUser(ctx context.Context, cfg Config, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return configErrorf("user needs a subcommand: create or reset-password")
	}
	switch args[0] {
	case "create":
		return runUserCreate(ctx, cfg, args[1:], stdin, stdout, stderr)
	case "reset-password":
		return runUserReset(ctx, cfg, args[1:], stdout, stderr)
	}
	return configErrorf("unknown user subcommand %q: want create or reset-password", args[0])
}

func runUserCreate(ctx context.Context, cfg Config, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("user create", flag.ContinueOnError)
	cfg.linkFlags(fs)
	email := fs.String("email", "", "their email address (required)")
	name := fs.String("name", "", "their name (required)")
	isAdmin := fs.Bool("admin", false, "make them a site administrator")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input instead of printing a link")
	if err := parseFlags(fs, args, stderr, "user create --email E --name N [--admin] [--password-stdin]"); err != nil {
		return err
	}
	n := hub.NewPerson{Email: *email, Name: *name}
	n.Normalise()
	if err := n.Validate(); err != nil {
		return configErrorf("%s", fieldList(err))
	}
	var password string
	if *fromStdin {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && err != io.EOF {
			return fmt.Errorf("read password: %w", err)
		}
		password = strings.TrimRight(line, "\r\n")
		var f hub.FieldErrors
		hub.CheckPassword(&f, "password", password)
		if err := f.Err(); err != nil {
			return configErrorf("%s", fieldList(err))
		}
	}
	return withDatabase(ctx, &cfg, stderr, func(db *storage.DB, _ *slog.Logger) error {
		person, link, err := createUser(ctx, db, n, password)
		if err != nil {
			return err
		}
		what := ""
		if *isAdmin {
			if err := db.GrantRole(ctx, hub.System, hub.RoleChange{PersonID: person.ID, Role: hub.RoleAdmin}); err != nil {
				return err
			}
			what = ", a site administrator"
		}
		fmt.Fprintf(stdout, "Created %s <%s>%s (id %d).\n", person.Name, person.Email, what, person.ID)
		if link != "" {
			fmt.Fprintf(stdout, "They set their password at this link, which works once for 7 days:\n%s/set-password/%s\n", cfg.BaseURL, link)
		}
		return nil
	})
}

// createUser makes the account with a password, or invited with a link
// token when password is empty.
func createUser(ctx context.Context, db *storage.DB, n hub.NewPerson, password string) (hub.Person, string, error) {
	if password == "" {
		inv, err := db.InvitePerson(ctx, hub.System, storage.NewInvitation{Person: n})
		return inv.Person, inv.Token, err
	}
	hash, err := hub.HashPassword(password)
	if err != nil {
		return hub.Person{}, "", err
	}
	p, err := db.CreatePerson(ctx, n, hash)
	return p, "", err
}

func runUserReset(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("user reset-password", flag.ContinueOnError)
	cfg.linkFlags(fs)
	email := fs.String("email", "", "their email address (required)")
	if err := parseFlags(fs, args, stderr, "user reset-password --email E"); err != nil {
		return err
	}
	if *email == "" {
		return configErrorf("--email is required")
	}
	return withDatabase(ctx, &cfg, stderr, func(db *storage.DB, _ *slog.Logger) error {
		person, err := db.PersonByEmail(ctx, *email)
		if err != nil {
			return fmt.Errorf("%s: %s", *email, hub.ErrorMessage(err))
		}
		link, err := db.NewPasswordLink(ctx, hub.System, person.ID, nil)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "A link for %s to set a new password (it works once, for a limited time):\n%s/set-password/%s\n", person.Name, cfg.BaseURL, link.Token)
		return nil
	})
}

// fieldList renders a validation error's fields on one line.
func fieldList(err error) string {
	fields := hub.ErrorFields(err)
	if len(fields) == 0 {
		return hub.ErrorMessage(err)
	}
	var parts []string
	for _, name := range []string{"email", "name", "password"} {
		if why, ok := fields[name]; ok {
			parts = append(parts, "--"+name+": "+why)
		}
	}
	return strings.Join(parts, "; ")
}
