package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/lib/pq"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
)

// CommandLine is the actor of `convene export`: whoever can run it can
// read the database already, so it may export any hub; its exports are
// audit-logged without a person.
var CommandLine = &hub.Actor{Admin: true, Person: &hub.Person{Name: "command line"}}

// ExportRequest asks for a dataset of some hubs over a period.
type ExportRequest struct {
	// Dataset is events.FeedbackDataset or events.AttendanceDataset.
	Dataset events.Dataset
	// HubIDs are the hubs whose events are exported.
	HubIDs []int64
	// From and To bound the period: events starting at or after From,
	// before To.
	From, To time.Time
	// Format is the file format, for the audit log.
	Format events.ExportFormat
}

// Validate checks the request.
func (r ExportRequest) Validate() error {
	var f hub.FieldErrors
	if _, ok := events.DatasetNamed(r.Dataset.Name); !ok {
		f.Add("dataset", "Choose feedback or attendance")
	}
	if !r.Format.Valid() {
		f.Add("format", "Choose csv, excel.csv, xlsx or jsonl")
	}
	if len(r.HubIDs) == 0 {
		f.Add("hub", "Choose at least one hub")
	}
	if !r.From.IsZero() && !r.To.IsZero() && !r.To.After(r.From) {
		f.Add("to", "The period must end after it starts")
	}
	return f.Err()
}

