package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"text/tabwriter"

	"github.com/convene/convene/storage"
)

// runMail looks at the outbox: convene mail list [--status S] [--to ADDR].
func runMail(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "list" {
		return configErrorf("usage: convene mail list [--status queued|sent|kept|failed|skipped] [--to ADDRESS] [--limit N]")
	}
	fs := flag.NewFlagSet("mail list", flag.ContinueOnError)
	cfg.databaseFlags(fs)
	status := fs.String("status", "", "only messages with this status: queued, sent, kept, failed or skipped")
	to := fs.String("to", "", "only messages to addresses containing this")
	limit := fs.Int("limit", 50, "how many, newest first (at most 500)")
	if err := parseFlags(fs, args[1:], stderr, "mail list [--status S] [--to ADDRESS] [--limit N]"); err != nil {
		return err
	}
	if *limit < 1 || *limit > 500 {
		return configErrorf("--limit %d: want a whole number from 1 to 500", *limit)
	}
	return withDatabase(ctx, &cfg, stderr, func(db *storage.DB, _ *slog.Logger) error {
		list, counts, err := db.ListMail(ctx, storage.MailFilter{Status: *status, To: *to, Limit: *limit})
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "ID\tQUEUED\tSTATUS\tTO\tSUBJECT")
		for _, m := range list {
			subject := m.Subject
			if subject == "" {
				subject = "(" + m.Kind.Label() + ")"
			}
			fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\n", m.ID, m.CreatedAt.Format("2006-01-02 15:04"), m.Status, m.ToEmail, subject)
		}
		if err := w.Flush(); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "\n%d queued, %d sent, %d kept, %d failed, %d skipped\n",
			counts[storage.MailQueued], counts[storage.MailSent], counts[storage.MailKept], counts[storage.MailFailed], counts[storage.MailSkipped])
		return nil
	})
}
