package api

import (
	"fmt"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// exportFile reads a file name such as feedback.csv or
// attendance.excel.csv into its dataset and format.
func exportFile(name string) (events.Dataset, events.ExportFormat, error) {
	base, ext, _ := strings.Cut(name, ".")
	ds, ok := events.DatasetNamed(base)
	if !ok {
		return ds, "", &hub.Error{Code: hub.ENotFound, Message: "There is no such export: choose feedback or attendance."}
	}
	f := events.ExportFormat(ext)
	if !f.Valid() {
		return ds, "", hub.FieldError("format", "Choose a format: csv, excel.csv, xlsx or jsonl")
	}
	return ds, f, nil
}

// Export streams a hub's pseudonymised feedback or attendance over a
// period (?from=&to=) as CSV, CSV for Excel, XLSX or JSON Lines. Rows go
// from the database to the client as they are read; a client that goes
// away cancels the query.
func (s *Handler) Export(c echo.Context) error {
	ds, format, err := exportFile(c.Param("file"))
	if err != nil {
		return err
	}
	h, loc, err := s.ReportHub(c)
	if err != nil {
		return err
	}
	from, to, err := web.ReportPeriod(c, loc)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	key, err := s.DB.PseudonymKey(ctx, s.Config.PseudonymKey)
	if err != nil {
		return err
	}
	req := storage.ExportRequest{Dataset: ds, HubIDs: []int64{h.ID}, From: from, To: to, Format: format}
	resp := c.Response()
	// The file starts only once the operation has checked the request and
	// the actor and has written its audit entry; until then an error is
	// answered as any other.
	w := &startOnWrite{start: func() (events.RowWriter, error) {
		ext := string(format)
		if format == events.FormatCSVExcel {
			ext = "csv"
		}
		resp.Header().Set(echo.HeaderContentType, format.ContentType())
		resp.Header().Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s-%s-%s-%s.%s"`,
			h.Slug, ds.Name, from.Format("20060102"), to.AddDate(0, 0, -1).Format("20060102"), ext))
		resp.Header().Set("Cache-Control", "no-store")
		return events.NewRowWriter(resp, ds, format)
	}}
	if _, err := s.DB.Export(ctx, web.ActorOf(c), req, events.NewPseudonymiser(key), w); err != nil {
		if resp.Committed {
			// Part of the file has gone: all that can be done is to stop.
			s.Log.Warn("export stopped", "err", err, "hub", h.Slug, "dataset", ds.Name)
			return nil
		}
		return err
	}
	return w.Close()
}

// startOnWrite is a RowWriter that starts the real one at its first row,
// or at Close for a file with no rows.
type startOnWrite struct {
	start func() (events.RowWriter, error)
	w     events.RowWriter
}

func (s *startOnWrite) open() error {
	if s.w != nil {
		return nil
	}
	var err error
	s.w, err = s.start()
	return err
}

// WriteRow starts the file if need be and writes one row.
func (s *startOnWrite) WriteRow(values []any) error {
	if err := s.open(); err != nil {
		return err
	}
	return s.w.WriteRow(values)
}

// Close starts the file if need be and finishes it.
func (s *startOnWrite) Close() error {
	if err := s.open(); err != nil {
		return err
	}
	return s.w.Close()
}
