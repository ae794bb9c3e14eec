package report_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/audit/report"
	"github.com/fineprint/fineprint/rules"
)

const (
	reportSchemaPath = "../../schema/report.schema.json"
	sarifSchemaPath  = "../../testdata/sarif-schema-2.1.0.json"
)

// compileSchema reads a JSON Schema from the repository; formats (uri,
// date-time) are asserted, not just annotated.
func compileSchema(t *testing.T, path string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	abs, _ := filepath.Abs(path)
	if err := c.AddResource(abs, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(abs)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return sch
}

// validate checks one JSON document against a schema.
func validate(sch *jsonschema.Schema, data []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

// otherSchema returns the schema a JSON document names, when it names one
// other than fineprint/report/v1 (a diff, say).
func otherSchema(data []byte) string {
	var head struct{ Schema *string }
	if json.Unmarshal(data, &head) != nil || head.Schema == nil || *head.Schema == report.Schema {
		return ""
	}
	return *head.Schema
}

// TestReportSchemaGolden: every golden JSON report, and every line of the
// golden JSON Lines, is a valid fineprint/report/v1 document. (Golden
// files of other formats, which name their own schema, are left alone.)
func TestReportSchemaGolden(t *testing.T) {
	sch := compileSchema(t, reportSchemaPath)
	jsons, _ := filepath.Glob("../../testdata/golden/*.json")
	jsonls, _ := filepath.Glob("../../testdata/golden/*.jsonl")
	if len(jsons) == 0 || len(jsonls) == 0 {
		t.Fatal("no golden JSON reports")
	}
	for _, path := range jsons {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if other := otherSchema(data); other != "" {
			t.Logf("%s: schema %s, not checked here", path, other)
			continue
		}
		if err := validate(sch, data); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
	for _, path := range jsonls {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
			if otherSchema(line) != "" {
				continue
			}
			if err := validate(sch, line); err != nil {
				t.Errorf("%s:%d: %v", path, i+1, err)
			}
		}
	}
}

// TestReportSchemaFresh validates a report written now: every offer, a
// source that failed, and the fields the offers do not use (URL fetch
// details, a PDF page, a suppressed finding, a void signal).
func TestReportSchemaFresh(t *testing.T) {
	sch := compileSchema(t, reportSchemaPath)
	reports := append(offerReports(t), urlPDFReport())
	for _, r := range reports {
		var b bytes.Buffer
		if err := report.JSON(&b, []*audit.Report{r}, report.Tool{Name: "fineprint", Version: "v1.2.3"}); err != nil {
			t.Fatal(err)
		}
		if err := validate(sch, b.Bytes()); err != nil {
			t.Errorf("report of %s: %v\n%s", r.Source, err, b.Bytes())
		}
	}
	var all bytes.Buffer
	if err := report.JSONL(&all, reports, report.Tool{Name: "fineprint"}); err != nil {
		t.Fatal(err)
	}
	for i, line := range bytes.Split(bytes.TrimSpace(all.Bytes()), []byte("\n")) {
		if err := validate(sch, line); err != nil {
			t.Errorf("JSON Lines, line %d: %v", i+1, err)
		}
	}
}

// urlPDFReport is a fetched PDF with one suppressed finding and a void
// signal, both on page 2.
func urlPDFReport() *audit.Report {
	loc := audit.Location{Page: 2, Line: 14, Column: 1, EndLine: 15, Section: "7. Publicity", Offset: 5120}
	f := syntheticFinding("publicity-use", "high", loc)
	f.Suppressed = &audit.Suppression{Kind: audit.SuppressedByBaseline, Justification: "in baseline old.json"}
	return &audit.Report{
		Source: "https://example.com/rules.pdf", FinalURL: "https://www.example.com/rules.pdf",
		FetchedAt: "2024-06-01T10:00:00Z", SHA256: strings.Repeat("ab", 32), Language: "en", Kind: audit.KindOffer,
		Score: 84, Grade: "B", RiskPoints: 10, Findings: []audit.Finding{f},
		Signals: []audit.Signal{{Rule: "signal-consent-withdrawal", Category: "consent", Title: "You can withdraw", Bonus: 3,
			Quote: "You may withdraw your consent at any time.", Location: loc, Void: true}},
	}
}

// TestReportSchemaRejects: the schema is strict enough to catch the
// mistakes a consumer would trip over.
func TestReportSchemaRejects(t *testing.T) {
	sch := compileSchema(t, reportSchemaPath)
	data, err := os.ReadFile("../../testdata/golden/referral-2024-en.json")
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]func(doc, finding map[string]any){
		"unknown field":         func(doc, f map[string]any) { f["confidence"] = 0.9 },
		"missing fingerprint":   func(doc, f map[string]any) { delete(f, "fingerprint") },
		"grade F":               func(doc, f map[string]any) { doc["grade"] = "F" },
		"score above 100":       func(doc, f map[string]any) { doc["score"] = 101 },
		"unknown severity":      func(doc, f map[string]any) { f["severity"] = "severe" },
		"unknown category":      func(doc, f map[string]any) { f["category"] = "vibes" },
		"line as string":        func(doc, f map[string]any) { f["location"].(map[string]any)["line"] = "28" },
		"null findings":         func(doc, f map[string]any) { doc["findings"] = nil },
		"grade with an error":   func(doc, f map[string]any) { doc["error"] = "HTTP 404" },
		"suppression kind":      func(doc, f map[string]any) { f["suppressed"] = map[string]any{"kind": "ignored", "justification": "x"} },
		"fetched_at not a date": func(doc, f map[string]any) { doc["fetched_at"] = "yesterday" },
	}
	for name, mutate := range cases {
		var rep map[string]any
		if err := json.Unmarshal(data, &rep); err != nil {
			t.Fatal(err)
		}
		doc := rep["documents"].([]any)[0].(map[string]any)
		mutate(doc, doc["findings"].([]any)[0].(map[string]any))
		mutated, _ := json.Marshal(rep)
		var verr *jsonschema.ValidationError
		if err := validate(sch, mutated); !errors.As(err, &verr) {
			t.Errorf("%s: schema accepted the report (err %v)", name, err)
		}
	}
}

// TestReportSchemaCategories: the schema lists exactly the rule categories.
func TestReportSchemaCategories(t *testing.T) {
	data, err := os.ReadFile(reportSchemaPath)
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Defs struct {
			Category struct {
				Enum []string `json:"enum"`
			} `json:"category"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(s.Defs.Category.Enum, rules.Categories) {
		t.Errorf("schema categories %v\nwant rules.Categories %v", s.Defs.Category.Enum, rules.Categories)
	}
}
