package events

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// RowWriter writes the rows of one dataset to a file as they come, so
// that an export of any size takes constant memory. A row holds one value
// per column: string, int64, bool, time.Time or nil (empty).
type RowWriter interface {
	WriteRow(values []any) error
	// Close finishes the file; nothing is complete before it.
	Close() error
}

// NewRowWriter starts a file of ds in format f on w.
func NewRowWriter(w io.Writer, ds Dataset, f ExportFormat) (RowWriter, error) {
	switch f {
	case FormatCSV, FormatCSVExcel:
		return newCSVWriter(w, ds, f == FormatCSVExcel)
	case FormatJSONL:
		return &jsonlWriter{w: bufio.NewWriterSize(w, 64<<10), ds: ds}, nil
	case FormatXLSX:
		return newXLSXWriter(w, ds)
	}
	return nil, fmt.Errorf("unknown export format %q", f)
}

// cellText is a value as text in a spreadsheet cell, made safe.
func cellText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return SpreadsheetSafe(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case int:
		return strconv.Itoa(v)
	case bool:
		return strconv.FormatBool(v)
	case time.Time:
		return ExportTime(v)
	}
	return SpreadsheetSafe(fmt.Sprint(v))
}

type csvWriter struct {
	w   *csv.Writer
	buf []string
}

func newCSVWriter(w io.Writer, ds Dataset, excel bool) (*csvWriter, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	if excel {
		if _, err := bw.WriteString("\uFEFF"); err != nil {
			return nil, err
		}
	}
	cw := &csvWriter{w: csv.NewWriter(bw), buf: make([]string, len(ds.Columns))}
	cw.w.UseCRLF = excel
	for i, c := range ds.Columns {
		cw.buf[i] = c.Name
	}
	return cw, cw.w.Write(cw.buf)
}

func (c *csvWriter) WriteRow(values []any) error {
	for i, v := range values {
		c.buf[i] = cellText(v)
	}
	return c.w.Write(c.buf)
}

func (c *csvWriter) Close() error {
	c.w.Flush()
	return c.w.Error()
}

// jsonlWriter writes one JSON object per line, with the dataset's column
// names as keys, in column order. Text is written as it is: JSON is not
// read as formulas.
type jsonlWriter struct {
	w  *bufio.Writer
	ds Dataset
}

func (j *jsonlWriter) WriteRow(values []any) error {
	j.w.WriteByte('{')
	for i, v := range values {
		if i > 0 {
			j.w.WriteByte(',')
		}
		name, _ := json.Marshal(j.ds.Columns[i].Name)
		j.w.Write(name)
		j.w.WriteByte(':')
		if t, ok := v.(time.Time); ok {
			v = ExportTime(t)
		}
		data, err := json.Marshal(v)
		if err != nil {
			return err
		}
		j.w.Write(data)
	}
	j.w.WriteString("}\n")
	return nil
}

func (j *jsonlWriter) Close() error { return j.w.Flush() }

// xlsxWriter streams rows into a workbook with one sheet for the dataset
// and one describing its columns. excelize's stream writer keeps rows on a
// temporary file past a few megabytes, so memory stays bounded; the file
// goes to w at Close.
type xlsxWriter struct {
	out  io.Writer
	ds   Dataset
	f    *excelize.File
	sw   *excelize.StreamWriter
	row  int
	vals []any
}

func newXLSXWriter(w io.Writer, ds Dataset) (*xlsxWriter, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", ds.Name); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(ds.Name)
	if err != nil {
		return nil, err
	}
	x := &xlsxWriter{out: w, ds: ds, f: f, sw: sw, row: 1, vals: make([]any, len(ds.Columns))}
	for i, c := range ds.Columns {
		x.vals[i] = c.Name
	}
	return x, x.next()
}

func (x *xlsxWriter) next() error {
	cell, err := excelize.CoordinatesToCellName(1, x.row)
	if err != nil {
		return err
	}
	x.row++
	return x.sw.SetRow(cell, x.vals)
}

func (x *xlsxWriter) WriteRow(values []any) error {
	for i, v := range values {
		switch v := v.(type) {
		case int64, int, bool:
			x.vals[i] = v
		case nil:
			x.vals[i] = nil
		default:
			// Text cells, never formulas; made safe as in CSV too, so
			// that editing a cell does not turn it into one.
			x.vals[i] = cellText(v)
		}
	}
	return x.next()
}

func (x *xlsxWriter) Close() error {
	defer x.f.Close()
	if err := x.sw.Flush(); err != nil {
		return err
	}
	if _, err := x.f.NewSheet("columns"); err != nil {
		return err
	}
	rows := [][]any{{"column", "description"}}
	for _, c := range x.ds.Columns {
		rows = append(rows, []any{c.Name, c.Description})
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.f.SetSheetRow("columns", cell, &r); err != nil {
			return err
		}
	}
	_, err := x.f.WriteTo(x.out)
	return err
}
