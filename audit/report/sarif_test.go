package report_test

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/audit/report"
	"github.com/fineprint/fineprint/rules"
)

// render runs one report writer into memory.
func render(t *testing.T, write func(io.Writer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// syntheticFinding is a finding as the audit would give it, at loc.
func syntheticFinding(rule, severity string, loc audit.Location) audit.Finding {
	return audit.Finding{
		Rule: rule, Category: "image-rights", Severity: severity, Title: "Your likeness used in advertising",
		Explanation: "Your photo and name can appear in ads.", Legal: []string{"GDPR Art. 6(1)(a)"},
		Fix: "Ask separately.", Quote: "Sponsor may use your photo and name in advertising.", Match: "use your photo",
		Location: loc, Fingerprint: "00112233445566ff",
	}
}

// sarifDoc is the part of a SARIF log the tests read.
type sarifDoc struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Name, InformationURI string
				Rules                []struct {
					ID, Name, HelpURI string
					ShortDescription  struct{ Text string }
					Help              struct{ Text, Markdown string }
					Properties        map[string]any
				}
			}
		}
		Invocations []struct {
			ExecutionSuccessful        bool
			ToolExecutionNotifications []struct {
				Level     string
				Message   struct{ Text string }
				Locations []sarifLoc
			}
		}
		Results []struct {
			RuleID              string
			RuleIndex           int
			Level               string
			Message             struct{ Text string }
			Locations           []sarifLoc
			PartialFingerprints map[string]string
			Suppressions        []struct{ Kind, Status, Justification string }
		}
	}
}

type sarifLoc struct {
	PhysicalLocation struct {
		ArtifactLocation struct{ URI string }
		Region           *struct{ StartLine, StartColumn, EndLine int }
	}
	Message *struct{ Text string }
}

// writeSARIF renders reports, checks the log against the OASIS schema
// and decodes it.
func writeSARIF(t *testing.T, reports []*audit.Report, set *rules.Set, tool report.Tool) sarifDoc {
	t.Helper()
	out := render(t, func(w io.Writer) error { return report.SARIF(w, reports, set, tool) })
	if err := validate(compileSchema(t, sarifSchemaPath), out); err != nil {
		t.Fatalf("SARIF log does not follow the SARIF 2.1.0 schema: %v\n%s", err, out)
	}
	var doc sarifDoc
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(doc.Runs))
	}
	return doc
}

// TestSARIFCodeScanning checks, on every offer and a source that failed,
// what GitHub code scanning relies on beyond the schema: rules described
// with help and a link, results pointing at their rule by index, levels,
// file locations, fingerprints and the failed source as a tool error.
func TestSARIFCodeScanning(t *testing.T) {
	reports := offerReports(t)
	run := writeSARIF(t, reports, builtin(t), report.Tool{Name: "fineprint", Version: "test"}).Runs[0]
	driver := run.Tool.Driver
	if driver.Name != "fineprint" || driver.InformationURI != report.RepositoryURL {
		t.Errorf("driver %q at %q", driver.Name, driver.InformationURI)
	}
	for _, rule := range driver.Rules {
		sev, err := strconv.ParseFloat(rule.Properties["security-severity"].(string), 64)
		if err != nil || sev <= 0 || sev > 10 {
			t.Errorf("%s: security-severity %v", rule.ID, rule.Properties["security-severity"])
		}
		if rule.ShortDescription.Text == "" || !strings.Contains(rule.Help.Text, "Law: ") || !strings.Contains(rule.Help.Markdown, "**Fix:**") {
			t.Errorf("%s: incomplete help %+v", rule.ID, rule.Help)
		}
		if !strings.HasPrefix(rule.HelpURI, report.RepositoryURL+"/blob/main/rules/builtin/") {
			t.Errorf("%s: helpUri %q", rule.ID, rule.HelpURI)
		}
	}
	var want []audit.Finding
	var sources []string
	for _, r := range reports {
		want = append(want, r.Findings...)
		for range r.Findings {
			sources = append(sources, r.Source)
		}
	}
	if len(run.Results) != len(want) {
		t.Fatalf("%d results for %d findings", len(run.Results), len(want))
	}
	levels := map[string]string{"critical": "error", "high": "error", "medium": "warning", "low": "note"}
	for i, res := range run.Results {
		f, loc := want[i], res.Locations[0].PhysicalLocation
		if driver.Rules[res.RuleIndex].ID != res.RuleID || res.RuleID != f.Rule {
			t.Errorf("result %d: rule %s, index %d points at %s", i, res.RuleID, res.RuleIndex, driver.Rules[res.RuleIndex].ID)
		}
		if res.Level != levels[f.Severity] || res.PartialFingerprints["fineprint/v1"] != f.Fingerprint {
			t.Errorf("result %d: level %s for %s, fingerprints %v", i, res.Level, f.Severity, res.PartialFingerprints)
		}
		if loc.ArtifactLocation.URI != sources[i] || loc.Region == nil || loc.Region.StartLine != f.Location.Line || loc.Region.StartColumn != f.Location.Column {
			t.Errorf("result %d: at %s %+v, want %s:%d:%d", i, loc.ArtifactLocation.URI, loc.Region, sources[i], f.Location.Line, f.Location.Column)
		}
		if !strings.HasPrefix(res.Message.Text, f.Title+": “") {
			t.Errorf("result %d: message %q", i, res.Message.Text)
		}
	}
	inv := run.Invocations[0]
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 {
		t.Fatalf("invocation %+v, want one error for the failed source", inv)
	}
	n := inv.ToolExecutionNotifications[0]
	if n.Level != "error" || !strings.Contains(n.Message.Text, "HTTP 404") ||
		n.Locations[0].PhysicalLocation.ArtifactLocation.URI != `https://example.com/terms?v=%222%22,fr` {
		t.Errorf("notification %+v", n)
	}
}

