package api

import (
	"fmt"
	"strings"

	"github.com/convene/convene/cmd/convene/web"

	"github.com/labstack/echo/v4"

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
	a := web.ActorOf(c)
	req := storage.ExportRequest{Dataset: ds, HubIDs: []int64{h.ID}, From: from, To: to, Format: format}
	if err := req.Validate(); err != nil {
		return err
	}
	if !hub.CanReadReport(a, h.ID) {
		return web.Forbidden("Only the hub’s evaluators and coordinators can export its data.")
	}
	key, err := s.DB.PseudonymKey(ctx, s.Config.PseudonymKey)
	if err != nil {
		return err
	}
	resp := c.Response()
	ext := string(format)
	if format == events.FormatCSVExcel {
		ext = "csv"
	}
	resp.Header().Set(echo.HeaderContentType, format.ContentType())
	resp.Header().Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s-%s-%s-%s.%s"`,
		h.Slug, ds.Name, from.Format("20060102"), to.AddDate(0, 0, -1).Format("20060102"), ext))
	resp.Header().Set("Cache-Control", "no-store")
	w, err := events.NewRowWriter(resp, ds, format)
	if err != nil {
		return err
	}
	if _, err := s.DB.Export(ctx, a, req, events.NewPseudonymiser(key), w); err != nil {
		if resp.Committed {
			// Part of the file has gone: all that can be done is to stop.
			s.Log.Warn("export stopped", "err", err, "hub", h.Slug, "dataset", ds.Name)
			return nil
		}
		return err
	}
	return w.Close()
}
