package diff_test

import (
	"reflect"
	"testing"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/audit/diff"
)

func finding(rule, severity, quote string, line int) audit.Finding {
	return audit.Finding{Rule: rule, Severity: severity, Quote: quote, Location: audit.Location{Line: line}}
}

func report(source, grade string, score, points int, fs ...audit.Finding) *audit.Report {
	return &audit.Report{Source: source, Grade: grade, Score: score, RiskPoints: points, Findings: fs}
}

func rulesOf(fs []audit.Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	return out
}

const (
	publicity = "Participation constitutes your consent for Sponsor to use your photo, name and voice in advertising worldwide, in perpetuity, without payment."
	revised   = "Participation constitutes your consent for Sponsor to use your photo and name in advertising in the United Kingdom for two years, without payment."
	law       = "These terms are governed by the laws of England and Wales."
	arbitrate = "Any dispute shall be settled by binding arbitration in Delaware."
)

func TestCompareSortsFindingsOut(t *testing.T) {
	old := report("old.md", "E", 10, 120,
		finding("publicity-use", "critical", publicity, 3),
		finding("perpetual-grant", "critical", publicity, 3),
		finding("foreign-governing-law", "medium", law, 9))
	new := report("new.md", "D", 40, 70,
		finding("publicity-use", "critical", revised, 3),
		// Moved and re-cased: still the same clause.
		finding("foreign-governing-law", "medium", "These terms are governed by the LAWS of England and Wales.", 12),
		finding("arbitration-mandatory", "high", arbitrate, 14))
	d := diff.Compare(old, new, diff.Options{})

	if got := rulesOf(d.Added); !reflect.DeepEqual(got, []string{"arbitration-mandatory"}) {
		t.Errorf("added = %v", got)
	}
	if got := rulesOf(d.Removed); !reflect.DeepEqual(got, []string{"perpetual-grant"}) {
		t.Errorf("removed = %v", got)
	}
	if got := rulesOf(d.Unchanged); !reflect.DeepEqual(got, []string{"foreign-governing-law"}) {
		t.Errorf("unchanged = %v", got)
	}
	if d.Unchanged[0].Location.Line != 12 {
		t.Errorf("an unchanged finding is reported where it is now, line %d", d.Unchanged[0].Location.Line)
	}
	if len(d.Changed) != 1 || d.Changed[0].New.Rule != "publicity-use" || d.Changed[0].Worse {
		t.Fatalf("changed = %+v", d.Changed)
	}
	if d.Delta != (diff.Delta{Score: 30, RiskPoints: -50}) || d.Old.Grade != "E" || d.New.Grade != "D" {
		t.Errorf("old %+v new %+v delta %+v", d.Old, d.New, d.Delta)
	}
}

func TestCompareChangedShowsTheRewording(t *testing.T) {
	old := report("old.md", "E", 10, 120, finding("publicity-use", "critical", publicity, 3))
	new := report("new.md", "D", 40, 70, finding("publicity-use", "critical", revised, 3))
	c := diff.Compare(old, new, diff.Options{}).Changed[0]
	want := []diff.Edit{
		{diff.Keep, "Participation constitutes your consent for Sponsor to use your"},
		{diff.Delete, "photo, name and voice"},
		{diff.Insert, "photo and name"},
		{diff.Keep, "in advertising"},
		{diff.Delete, "worldwide, in perpetuity,"},
		{diff.Insert, "in the United Kingdom for two years,"},
		{diff.Keep, "without payment."},
	}
	if !reflect.DeepEqual(c.Words, want) {
		t.Errorf("words:\n got %q\nwant %q", c.Words, want)
	}
	if c.Similarity < diff.DefaultSimilarity || c.Similarity >= 1 {
		t.Errorf("similarity %v", c.Similarity)
	}
}