// TestSARIFFingerprintSurvivesLineMove: the same offer with five lines
// added at the top gives the same fingerprints, five lines lower, so code
// scanning keeps tracking the same alerts.
func TestSARIFFingerprintSurvivesLineMove(t *testing.T) {
	set := builtin(t)
	const fixture = "../../testdata/offers/referral-2024-en.html"
	data, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	moved := filepath.Join(t.TempDir(), "offers", filepath.Base(fixture))
	os.MkdirAll(filepath.Dir(moved), 0o755)
	if err := os.WriteFile(moved, append([]byte("\n\n\n\n\n"), data...), 0o644); err != nil {
		t.Fatal(err)
	}
	lines := func(path string) map[string]int {
		run := writeSARIF(t, []*audit.Report{auditFixture(t, set, path)}, set, report.Tool{Name: "fineprint"}).Runs[0]
		at := map[string]int{}
		for _, res := range run.Results {
			at[res.PartialFingerprints["fineprint/v1"]] = res.Locations[0].PhysicalLocation.Region.StartLine
		}
		return at
	}
	before, after := lines(fixture), lines(moved)
	if len(before) == 0 || len(before) != len(after) {
		t.Fatalf("%d fingerprints before, %d after", len(before), len(after))
	}
	for fp, line := range before {
		if after[fp] != line+5 {
			t.Errorf("fingerprint %s: line %d before, %d after (want %d)", fp, line, after[fp], line+5)
		}
	}
}

