package report

import (
	"cmp"
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/fineprint/fineprint/audit"
)

// csvHeader names the CSV report's columns; severities as in the text report.
var csvHeader = []string{
	"source", "grade", "score", "risk_points",
	"critical", "high", "medium", "low", "top_categories", "error",
}

// topCategories is how many categories the top_categories column names.
const topCategories = 3

// CSVWriter writes one CSV row per report (RFC 4180 quoting), flushed row
// by row. A source that could not be audited has only its source and
// error filled in, so that spreadsheets do not average its blanks as zeros.
type CSVWriter struct {
	w *csv.Writer
}

// NewCSV writes the header row to w and returns a writer for the rows.
func NewCSV(w io.Writer) (*CSVWriter, error) {
	c := &CSVWriter{w: csv.NewWriter(w)}
	return c, c.writeRow(csvHeader)
}

// Write writes the row of one report.
func (c *CSVWriter) Write(r *audit.Report) error {
	return c.writeRow(csvRow(r))
}

func (c *CSVWriter) writeRow(row []string) error {
	if err := c.w.Write(row); err != nil {
		return err
	}
	c.w.Flush()
	return c.w.Error()
}

// CSV writes the reports as a CSV table with a header row.
func CSV(w io.Writer, reports []*audit.Report) error {
	c, err := NewCSV(w)
	if err != nil {
		return err
	}
	for _, r := range reports {
		if err := c.Write(r); err != nil {
			return err
		}
	}
	return nil
}

func csvRow(r *audit.Report) []string {
	if r.Error != nil {
		return []string{r.Source, "", "", "", "", "", "", "", "", *r.Error}
	}
	counts := map[string]int{}
	counted := audit.Counted(r.Findings)
	for _, f := range counted {
		counts[f.Severity]++
	}
	row := []string{r.Source, r.Grade, strconv.Itoa(r.Score), strconv.Itoa(r.RiskPoints)}
	for _, sev := range severities {
		row = append(row, strconv.Itoa(counts[sev]))
	}
	return append(row, strings.Join(riskiestCategories(counted, topCategories), ";"), "")
}

// riskiestCategories names the n categories whose findings weigh most
// (then the most findings, then by name, so the order is stable).
func riskiestCategories(findings []audit.Finding, n int) []string {
	type tally struct {
		name   string
		points float64
		count  int
	}
	byName := map[string]*tally{}
	var all []*tally
	for _, f := range findings {
		t, ok := byName[f.Category]
		if !ok {
			t = &tally{name: f.Category}
			byName[f.Category] = t
			all = append(all, t)
		}
		t.points += f.Points
		t.count++
	}
	slices.SortFunc(all, func(a, b *tally) int {
		return cmp.Or(cmp.Compare(b.points, a.points), cmp.Compare(b.count, a.count), cmp.Compare(a.name, b.name))
	})
	names := make([]string, 0, n)
	for _, t := range all[:min(n, len(all))] {
		names = append(names, t.name)
	}
	return names
}