func TestCompareUnrelatedClausesAreRemovedAndAdded(t *testing.T) {
	old := report("old.md", "C", 60, 20, finding("foreign-governing-law", "medium", law, 3))
	new := report("new.md", "C", 60, 20, finding("foreign-governing-law", "medium", "Scots law applies to these rules and to any claim.", 3))
	d := diff.Compare(old, new, diff.Options{})
	if len(d.Changed) != 0 || len(d.Added) != 1 || len(d.Removed) != 1 {
		t.Errorf("a rewritten clause sharing few words must not pair: %+v", d)
	}
	// A looser threshold pairs them.
	d = diff.Compare(old, new, diff.Options{MinSimilarity: 0.1})
	if len(d.Changed) != 1 {
		t.Errorf("with MinSimilarity 0.1 the findings pair: %+v", d)
	}
}

func TestCompareSeverityRiseIsWorseAndIntroduced(t *testing.T) {
	old := report("old.md", "C", 60, 20, finding("publicity-use", "high", publicity, 3))
	new := report("new.md", "D", 30, 60, finding("publicity-use", "critical", publicity, 3))
	d := diff.Compare(old, new, diff.Options{})
	if len(d.Changed) != 1 || !d.Changed[0].Worse {
		t.Fatalf("same clause, higher severity: want a worse change, got %+v", d)
	}
	if got := rulesOf(d.Introduced()); !reflect.DeepEqual(got, []string{"publicity-use"}) {
		t.Errorf("introduced = %v", got)
	}
	if n := len(diff.Compare(new, old, diff.Options{}).Introduced()); n != 0 {
		t.Errorf("a severity drop introduces nothing, got %d", n)
	}
}

func TestCompareRepeatedClausesPairInOrder(t *testing.T) {
	old := report("old.md", "C", 60, 20,
		finding("foreign-governing-law", "medium", law, 3),
		finding("foreign-governing-law", "medium", law, 20))
	new := report("new.md", "C", 60, 20, finding("foreign-governing-law", "medium", law, 5))
	d := diff.Compare(old, new, diff.Options{})
	if len(d.Unchanged) != 1 || len(d.Removed) != 1 || d.Removed[0].Location.Line != 20 {
		t.Errorf("the second copy of a clause is the one removed: %+v", d)
	}
}

func TestIntroducedLeavesOutSuppressed(t *testing.T) {
	added := finding("arbitration-mandatory", "high", arbitrate, 4)
	added.Suppressed = &audit.Suppression{Kind: audit.SuppressedByBaseline}
	d := diff.Compare(report("old.md", "A", 100, 0), report("new.md", "A", 100, 0, added), diff.Options{})
	if len(d.Added) != 1 || len(d.Introduced()) != 0 {
		t.Errorf("a suppressed finding is listed as added but not introduced: %+v", d)
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		old, new string
		want     []diff.Edit
	}{
		{"same words", "same  words", []diff.Edit{{diff.Keep, "same words"}}},
		{"", "", []diff.Edit{}},
		{"", "new text", []diff.Edit{{diff.Insert, "new text"}}},
		{"old text", "", []diff.Edit{{diff.Delete, "old text"}}},
		{"a b c", "x y c", []diff.Edit{{diff.Delete, "a b"}, {diff.Insert, "x y"}, {diff.Keep, "c"}}},
		// A lone kept word inside a rewrite joins the change.
		{"one two and three four", "five and six", []diff.Edit{{diff.Delete, "one two and three four"}, {diff.Insert, "five and six"}}},
		{"nous vendons vos données", "nous ne vendons pas vos données",
			[]diff.Edit{{diff.Keep, "nous"}, {diff.Delete, "vendons"}, {diff.Insert, "ne vendons pas"}, {diff.Keep, "vos données"}}},
	}
	for _, tt := range tests {
		if got := diff.Words(tt.old, tt.new); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Words(%q, %q) = %q, want %q", tt.old, tt.new, got, tt.want)
		}
	}
}

func TestSimilarity(t *testing.T) {
	tests := []struct {
		a, b []string
		want float64
	}{
		{[]string{"a", "b"}, []string{"a", "b"}, 1},
		{[]string{"a", "b"}, []string{"c", "d"}, 0},
		{[]string{"a", "a", "b"}, []string{"a", "b", "b"}, 2 * 2.0 / 6},
		{nil, nil, 1},
	}
	for _, tt := range tests {
		if got := diff.Similarity(tt.a, tt.b); got != tt.want {
			t.Errorf("Similarity(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