// TestSARIFLocations: paths become relative or file URIs, URLs stay, a
// PDF finding names its page, and severities map onto levels.
func TestSARIFLocations(t *testing.T) {
	at := func(line int) audit.Location { return audit.Location{Line: line, Column: 3, EndLine: line + 1} }
	reports := []*audit.Report{
		{Source: "./legal/terms of use.md", Language: "en", Grade: "E", Findings: []audit.Finding{
			syntheticFinding("publicity-use", "critical", at(4)), syntheticFinding("perpetual-grant", "low", at(9)),
		}},
		{Source: "/srv/site/privacy.md", Language: "en", Grade: "C", Findings: []audit.Finding{syntheticFinding("data-sale", "medium", at(2))}},
		{Source: "https://example.com/terms#rewards", Language: "en", Grade: "B", Findings: []audit.Finding{syntheticFinding("publicity-use", "high", at(7))}},
		{Source: "rules.pdf", Language: "en", Grade: "B", Findings: []audit.Finding{
			syntheticFinding("publicity-use", "high", audit.Location{Page: 3, Line: 12, Column: 1, EndLine: 12}),
		}},
	}
	run := writeSARIF(t, reports, nil, report.Tool{Name: "fineprint", Version: "v1.2.3"}).Runs[0]
	want := []struct{ uri, level string }{
		{"legal/terms%20of%20use.md", "error"}, {"legal/terms%20of%20use.md", "note"},
		{"file:///srv/site/privacy.md", "warning"}, {"https://example.com/terms#rewards", "error"}, {"rules.pdf", "error"},
	}
	for i, w := range want {
		res := run.Results[i]
		if uri := res.Locations[0].PhysicalLocation.ArtifactLocation.URI; uri != w.uri || res.Level != w.level {
			t.Errorf("result %d: %s %s, want %s %s", i, uri, res.Level, w.uri, w.level)
		}
	}
	if r := run.Results[0].Locations[0].PhysicalLocation.Region; r == nil || r.StartLine != 4 || r.StartColumn != 3 || r.EndLine != 5 {
		t.Errorf("region %+v, want lines 4–5 from column 3", r)
	}
	pdf := run.Results[4].Locations[0]
	if pdf.PhysicalLocation.Region != nil || pdf.Message == nil || pdf.Message.Text != "page 3, line 12" {
		t.Errorf("PDF location %+v, want no region and page 3, line 12", pdf)
	}
	if !run.Invocations[0].ExecutionSuccessful {
		t.Error("run without failed sources marked unsuccessful")
	}
	if len(run.Tool.Driver.Rules) != 3 || run.Tool.Driver.Rules[2].Properties["severity"] != "critical" {
		t.Errorf("rules %+v: want 3, publicity-use at its highest severity in the run", run.Tool.Driver.Rules)
	}
}

// TestSARIFSuppressions: a fineprint-ignore comment is an inSource
// suppression, a configuration waiver or a baseline an external one, each
// with its justification; other findings have none.
func TestSARIFSuppressions(t *testing.T) {
	at := audit.Location{Line: 1, Column: 1, EndLine: 1}
	inline, baseline, open := syntheticFinding("publicity-use", "high", at), syntheticFinding("data-sale", "high", at), syntheticFinding("perpetual-grant", "high", at)
	inline.Suppressed = &audit.Suppression{Kind: audit.SuppressedInSource, Justification: "reviewed by legal, 2024-05"}
	baseline.Suppressed = &audit.Suppression{Kind: audit.SuppressedByBaseline, Justification: "in baseline old.json"}
	r := &audit.Report{Source: "terms.md", Language: "en", Grade: "B", Findings: []audit.Finding{inline, baseline, open}}
	results := writeSARIF(t, []*audit.Report{r}, nil, report.Tool{Name: "fineprint"}).Runs[0].Results
	want := []string{"inSource/accepted/reviewed by legal, 2024-05", "external/accepted/in baseline old.json", ""}
	for i, w := range want {
		got := ""
		for _, s := range results[i].Suppressions {
			got += s.Kind + "/" + s.Status + "/" + s.Justification
		}
		if got != w {
			t.Errorf("result %d (%s): suppressions %q, want %q", i, results[i].RuleID, got, w)
		}
	}
}

// TestSARIFReleaseLinks: a release links its rules at its own tag.
func TestSARIFReleaseLinks(t *testing.T) {
	set := builtin(t)
	r := auditFixture(t, set, "../../testdata/offers/referral-2024-en.html")
	rule := writeSARIF(t, []*audit.Report{r}, set, report.Tool{Name: "fineprint", Version: "v1.4.0"}).Runs[0].Tool.Driver.Rules[0]
	def := set.Rule(rule.ID)
	want := report.RepositoryURL + "/blob/v1.4.0/rules/" + def.File + "#L" + strconv.Itoa(def.Line)
	if rule.HelpURI != want {
		t.Errorf("helpUri %q, want %q", rule.HelpURI, want)
	}
}

// TestSARIFGoldenSchema: the golden SARIF logs follow the SARIF schema.
func TestSARIFGoldenSchema(t *testing.T) {
	sch := compileSchema(t, sarifSchemaPath)
	paths, _ := filepath.Glob("../../testdata/golden/*.sarif")
	if len(paths) == 0 {
		t.Fatal("no golden SARIF logs")
	}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := validate(sch, data); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
}
