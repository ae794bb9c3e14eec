package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/audit/diff"
	"github.com/fineprint/fineprint/audit/extract"
	"github.com/fineprint/fineprint/audit/report"
	"github.com/fineprint/fineprint/rules"
)

// A referral offer's publicity clause, reworded between two versions
// (still a grant, now without the voice), and an arbitration clause added.
const (
	rewordedOld = `# Refer-a-friend terms

## 1. Rewards

You receive £10 for each friend who signs up with your code.

## 2. Publicity

By taking part you consent to Sponsor using your name, photo and voice in advertising in any media worldwide, in perpetuity, without payment.

## 3. Law

These terms are governed by the laws of England and Wales.
`
	rewordedNew = `# Refer-a-friend terms

## 1. Rewards

You receive £10 for each friend who signs up with your code.

## 2. Publicity

By taking part you consent to Sponsor using your name and photo in advertising in any media worldwide, in perpetuity, without payment or notice.

## 3. Law

These terms are governed by the laws of England and Wales.

## 4. Disputes

Any dispute shall be resolved by binding arbitration, and you waive any right to a class action.
`
)

func auditMarkdown(t *testing.T, set *rules.Set, source, text string) *audit.Report {
	t.Helper()
	clauses, title, err := extract.Extract([]byte(text), audit.FormatMarkdown)
	if err != nil {
		t.Fatal(err)
	}
	doc := &audit.Document{Source: source, Format: audit.FormatMarkdown, Title: title, Clauses: clauses}
	return audit.Audit(context.Background(), doc, set, audit.Options{})
}

// TestDiffGolden renders, in every format, the diff of the 2024 referral
// offer against its revised wording (EN and FR), and of a reworded
// clause; run with -update after an intended change.
func TestDiffGolden(t *testing.T) {
	set := builtin(t)
	tool := report.Tool{Name: "fineprint", Version: "test"}
	cases := map[string][2]*audit.Report{
		"diff-referral-2024-en": {auditFixture(t, set, "../../testdata/offers/referral-2024-en.html"), auditFixture(t, set, "../../testdata/offers/referral-2024-revised-en.html")},
		"diff-referral-2024-fr": {auditFixture(t, set, "../../testdata/offers/referral-2024-fr.html"), auditFixture(t, set, "../../testdata/offers/referral-2024-revised-fr.html")},
		"diff-reworded":         {auditMarkdown(t, set, "terms-v1.md", rewordedOld), auditMarkdown(t, set, "terms-v2.md", rewordedNew)},
	}
	for name, pair := range cases {
		d := diff.Compare(pair[0], pair[1], diff.Options{})
		compareGolden(t, name+".txt", render(t, func(w io.Writer) error { return report.DiffText(w, d, report.NewPalette(false)) }))
		compareGolden(t, name+".json", render(t, func(w io.Writer) error { return report.DiffJSON(w, d, tool) }))
		compareGolden(t, name+".md", render(t, func(w io.Writer) error { return report.DiffMarkdown(w, d, tool) }))
	}
}

// TestDiffRevisedOffer: the revision of the 2024 offer drops the likeness
// grant, and the grade rises from E.
func TestDiffRevisedOffer(t *testing.T) {
	set := builtin(t)
	for _, lang := range []string{"en", "fr"} {
		old := auditFixture(t, set, "../../testdata/offers/referral-2024-"+lang+".html")
		new := auditFixture(t, set, "../../testdata/offers/referral-2024-revised-"+lang+".html")
		var out struct {
			Schema   string
			Old, New struct{ Grade string }
			Added    []audit.Finding
			Removed  []audit.Finding
		}
		js := render(t, func(w io.Writer) error {
			return report.DiffJSON(w, diff.Compare(old, new, diff.Options{}), report.Tool{})
		})
		if err := json.Unmarshal(js, &out); err != nil {
			t.Fatal(err)
		}
		if out.Schema != diff.Schema || out.Old.Grade != "E" || out.New.Grade <= "A" || out.New.Grade >= "E" {
			t.Errorf("%s: schema %q, grade %s → %s: want E rising", lang, out.Schema, out.Old.Grade, out.New.Grade)
		}
		removed := map[string]bool{}
		for _, f := range out.Removed {
			removed[f.Rule] = true
		}
		for _, rule := range []string{"publicity-use", "perpetual-grant", "worldwide-grant", "compensation-waiver", "consent-bundled", "lifetime-likeness-for-reward"} {
			if !removed[rule] {
				t.Errorf("%s: %s not among the removed findings", lang, rule)
			}
		}
		if len(out.Added) != 0 {
			t.Errorf("%s: the revision adds %d finding(s)", lang, len(out.Added))
		}
	}
}

// TestDiffTextColour: with colour on, the word diff is coloured word by
// word; off, the markers alone show it.
func TestDiffTextColour(t *testing.T) {
	set := builtin(t)
	d := diff.Compare(auditMarkdown(t, set, "v1.md", rewordedOld), auditMarkdown(t, set, "v2.md", rewordedNew), diff.Options{})
	var plain, coloured bytes.Buffer
	if err := report.DiffText(&plain, d, report.NewPalette(false)); err != nil {
		t.Fatal(err)
	}
	if err := report.DiffText(&coloured, d, report.NewPalette(true)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), "\x1b[") || !strings.Contains(plain.String(), "[-name, photo and voice-] {+name and photo+}") {
		t.Errorf("plain text diff:\n%s", plain.String())
	}
	if !strings.Contains(coloured.String(), "\x1b[") || !strings.Contains(coloured.String(), "{+name") {
		t.Errorf("coloured text diff has no colour or no markers")
	}
}
