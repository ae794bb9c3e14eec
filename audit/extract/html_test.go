package extract

import (
	"strings"
	"testing"

	"github.com/fineprint/fineprint/audit"
)

func TestExtractHTMLFixtures(t *testing.T) {
	runFixtures(t, audit.FormatHTML, []fixture{{
		file:  "referral_en.html",
		title: "Cash Reward Referral Terms & Conditions | ShopNow",
		want: []wantClause{
			{"These terms govern the ShopNow Inc. referral programme (the “Programme”).", 18, "Cash Reward Referral Programme"},
			{"By taking part, you agree to them, e.g. by sharing your code.", 19, "Cash Reward Referral Programme"},
			{"You must be 18 years or older and resident in the U.K. or France.", 22, "1. Eligibility"},
			{"Employees of ShopNow Ltd. are not eligible.", 23, "1. Eligibility"},
			{"One reward per person.", 23, "1. Eligibility"},
			{"Participation constitutes a Member's consent for Sponsor to use and publish such Member's photo, name likeness, voice, opinions, statements, biographical information … for promotional or advertising purposes in any media worldwide, now known or hereafter developed, in perpetuity without further review, notification, payment, or consideration.", 26, "7. Publicity"},
			{"Photo & name", 33, "7.1 Data"},
			{"Kept indefinitely.", 33, "7.1 Data"},
			{"We may change these terms at any time.", 39, "8. Changes"},
			{"See Section 4.2 for details.", 39, "8. Changes"},
			{"Continued use means acceptance.", 40, "8. Changes"},
			{"Contact: Mr. Smith, No. 5 High St. London.", 41, "8. Changes"},
		},
		absent: []string{"Injected", "Deals", "Help centre", "cookies", "Accept all", "Internal note",
			"Hidden promo", "Decorative", "All rights reserved", "ShopNow Cash"},
	}, {
		file:  "cgu_fr.html",
		title: "Conditions générales d'utilisation",
		want: []wantClause{
			{"Les présentes conditions régissent l'utilisation du service proposé par la société Acme SAS, cf. art. 3 ci-dessous.", 9, "Article 1 – Objet"},
			{"M. Dupont, directeur de la publication, en est responsable.", 10, "Article 1 – Objet"},
			{"Toute inscription vaut acceptation « sans réserve » des présentes.", 10, "Article 1 – Objet"},
			{"Nous déposons des cookies de mesure d'audience pour une durée de 13 mois.", 15, "Article 5 – Cookies"},
			{"Vos données sont conservées pendant 3 ans après la fin de la relation, etc. Vous pouvez les supprimer.", 21, "Article 6 – Données personnelles"},
			{"Nous pouvons modifier les présentes à tout moment et sans préavis.", 23, "Article 6 – Données personnelles"},
		},
		absent: []string{"Nous utilisons des cookies", "Paramétrer", "JavaScript", "France"},
	}})
}

func TestExtractHTMLStructure(t *testing.T) {
	tests := []struct {
		name string
		html string
		want []string // clause texts, in order
	}{
		{"br is a space, two br end a block", "<p>one<br>two<br><br>Three.</p>", []string{"one two", "Three."}},
		{"inline tags flow", "<p>We <b>may</b> <a href=x>sell</a> data.</p>", []string{"We may sell data."}},
		{"text directly in div", "<div>Intro. <p>Para.</p> Outro.</div>", []string{"Intro.", "Para.", "Outro."}},
		{"entities", "<p>A&amp;B&nbsp;&eacute;t&#233; &#x27;q&#39; &lt;x&gt;</p>", []string{"A&B été 'q' <x>"}},
		{"table cells", "<table><tr><td>Email</td><td>3 years</td></tr></table>", []string{"Email", "3 years"}},
		{"definition list", "<dl><dt>Term</dt><dd>Meaning here.</dd></dl>", []string{"Term", "Meaning here."}},
		{"pre and blockquote", "<pre>\nKept as is.</pre><blockquote>Quoted.</blockquote>", []string{"Kept as is.", "Quoted."}},
		{"cookie section kept", `<section id="cookies"><p>We set cookies.</p></section><div class="cookie-policy"><p>Policy.</p></div>`, []string{"We set cookies.", "Policy."}},
		{"banners dropped", `<div id="CybotCookiebotDialog">A.</div><div class="cc-window">B.</div><div id="didomi-host">C.</div><div class="gdpr-banner">D.</div><div class="cookie_notice">E.</div><p>Kept.</p>`, []string{"Kept."}},
		{"hidden dropped", `<p style="VISIBILITY: hidden">A.</p><span hidden>B.</span><div aria-hidden="true">C.</div><p>Kept.</p>`, []string{"Kept."}},
		{"controls and chrome dropped", `<header>Site.</header><nav>Menu.</nav><button>Go.</button><textarea>T.</textarea><template><p>X.</p></template><svg><text>S.</text></svg><p>Kept.</p><footer>Foot.</footer>`, []string{"Kept."}},
		{"article header kept", `<article><header><h1>Terms</h1><p>Updated today.</p></header></article>`, []string{"Updated today."}},
		{"no letters dropped", "<p>1.</p><p>— 2024 —</p><p>Ok.</p>", []string{"Ok."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clauses, _, err := Extract([]byte(tt.html), audit.FormatHTML)
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, []byte(tt.html), clauses)
			if got := texts(clauses); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("clauses = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestExtractHTMLSections(t *testing.T) {
	src := "<h1>T</h1><h2>A</h2><h3>A.1</h3><p>One.</p><h2>B</h2><p>Two.</p><h4>B.x</h4><p>Three.</p>"
	clauses, title, _ := Extract([]byte(src), audit.FormatHTML)
	want := []string{"T/A/A.1", "T/B", "T/B/B.x"}
	if title != "T" {
		t.Errorf("title = %q, want the first h1", title)
	}
	for i, c := range clauses {
		if got := strings.Join(c.Section, "/"); i >= len(want) || got != want[i] {
			t.Errorf("clause %q: section %q", c.Text, got)
		}
	}
}

func TestExtractHTMLPositions(t *testing.T) {
	src := "<html>\r\n<body>\r\n<p class=\"a\">First &amp; one.\r\n  Second <em>one</em>.</p>\r\n<ul><li>\r\n   Item &eacute;t&eacute; here.</li></ul>\n<p>&nbsp;&nbsp;Lead.</p>"
	clauses, _, _ := Extract([]byte(src), audit.FormatHTML)
	want := []struct {
		text      string
		line, col int
	}{
		{"First & one.", 3, 14}, {"Second one.", 4, 3}, {"Item été here.", 6, 4}, {"Lead.", 7, 16},
	}
	if len(clauses) != len(want) {
		t.Fatalf("got %q", texts(clauses))
	}
	for i, w := range want {
		c := clauses[i]
		if c.Text != w.text || c.Line != w.line || c.Column != w.col {
			t.Errorf("clause %d = %q at %d:%d, want %q at %d:%d", i, c.Text, c.Line, c.Column, w.text, w.line, w.col)
		}
	}
}

func TestExtractHTMLScriptTextDoesNotShiftLines(t *testing.T) {
	src := "<head><script>var s = '<p>Same text.</p>';</script></head>\n<body>\n<p>Same text.</p></body>"
	clauses, _, _ := Extract([]byte(src), audit.FormatHTML)
	if len(clauses) != 1 || clauses[0].Line != 3 {
		t.Fatalf("want one clause on line 3, got %+v", clauses)
	}
}

func texts(clauses []audit.Clause) []string {
	out := make([]string, len(clauses))
	for i, c := range clauses {
		out[i] = c.Text
	}
	return out
}
