package audit_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/fineprint/fineprint/audit"
)

// jsonReport is a fineprint JSON report of the given documents.
func jsonReport(t *testing.T, docs ...*audit.Report) []byte {
	t.Helper()
	data, err := json.Marshal(map[string]any{"schema": audit.ReportSchema, "documents": docs})
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestBaseline(t *testing.T) {
	old := auditFixture(t, "referral-terms.md")
	old.Findings = slices.DeleteFunc(old.Findings, func(f audit.Finding) bool { return f.Rule == "change-reserved" })
	b, err := audit.ReadBaseline("baseline.json", bytes.NewReader(jsonReport(t, old)))
	if err != nil {
		t.Fatal(err)
	}

	r := auditFixture(t, "referral-terms.md")
	audit.Process(r, b)
	want := []string{"consent-not-free@10=inSource", "publicity-use@10=inSource", "mandatory-arbitration@13=baseline", "change-at-will@17=baseline", "change-reserved@17="}
	if got := findingStates(r); !slices.Equal(got, want) {
		t.Errorf("findings:\n got %q\nwant %q", got, want)
	}
	if j := r.Findings[2].Suppressed.Justification; j != "in baseline baseline.json" {
		t.Errorf("justification %q", j)
	}

	other := auditFixture(t, "referral-terms.md")
	other.Source = "elsewhere/referral-terms.md"
	audit.Process(other, b)
	if got := findingStates(other); got[2] != "mandatory-arbitration@13=" {
		t.Errorf("a baseline of another source suppressed %q", got)
	}
}

func TestReadBaselineErrors(t *testing.T) {
	tests := []struct{ data, want string }{
		{`{"schema": "fineprint/report/v0", "documents": []}`, `baseline old.json: schema "fineprint/report/v0", want "fineprint/report/v1" (write it with fineprint audit --format json)`},
		{`source,rule`, `baseline old.json: not a fineprint JSON report: invalid character 's' looking for beginning of value`},
		{``, `baseline old.json: not a fineprint JSON report: EOF`},
	}
	for _, tt := range tests {
		_, err := audit.ReadBaseline("old.json", strings.NewReader(tt.data))
		if err == nil || err.Error() != tt.want {
			t.Errorf("%q: error %v, want %s", tt.data, err, tt.want)
		}
	}
}