// Export streams a pseudonymised dataset to w, row by row from the
// database cursor: memory stays constant whatever the number of rows, and
// when ctx ends (the client went away) the query is cancelled. It checks
// that the actor may read every hub's report and writes the export to the
// audit log (who, when, what filter) before the first row. It returns the
// number of rows written; w is not closed.
func (db *DB) Export(ctx context.Context, a *hub.Actor, req ExportRequest, p *events.Pseudonymiser, w events.RowWriter) (int, error) {
	if err := req.Validate(); err != nil {
		return 0, err
	}
	if !hub.CanReadReports(a, req.HubIDs) {
		return 0, &hub.Error{Code: hub.EForbidden, Message: "Only the hub’s evaluators and coordinators can export its data."}
	}
	from, to := req.From, req.To
	if from.IsZero() {
		from = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if to.IsZero() {
		to = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	var by *int64
	if id := a.PersonID(); id != 0 {
		by = &id
	}
	details := map[string]any{"dataset": req.Dataset.Name, "format": string(req.Format), "hubs": req.HubIDs,
		"from": req.From, "to": req.To}
	for _, h := range req.HubIDs {
		if err := db.Audit(ctx, Entry{PersonID: by, HubID: &h, Action: "export." + req.Dataset.Name, Details: details}); err != nil {
			return 0, err
		}
	}
	query := exportFeedbackSQL
	if req.Dataset.Name == events.AttendanceDataset.Name {
		query = exportAttendanceSQL
	}
	rows, err := db.x.QueryContext(ctx, query, pq.Int64Array(req.HubIDs), from, to)
	if err != nil {
		return 0, fmt.Errorf("export %s: %w", req.Dataset.Name, err)
	}
	defer rows.Close()
	n, err := writeExportRows(rows, req.Dataset, p, w)
	if err != nil {
		return n, fmt.Errorf("export %s: %w", req.Dataset.Name, err)
	}
	return n, nil
}

// exportBatch is how many rows the reading goroutine hands over at once.
const exportBatch = 512

// exportRow is one row as read: who it is about (for the pseudonym, never
// written) and the dataset's other columns.
type exportRow struct {
	personID   *int64
	guestEmail string
	regID      int64
	values     []any
}

// writeExportRows reads rows in one goroutine and writes them in this
// one, so that reading from the database (lib/pq decoding, scanning) and
// making pseudonyms and file rows run side by side on two cores. Batches
// go round between the two, so memory stays constant; the first three
// columns identify the respondent, for the pseudonym, and never leave
// this function.
func writeExportRows(rows *sql.Rows, ds events.Dataset, p *events.Pseudonymiser, w events.RowWriter) (int, error) {
	width := len(ds.Columns) - 1 // the pseudonym is made here
	full := make(chan []exportRow, 2)
	free := make(chan []exportRow, 3)
	for range 3 {
		b := make([]exportRow, exportBatch)
		for i := range b {
			b[i].values = make([]any, width)
		}
		free <- b[:0]
	}
	stop := make(chan struct{})
	readErr := make(chan error, 1)
	go func() {
		defer close(full)
		readErr <- readExportRows(rows, ds, full, free, stop)
	}()
	out := make([]any, len(ds.Columns))
	n := 0
	var werr error
	for batch := range full {
		if werr == nil {
			for i := range batch {
				r := &batch[i]
				out[0] = p.Respondent(r.personID, r.guestEmail, r.regID)
				copy(out[1:], r.values)
				if werr = w.WriteRow(out); werr != nil {
					close(stop) // the reader stops at its next batch
					break
				}
				n++
			}
		}
		free <- batch[:0]
	}
	if err := <-readErr; err != nil && werr == nil {
		return n, err
	}
	return n, werr
}

// readExportRows scans rows into batches taken from free and sends each
// full one on full, until the rows end or stop is closed.
func readExportRows(rows *sql.Rows, ds events.Dataset, full chan<- []exportRow, free <-chan []exportRow, stop <-chan struct{}) error {
	var (
		personID   sql.NullInt64
		guestEmail string
		regID      int64
	)
	width := len(ds.Columns) - 1
	dest := make([]any, 3+width)
	dest[0], dest[1], dest[2] = &personID, &guestEmail, &regID
	for i, c := range ds.Columns[1:] {
		switch c.Kind {
		case events.IntColumn:
			dest[3+i] = new(sql.NullInt64)
		case events.BoolColumn:
			dest[3+i] = new(bool)
		case events.TimeColumn:
			dest[3+i] = new(sql.NullTime)
		default:
			dest[3+i] = new(string)
		}
	}
	batch := <-free
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		batch = batch[:len(batch)+1]
		r := &batch[len(batch)-1]
		r.personID = nil
		if personID.Valid {
			id := personID.Int64
			r.personID = &id
		}
		r.guestEmail, r.regID = guestEmail, regID
		for i := range width {
			switch v := dest[3+i].(type) {
			case *sql.NullInt64:
				r.values[i] = nil
				if v.Valid {
					r.values[i] = v.Int64
				}
			case *bool:
				r.values[i] = *v
			case *sql.NullTime:
				r.values[i] = nil
				if v.Valid {
					r.values[i] = v.Time
				}
			case *string:
				r.values[i] = *v
			}
		}
		if len(batch) == cap(batch) {
			select {
			case full <- batch:
			case <-stop:
				return nil
			}
			select {
			case batch = <-free:
			case <-stop:
				return nil
			}
		}
	}
	if len(batch) > 0 {
		select {
		case full <- batch:
		case <-stop:
		}
	}
	return rows.Err()
}

// exportFeedbackSQL selects the feedback dataset after three identifying
// columns. Free text only with consent; the attendee role only when at
// least 5 respondents to the event share it.
const exportFeedbackSQL = `
SELECT r.person_id, r.guest_email, r.id,
	h.slug, e.id, e.title, e.starts_at,
	CASE WHEN count(*) OVER (PARTITION BY f.event_id, r.attendee_role) >= 5 THEN r.attendee_role ELSE 'withheld' END,
	f.usefulness, f.networking_value, f.new_connections, f.will_follow_up,
	coalesce((SELECT string_agg(DISTINCT a.kind, ';') FROM feedback_agenda_items fa JOIN agenda_items a ON a.id = fa.agenda_item_id
		WHERE fa.feedback_id = f.id), ''),
	f.consent_to_quote,
	CASE WHEN f.consent_to_quote THEN f.what_worked ELSE '' END,
	CASE WHEN f.consent_to_quote THEN f.to_improve ELSE '' END,
	CASE WHEN f.consent_to_quote THEN array_to_string(f.topics_next, '; ') ELSE '' END,
	f.submitted_at
FROM feedback f
JOIN registrations r ON r.id = f.registration_id
JOIN events e ON e.id = f.event_id
JOIN hubs h ON h.id = e.hub_id
WHERE e.hub_id = ANY($1) AND e.starts_at >= $2 AND e.starts_at < $3
ORDER BY e.starts_at, e.id, f.id`

// exportAttendanceSQL selects the attendance dataset likewise: role and
// organisation kind only when at least 5 people at the event share them.
const exportAttendanceSQL = `
SELECT r.person_id, r.guest_email, r.id,
	h.slug, e.id, e.title, e.starts_at,
	CASE WHEN count(*) OVER (PARTITION BY e.id, r.attendee_role) >= 5 THEN r.attendee_role ELSE 'withheld' END,
	CASE WHEN count(*) OVER (PARTITION BY e.id, o.kind) >= 5 THEN coalesce(o.kind, 'none') ELSE 'withheld' END,
	r.status, r.attended_at IS NOT NULL,
	r.attended_at IS NOT NULL AND (r.status = 'waitlisted' OR r.created_at >= e.starts_at),
	EXISTS (SELECT 1 FROM feedback f WHERE f.registration_id = r.id)
FROM registrations r
JOIN events e ON e.id = r.event_id
JOIN hubs h ON h.id = e.hub_id
LEFT JOIN LATERAL (
	SELECT o.kind FROM affiliations af JOIN organisations o ON o.id = af.organisation_id
	WHERE af.person_id = r.person_id ORDER BY af.created_at, o.id LIMIT 1) o ON true
WHERE e.hub_id = ANY($1) AND e.starts_at >= $2 AND e.starts_at < $3 AND e.status = 'published' AND r.status <> 'cancelled'
ORDER BY e.starts_at, e.id, r.id`

// ExportQuery is the query of an export with its filter written in, for
// comparing Convene's export with `psql -c "\copy (…) to stdout with csv"`
// in the benchmark.
func ExportQuery(ds events.Dataset, hubIDs []int64, from, to time.Time) string {
	query := exportFeedbackSQL
	if ds.Name == events.AttendanceDataset.Name {
		query = exportAttendanceSQL
	}
	ids := pq.Int64Array(hubIDs)
	v, _ := ids.Value()
	r := strings.NewReplacer("$1", pq.QuoteLiteral(v.(string))+"::bigint[]", "$2", pq.QuoteLiteral(from.UTC().Format(time.RFC3339))+"::timestamptz",
		"$3", pq.QuoteLiteral(to.UTC().Format(time.RFC3339))+"::timestamptz")
	return r.Replace(query)
}
