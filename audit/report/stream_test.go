package report_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/audit/report"
)

// offerReports audits every offer fixture and adds a source that failed,
// whose name and error need CSV quoting.
func offerReports(t *testing.T) []*audit.Report {
	t.Helper()
	set := builtin(t)
	fixtures, _ := filepath.Glob("../../testdata/offers/*")
	if len(fixtures) == 0 {
		t.Fatal("no fixtures")
	}
	var reports []*audit.Report
	for _, path := range fixtures {
		reports = append(reports, auditFixture(t, set, path))
	}
	bad := `https://example.com/terms?v="2",fr`
	return append(reports, audit.Failed(bad, errors.New(bad+": HTTP 404 Not Found")))
}

// TestStreamGolden compares the CSV report of every offer fixture, and the
// JSON Lines of a fair offer and a failed source, with testdata/golden; run
// with -update after an intended change. (TestJSONLMatchesJSON ties every
// JSON Lines document to the golden-tested JSON report.)
func TestStreamGolden(t *testing.T) {
	reports := offerReports(t)
	var csvOut, jsonl bytes.Buffer
	if err := report.CSV(&csvOut, reports); err != nil {
		t.Fatal(err)
	}
	fair := auditFixture(t, builtin(t), "../../testdata/offers/referral-fair-en.md")
	few := []*audit.Report{fair, reports[len(reports)-1]}
	if err := report.JSONL(&jsonl, few, report.Tool{Name: "fineprint", Version: "test"}); err != nil {
		t.Fatal(err)
	}
	compareGolden(t, "offers.csv", csvOut.Bytes())
	compareGolden(t, "offers.jsonl", jsonl.Bytes())
}

// TestCSVRows: a spreadsheet reads back one row per document, with the
// severity counts and the riskiest categories, and the failed source's
// name and error intact despite its quotes and commas.
func TestCSVRows(t *testing.T) {
	reports := offerReports(t)
	var out bytes.Buffer
	if err := report.CSV(&out, reports); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v", err)
	}
	if len(rows) != len(reports)+1 {
		t.Fatalf("got %d rows, want a header and %d documents", len(rows), len(reports))
	}
	if got := strings.Join(rows[0], ","); got != "source,grade,score,risk_points,critical,high,medium,low,top_categories,error" {
		t.Errorf("header = %s", got)
	}
	for i, r := range reports {
		row := rows[i+1]
		if row[0] != r.Source {
			t.Errorf("row %d source = %q, want %q", i+1, row[0], r.Source)
		}
		if r.Error != nil {
			if row[9] != *r.Error || row[1] != "" {
				t.Errorf("failed row = %q, want only the source and its error", row)
			}
			continue
		}
		if row[1] != r.Grade || row[9] != "" {
			t.Errorf("row %d = %q, want grade %s and no error", i+1, row, r.Grade)
		}
		if n := len(strings.Split(row[8], ";")); len(r.Findings) > 0 && (n < 1 || n > 3) {
			t.Errorf("row %d top categories %q: want 1 to 3", i+1, row[8])
		}
	}
}

// TestCSVTopCategories: the riskiest category comes first; ties go to the
// category with more findings, then by name; only three are named.
func TestCSVTopCategories(t *testing.T) {
	r := &audit.Report{Source: "a.md", Grade: "D", Findings: []audit.Finding{
		{Category: "liability", Severity: "medium", Points: 4},
		{Category: "image-rights", Severity: "critical", Points: 40},
		{Category: "arbitration", Severity: "high", Points: 4},
		{Category: "arbitration", Severity: "low", Points: 0},
		{Category: "consent", Severity: "medium", Points: 2},
	}}
	var out bytes.Buffer
	if err := report.CSV(&out, []*audit.Report{r}); err != nil {
		t.Fatal(err)
	}
	rows, _ := csv.NewReader(&out).ReadAll()
	want := []string{"a.md", "D", "0", "0", "1", "1", "2", "1", "image-rights;arbitration;liability", ""}
	if strings.Join(rows[1], "|") != strings.Join(want, "|") {
		t.Errorf("row = %q\nwant  %q", rows[1], want)
	}
}

// TestJSONLMatchesJSON: each line is a complete fineprint/report/v1 object
// holding the same document as the matching entry of the JSON report.
func TestJSONLMatchesJSON(t *testing.T) {
	reports := offerReports(t)
	tool := report.Tool{Name: "fineprint", Version: "test"}
	var js, jsonl bytes.Buffer
	if err := report.JSON(&js, reports, tool); err != nil {
		t.Fatal(err)
	}
	if err := report.JSONL(&jsonl, reports, tool); err != nil {
		t.Fatal(err)
	}
	type doc struct {
		Schema    string            `json:"schema"`
		Tool      report.Tool       `json:"tool"`
		Documents []json.RawMessage `json:"documents"`
	}
	var whole doc
	if err := json.Unmarshal(js.Bytes(), &whole); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(jsonl.String(), "\n"), "\n")
	if len(lines) != len(reports) {
		t.Fatalf("got %d lines, want %d", len(lines), len(reports))
	}
	for i, line := range lines {
		var one doc
		if err := json.Unmarshal([]byte(line), &one); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if one.Schema != report.Schema || one.Tool != tool || len(one.Documents) != 1 {
			t.Fatalf("line %d: want schema, tool and one document, got %s", i+1, line)
		}
		if !jsonEqual(t, one.Documents[0], whole.Documents[i]) {
			t.Errorf("line %d differs from documents[%d] of the JSON report", i+1, i)
		}
	}
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y bytes.Buffer
	if err := json.Compact(&x, a); err != nil {
		t.Fatal(err)
	}
	if err := json.Compact(&y, b); err != nil {
		t.Fatal(err)
	}
	return bytes.Equal(x.Bytes(), y.Bytes())
}
