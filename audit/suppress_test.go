package audit_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/audit/extract"
	"github.com/fineprint/fineprint/rules"
)

// auditFixture audits a file of testdata/suppress under the name given.
func auditFixture(t *testing.T, name string) *audit.Report {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "suppress", name))
	if err != nil {
		t.Fatal(err)
	}
	set, err := rules.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	format := extract.Sniff(name, "", data)
	clauses, title, err := extract.Extract(data, format)
	if err != nil {
		t.Fatal(err)
	}
	doc := &audit.Document{Source: name, Format: format, Title: title, Clauses: clauses}
	return audit.Audit(context.Background(), doc, set, audit.Options{})
}

// findingStates lists "rule@line=kind" for each finding, "" kind when it
// counts.
func findingStates(r *audit.Report) []string {
	var out []string
	for _, f := range r.Findings {
		kind := ""
		if f.Suppressed != nil {
			kind = f.Suppressed.Kind
		}
		out = append(out, f.Rule+"@"+strconv.Itoa(f.Location.Line)+"="+kind)
	}
	return out
}

func TestInlineSuppression(t *testing.T) {
	tests := []struct {
		file     string
		want     []string
		warnings []string
		reason   string // the justification of the suppressed finding
	}{
		{
			file: "referral-terms.md",
			want: []string{"consent-not-free@10=inSource", "publicity-use@10=inSource", "mandatory-arbitration@13=", "change-at-will@17=", "change-reserved@17="},
			warnings: []string{
				"referral-terms.md:12: fineprint-ignore mandatory-arbitration has no reason, so the finding is not suppressed (write <!-- fineprint-ignore mandatory-arbitration: reason -->)",
			},
			reason: "the publicity grant below is being rewritten by legal (LEG-112) and ships with the next release",
		},
		{
			file: "conditions-parrainage.html",
			want: []string{"change-at-will@12=inSource", "change-reserved@12=", "mandatory-arbitration@15=", "change-at-will@19=", "change-reserved@19="},
			warnings: []string{
				"conditions-parrainage.html:14: fineprint-ignore mandatory-arbitration has no reason, so the finding is not suppressed (write <!-- fineprint-ignore mandatory-arbitration: reason -->)",
			},
			reason: "clause validée par le service juridique ; un préavis de 30 jours est prévu à l'article 7",
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r := auditFixture(t, tt.file)
			if got := findingStates(r); !slices.Equal(got, tt.want) {
				t.Errorf("findings:\n got %q\nwant %q", got, tt.want)
			}
			if !slices.Equal(r.Warnings, tt.warnings) {
				t.Errorf("warnings:\n got %q\nwant %q", r.Warnings, tt.warnings)
			}
			for _, f := range r.Findings {
				if f.Suppressed != nil && f.Suppressed.Justification != tt.reason {
					t.Errorf("justification %q, want %q", f.Suppressed.Justification, tt.reason)
				}
			}
		})
	}
}

// A suppressed finding does not count toward the score: the document
// scores as if the finding were not there.
func TestSuppressedFindingsDoNotCount(t *testing.T) {
	r := auditFixture(t, "referral-terms.md")
	if r.Grade == "D" || r.Grade == "E" {
		t.Fatalf("grade %s: the suppressed critical finding still caps the score", r.Grade)
	}
	for i := range r.Findings {
		r.Findings[i].Suppressed = nil
	}
	suppressedScore := r.Score
	audit.Score(r)
	if r.Score >= suppressedScore || r.Grade != "D" && r.Grade != "E" {
		t.Errorf("unsuppressed: score %d grade %s, want below %d and D or E", r.Score, r.Grade, suppressedScore)
	}
}

func TestWaivers(t *testing.T) {
	r := auditFixture(t, "referral-terms.md")
	before := r.Score
	audit.Process(r, audit.Waivers{
		{Rule: "mandatory-arbitration", Reason: "UK-only programme", Applies: func(src string) bool { return src == "other.md" }},
		{Rule: "change-at-will", Reason: "30 days' notice in the app"},
	})
	want := []string{"consent-not-free@10=inSource", "publicity-use@10=inSource", "mandatory-arbitration@13=", "change-at-will@17=config", "change-reserved@17="}
	if got := findingStates(r); !slices.Equal(got, want) {
		t.Errorf("findings:\n got %q\nwant %q", got, want)
	}
	if r.Score <= before {
		t.Errorf("score %d after the waiver, want more than %d", r.Score, before)
	}
}
