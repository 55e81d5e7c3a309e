package events

import (
	"strings"
	"time"
)

// Export datasets: pseudonymised rows for evaluators, one per response or
// registration. They never hold a name, an email, an access need, a
// manage token, or free text given without consent to quote.

// ColumnKind is how a column's values are written.
type ColumnKind int

// Column kinds.
const (
	TextColumn ColumnKind = iota
	IntColumn
	BoolColumn
	TimeColumn
)

// Column is one column of a dataset, described in the export.
type Column struct {
	Name        string
	Kind        ColumnKind
	Description string
}

// Dataset is the shape of one export.
type Dataset struct {
	// Name is the dataset's name: feedback or attendance.
	Name string
	// Columns in order.
	Columns []Column
}

// The datasets.
var (
	FeedbackDataset = Dataset{Name: "feedback", Columns: []Column{
		{"respondent", TextColumn, "Pseudonym of the person: the same person has the same pseudonym in every export of this deployment; it cannot be traced back without the deployment's secret key."},
		{"hub", TextColumn, "The hub that ran the event (its slug)."},
		{"event_id", IntColumn, "The event's id in Convene."},
		{"event_title", TextColumn, "The event's title."},
		{"event_starts_at", TimeColumn, "When the event started (UTC, ISO 8601)."},
		{"attendee_role", TextColumn, "The capacity in which they attended; \"withheld\" when fewer than 5 respondents to the event share it."},
		{"usefulness", IntColumn, "How useful the event was, 1 (not at all) to 5 (very)."},
		{"networking_value", IntColumn, "How valuable meeting the others was, 1 to 5."},
		{"new_connections", IntColumn, "New useful contacts made."},
		{"will_follow_up", BoolColumn, "Whether they will follow up with someone they met."},
		{"most_useful_agenda_kinds", TextColumn, "Kinds of the agenda items they found most useful, separated by semicolons."},
		{"consent_to_quote", BoolColumn, "Whether they agreed to be quoted anonymously; the three text columns are empty without it."},
		{"what_worked", TextColumn, "What worked, in their words (only with consent to quote)."},
		{"to_improve", TextColumn, "What to improve, in their words (only with consent to quote)."},
		{"topics_next", TextColumn, "Topics they would like next, separated by semicolons (only with consent to quote)."},
		{"submitted_at", TimeColumn, "When the response was first given (UTC, ISO 8601)."},
	}}
	AttendanceDataset = Dataset{Name: "attendance", Columns: []Column{
		{"attendee", TextColumn, "Pseudonym of the person, the same as respondent in the feedback export."},
		{"hub", TextColumn, "The hub that ran the event (its slug)."},
		{"event_id", IntColumn, "The event's id in Convene."},
		{"event_title", TextColumn, "The event's title."},
		{"event_starts_at", TimeColumn, "When the event started (UTC, ISO 8601)."},
		{"attendee_role", TextColumn, "The capacity in which they registered; \"withheld\" when fewer than 5 people at the event share it."},
		{"organisation_kind", TextColumn, "Kind of their organisation (none for guests); \"withheld\" when fewer than 5 people at the event share it."},
		{"status", TextColumn, "registered or waitlisted (cancelled registrations are left out)."},
		{"attended", BoolColumn, "Whether they were checked in."},
		{"walk_in", BoolColumn, "Whether they were let in at the door without having booked."},
		{"gave_feedback", BoolColumn, "Whether they gave feedback."},
	}}
)

// DatasetNamed returns the dataset called name.
func DatasetNamed(name string) (Dataset, bool) {
	switch name {
	case FeedbackDataset.Name:
		return FeedbackDataset, true
	case AttendanceDataset.Name:
		return AttendanceDataset, true
	}
	return Dataset{}, false
}

// ExportFormat is a file format of exports.
type ExportFormat string

// The export formats.
const (
	FormatCSV      ExportFormat = "csv"
	FormatCSVExcel ExportFormat = "excel.csv" // UTF-8 with a byte-order mark and CRLF, for Excel
	FormatXLSX     ExportFormat = "xlsx"
	FormatJSONL    ExportFormat = "jsonl"
)

// Valid reports whether f is a known format.
func (f ExportFormat) Valid() bool {
	return f == FormatCSV || f == FormatCSVExcel || f == FormatXLSX || f == FormatJSONL
}

// ContentType is the media type of files in format f.
func (f ExportFormat) ContentType() string {
	switch f {
	case FormatXLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case FormatJSONL:
		return "application/jsonl; charset=utf-8"
	}
	return "text/csv; charset=utf-8"
}

// SpreadsheetSafe makes text safe to open in a spreadsheet: text that
// Excel or LibreOffice would read as a formula (beginning with =, +, -, @,
// a tab or a carriage return) is prefixed with a single quote (OWASP
// "CSV injection").
func SpreadsheetSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// ExportTime is how times are written in exports: UTC, ISO 8601.
func ExportTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }
