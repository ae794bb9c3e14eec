package extract

import (
	"strings"
	"testing"

	"github.com/fineprint/fineprint/audit"
)

func TestExtractMarkdownFixtures(t *testing.T) {
	runFixtures(t, audit.FormatMarkdown, []fixture{{
		file:  "referral_en.md",
		title: "Cash Reward Referral Terms",
		want: []wantClause{
			{"These terms govern the ShopNow Inc. referral programme (the Programme).", 6, "Cash Reward Referral Programme"},
			{"By taking part, you agree to them, e.g. by sharing your code.", 7, "Cash Reward Referral Programme"},
			{"You must be 18 years or older and resident in the U.K. or France.", 11, "1. Eligibility"},
			{"One reward per person.", 12, "1. Eligibility"},
			{"Rewards are paid in vouchers.", 13, "1. Eligibility"},
			{"Participation constitutes a Member's consent for Sponsor to use and publish such Member's photo, name likeness, voice, opinions, statements, biographical information … for promotional or advertising purposes in any media worldwide, now known or hereafter developed, in perpetuity without further review, notification, payment, or consideration.", 17, "7. Publicity"},
			{"Photo & name", 28, "7.1 Data"},
			{"Kept indefinitely.", 28, "7.1 Data"},
			{"We may change these terms at any time.", 40, "Changes"},
			{"See Section 4.2 for details.", 40, "Changes"},
			{"Continued use means acceptance.", 42, "Changes"},
			{"Contact: Mr. Smith, No. 5 High St. London.", 43, "Changes"},
		},
		absent: []string{"banner", "example code", "TODO", "Second line of the comment", "---", "https://", "**", "Vouchers\""},
	}, {
		file:  "cgu_fr.md",
		title: "Conditions générales d'utilisation",
		want: []wantClause{
			{"Les présentes conditions régissent l'utilisation du service proposé par la société Acme SAS, cf. art. 3 ci-dessous.", 5, "Article 1 – Objet"},
			{"M. Dupont, directeur de la publication, en est responsable.", 6, "Article 1 – Objet"},
			{"Vos données sont conservées pendant 3 ans après la fin de la relation, etc. Vous pouvez les supprimer.", 10, "Article 6 – Données personnelles"},
			{"Nous pouvons modifier les présentes à tout moment et sans préavis*.", 11, "Article 6 – Données personnelles"},
		},
	}})
}

func TestExtractMarkdownInline(t *testing.T) {
	tests := []struct{ md, want string }{
		{"We **may** _sell_ ***your*** ~~old~~ data.", "We may sell your old data."},
		{"See [the policy](https://x.example/p (title)) and [FAQ][faq].", "See the policy and FAQ."},
		{"Logo ![alt text](a.png) here.", "Logo here."},
		{"Use `snake_case` and 5 * 3 and file_name.", "Use snake_case and 5 * 3 and file_name."},
		{"Escaped \\*stars\\* and \\[brackets\\].", "Escaped *stars* and [brackets]."},
		{"Raw <span class=\"x\">inline</span> HTML<!-- hidden --> here.", "Raw inline HTML here."},
		{"Mail <privacy@acme.example> now.", "Mail privacy@acme.example now."},
		{"Caf&eacute; &amp; cr&egrave;me&nbsp;br&ucirc;l&eacute;e.", "Café & crème brûlée."},
		{"Footnote[^1] here.", "Footnote here."},
	}
	for _, tt := range tests {
		clauses, _, _ := Extract([]byte(tt.md), audit.FormatMarkdown)
		if got := strings.Join(texts(clauses), "|"); got != tt.want {
			t.Errorf("%q → %q, want %q", tt.md, got, tt.want)
		}
	}
}

func TestExtractMarkdownColumns(t *testing.T) {
	src := "# T\n\n> - **Bold** start. Next one.\n\n|  Cell text | B |\n|--|--|\n"
	clauses, _, _ := Extract([]byte(src), audit.FormatMarkdown)
	checkPositions(t, clauses, []position{{"Bold start.", 3, 7}, {"Next one.", 3, 21}, {"Cell text", 5, 4}, {"B", 5, 16}})
}

// position is where a clause should be found.
type position struct {
	text      string
	line, col int
}

func checkPositions(t *testing.T, clauses []audit.Clause, want []position) {
	t.Helper()
	if len(clauses) != len(want) {
		t.Fatalf("got %q", texts(clauses))
	}
	for i, w := range want {
		if c := clauses[i]; c.Text != w.text || c.Line != w.line || c.Column != w.col {
			t.Errorf("clause %q at %d:%d, want %q at %d:%d", c.Text, c.Line, c.Column, w.text, w.line, w.col)
		}
	}
}

func TestExtractMarkdownSections(t *testing.T) {
	src := "Title\n=====\n\n## A ##\n\nOne.\n\n### A.1\n\nTwo.\n\n## B\n\n---\n\nThree.\n"
	clauses, title, _ := Extract([]byte(src), audit.FormatMarkdown)
	want := []string{"Title/A", "Title/A/A.1", "Title/B"}
	if title != "Title" {
		t.Errorf("title = %q", title)
	}
	if len(clauses) != len(want) {
		t.Fatalf("got %q", texts(clauses))
	}
	for i, c := range clauses {
		if got := strings.Join(c.Section, "/"); got != want[i] {
			t.Errorf("%q: section %q, want %q", c.Text, got, want[i])
		}
	}
}

// Columns count characters, not bytes: an editor or a SARIF viewer puts
// the cursor on the clause, in French text too.
func TestExtractColumnsCountCharacters(t *testing.T) {
	src := "# Été\n\nÉté à Nîmes. Nous pouvons vendre vos données. Fin 🙂. Après.\n"
	clauses, _, _ := Extract([]byte(src), audit.FormatMarkdown)
	checkPositions(t, clauses, []position{{"Été à Nîmes.", 3, 1}, {"Nous pouvons vendre vos données.", 3, 14}, {"Fin 🙂.", 3, 47}, {"Après.", 3, 54}})
}
