package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/convene/convene/events"
	"github.com/convene/convene/storage"
)

// hubList is a repeatable --hub flag.
type hubList []string

func (h *hubList) String() string { return strings.Join(*h, ",") }
func (h *hubList) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*h = append(*h, s)
		}
	}
	return nil
}

// runExport writes a pseudonymised dataset to a file or stdout:
// convene export feedback|attendance --hub SLUG [--from D] [--to D] --format csv|excel.csv|xlsx|jsonl [-o FILE]
func runExport(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	const synopsis = "export feedback|attendance --hub SLUG [--hub SLUG…] [--from YYYY-MM-DD] [--to YYYY-MM-DD] --format csv|excel.csv|xlsx|jsonl [-o FILE]"
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fmt.Fprintln(stderr, "usage: convene "+synopsis)
		return configErrorf("export needs a dataset: feedback or attendance")
	}
	ds, ok := events.DatasetNamed(args[0])
	if !ok {
		return configErrorf("export %q: want feedback or attendance", args[0])
	}
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	cfg.databaseFlags(fs)
	var hubs hubList
	fs.Var(&hubs, "hub", "hub slug; repeat or separate with commas for several")
	fromS := fs.String("from", "", "first day, YYYY-MM-DD (UTC); default: everything")
	toS := fs.String("to", "", "last day, included, YYYY-MM-DD (UTC); default: everything")
	formatS := fs.String("format", "csv", "csv, excel.csv (with a byte-order mark for Excel), xlsx or jsonl")
	out := fs.String("o", "", "file to write; default standard output")
	if err := parseFlags(fs, args[1:], stderr, synopsis); err != nil {
		return err
	}
	format := events.ExportFormat(*formatS)
	if !format.Valid() {
		return configErrorf("--format %q: want csv, excel.csv, xlsx or jsonl", *formatS)
	}
	if len(hubs) == 0 {
		return configErrorf("export needs --hub SLUG")
	}
	var from, to time.Time
	for _, d := range []struct {
		name, v string
		dst     *time.Time
		days    int
	}{{"from", *fromS, &from, 0}, {"to", *toS, &to, 1}} {
		if d.v == "" {
			continue
		}
		t, err := time.Parse("2006-01-02", d.v)
		if err != nil {
			return configErrorf("--%s %q: want a date like 2025-04-01", d.name, d.v)
		}
		*d.dst = t.AddDate(0, 0, d.days)
	}
	if !from.IsZero() && !to.IsZero() && !to.After(from) {
		return configErrorf("--to is before --from")
	}
	return withDatabase(ctx, &cfg, stderr, func(db *storage.DB, log *slog.Logger) error {
		req := storage.ExportRequest{Dataset: ds, From: from, To: to, Format: format}
		for _, slug := range hubs {
			h, err := db.HubBySlug(ctx, slug)
			if err != nil {
				return configErrorf("--hub %q: no such hub", slug)
			}
			req.HubIDs = append(req.HubIDs, h.ID)
		}
		key, err := db.PseudonymKey(ctx, cfg.PseudonymKey)
		if err != nil {
			return err
		}
		dst := stdout
		if *out != "" {
			f, err := os.Create(*out)
			if err != nil {
				return fmt.Errorf("export: %w", err)
			}
			defer f.Close()
			dst = f
		}
		w, err := events.NewRowWriter(dst, ds, format)
		if err != nil {
			return err
		}
		n, err := db.Export(ctx, storage.CommandLine, req, events.NewPseudonymiser(key), w)
		if err != nil {
			return err
		}
		if err := w.Close(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		log.Info("exported", "dataset", ds.Name, "rows", n, "hubs", hubs.String())
		return nil
	})
}
