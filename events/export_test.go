package events

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

var exportRow = []any{"P-ABC", "hub-a", int64(7), "=HYPERLINK(\"http://x\")", time.Date(2025, 3, 4, 10, 0, 0, 0, time.UTC),
	"practitioner", int64(4), int64(5), int64(3), true, "talk;networking", true, "+1 great", "-less talk", "@topic", nil}

func writeAll(tb testing.TB, f ExportFormat, rows ...[]any) []byte {
	tb.Helper()
	var buf bytes.Buffer
	w, err := NewRowWriter(&buf, FeedbackDataset, f)
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range rows {
		if err := w.WriteRow(r); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func TestSpreadsheetSafe(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "+44": "'+44", "-2": "'-2", "@SUM": "'@SUM", "\tx": "'\tx", "\rx": "'\rx", "fine": "fine", "": "", "a=b": "a=b"} {
		if got := SpreadsheetSafe(in); got != want {
			t.Errorf("SpreadsheetSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSVWriter(t *testing.T) {
	data := writeAll(t, FormatCSV, exportRow)
	records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 2 || records[0][0] != "respondent" {
		t.Fatalf("records %q", records)
	}
	row := records[1]
	for i, cell := range row {
		if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
			t.Errorf("cell %d %q would be a formula", i, cell)
		}
	}
	if row[4] != "2025-03-04T10:00:00Z" || row[9] != "true" || row[15] != "" {
		t.Errorf("row %q", row)
	}
	excel := writeAll(t, FormatCSVExcel, exportRow)
	if !bytes.HasPrefix(excel, []byte("\xEF\xBB\xBF")) || !bytes.Contains(excel, []byte("\r\n")) {
		t.Error("the Excel variant has no byte-order mark or CRLF")
	}
}

func TestJSONLWriter(t *testing.T) {
	data := writeAll(t, FormatJSONL, exportRow, exportRow)
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines", len(lines))
	}
	var obj map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &obj); err != nil {
		t.Fatal(err)
	}
	if obj["usefulness"] != 4.0 || obj["what_worked"] != "+1 great" || obj["submitted_at"] != nil || obj["event_starts_at"] != "2025-03-04T10:00:00Z" {
		t.Errorf("object %v", obj)
	}
}

func TestXLSXWriter(t *testing.T) {
	data := writeAll(t, FormatXLSX, exportRow)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "feedback" || got[1] != "columns" {
		t.Errorf("sheets %v", got)
	}
	rows, err := f.GetRows("feedback")
	if err != nil || len(rows) != 2 {
		t.Fatalf("rows %v %v", rows, err)
	}
	csvRows, _ := csv.NewReader(bytes.NewReader(writeAll(t, FormatCSV, exportRow))).ReadAll()
	for i, cell := range rows[1] {
		if want := csvRows[1][i]; cell != want && !(want == "true" && cell == "TRUE") {
			t.Errorf("cell %d = %q, CSV has %q", i, cell, want)
		}
		if formula, _ := f.GetCellFormula("feedback", mustCell(t, i+1, 2)); formula != "" {
			t.Errorf("cell %d is a formula %q", i, formula)
		}
	}
	desc, _ := f.GetRows("columns")
	if len(desc) != len(FeedbackDataset.Columns)+1 {
		t.Errorf("columns sheet has %d rows", len(desc))
	}
}

func mustCell(tb testing.TB, col, row int) string {
	tb.Helper()
	c, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// FuzzCSVCell: whatever text a respondent writes, the CSV cell read back
// never starts as a formula, and keeps the text after the guard.
func FuzzCSVCell(f *testing.F) {
	for _, s := range []string{"=1+1", "+", "-", "@", "\t=", "\r\n=x", "plain", "\"=quoted\"", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		row := make([]any, len(FeedbackDataset.Columns))
		row[12] = s
		records, err := csv.NewReader(bytes.NewReader(writeAll(t, FormatCSV, row))).ReadAll()
		if err != nil {
			t.Fatalf("read back: %v", err)
		}
		cell := records[1][12]
		if cell != "" && strings.ContainsRune("=+-@\t", rune(cell[0])) {
			t.Fatalf("cell %q from %q starts as a formula", cell, s)
		}
		norm := func(x string) string { return strings.ReplaceAll(x, "\r", "") } // the CSV reader folds line ends
		if norm(cell) != norm(s) && norm(cell) != norm("'"+s) {
			t.Fatalf("cell %q from %q", cell, s)
		}
	})
}
