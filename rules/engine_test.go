package rules

import (
	"fmt"
	"strings"
	"testing"
)

// testPack compiles a small pack written for these tests, so that engine
// behaviour is checked independently of the built-in rules.
const testPack = `
vocab:
  provider_grants:
    en: ["we grant you"]
    fr: ["nous vous accordons"]
  user_grants:
    en: ["you grant"]
    fr: ["vous nous accordez"]
  pdata:
    en: ["personal data", "your data"]
    fr: ["vos donnees", "donnees personnelles", "fichiers gardes jusqu au", "la ouverture du compte", "la ou vivent vos clients"]
rules:
  - id: sale
    category: data-sharing
    severity: critical
    title: {en: Sale, fr: Vente}
    explanation: {en: x, fr: x}
    legal: {en: [x], fr: [x]}
    fix: {en: x, fr: x}
    match:
      en: [{all: ["sell*", "@pdata"], within: 8}]
      fr: [{all: ["vend*", "@pdata"], within: 8}]
    examples:
      en: {match: ["We sell your data."], no_match: ["We never sell your data."]}
      fr: {match: ["Nous vendons vos données."], no_match: ["Nous ne vendons pas vos données."]}
  - id: removal
    category: content-removal
    severity: medium
    title: {en: Removal, fr: Suppression}
    explanation: {en: x, fr: x}
    legal: {en: [x], fr: [x]}
    fix: {en: x, fr: x}
    match:
      en: [{all: ["may", "remove*"], within: 4, ordered: true}]
    examples:
      en: {match: ["We may remove it."], no_match: ["We will not remove it."]}
  - id: grant
    category: data-grant
    severity: high
    direction: user-grants
    title: {en: Grant, fr: Cession}
    explanation: {en: x, fr: x}
    legal: {en: [x], fr: [x]}
    fix: {en: x, fr: x}
    match:
      en: [{all: ["licen*", "perpetual"]}]
    unless:
      en: ["revocable at any time"]
    examples:
      en: {match: ["You grant us a perpetual licence."], no_match: ["We grant you a perpetual licence."]}
  - id: liability
    category: liability
    severity: high
    title: {en: Liability, fr: Responsabilité}
    explanation: {en: x, fr: x}
    legal: {en: [x], fr: [x]}
    fix: {en: x, fr: x}
    match:
      en: [{all: ["limit*", "liability"], within: 6}]
    examples:
      en: {match: ["We limit our liability."], no_match: ["Nothing in these terms shall limit our liability for fraud."]}
  - id: nor-liable
    category: liability
    severity: high
    title: {en: Neither liable, fr: Ni responsable}
    explanation: {en: x, fr: x}
    legal: {en: [x], fr: [x]}
    fix: {en: x, fr: x}
    match:
      en: ["nor * * * be liable"]
      fr: ["ni * * ne seront responsables"]
    examples:
      en: {match: ["Neither we nor our suppliers will be liable."], no_match: ["We will be liable."]}
      fr: {match: ["Ni nous ni nos fournisseurs ne seront responsables."], no_match: ["Nous serons responsables."]}
  - id: expiry
    category: reward
    severity: medium
    title: {en: Expiry, fr: Expiration}
    explanation: {en: x, fr: x}
    legal: {en: [x], fr: [x]}
    fix: {en: x, fr: x}
    match:
      en: ["expire"]
      fr: ["expir*"]
    examples:
      en: {match: ["Points expire."], no_match: ["Points do not expire."]}
      fr: {match: ["Les points expirent."], no_match: ["Les points n'expirent pas."]}
  - id: governing
    category: choice-of-law
    severity: medium
    title: {en: Law, fr: Loi}
    explanation: {en: x, fr: x}
    legal: {en: [x], fr: [x]}
    fix: {en: x, fr: x}
    match:
      en: [{all: [["governed by", "governing law"], "law*"], within: 6}, "constitutes * consent"]
    examples:
      en: {match: ["These terms are governed by the laws of Ireland."], no_match: ["Governing law"]}
  - id: no-refund
    category: consumer-rights
    severity: medium
    title: {en: No refund, fr: Pas de remboursement}
    explanation: {en: x, fr: x}
    legal: {en: [x], fr: [x]}
    fix: {en: x, fr: x}
    match:
      en: [{all: [["cancel*", "late"]], denied: ["refund*", "remedy"], within: 12}]
      fr: [{all: ["annul*"], denied: ["rembours*"], within: 12}, {denied: ["droit de retractation"]}]
    unless:
      en: ["except where"]
      fr: ["sauf en cas de"]
    examples:
      en: {match: ["A cancelled show shall not give rise to any refund."], no_match: ["A cancelled show is refunded."]}
      fr: {match: ["Une séance annulée ne donne lieu à aucun remboursement."], no_match: ["Une séance annulée est remboursée."]}
`

func testSet(t *testing.T) *Set {
	t.Helper()
	p, err := Parse("test.yaml", []byte(testPack))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func fired(s *Set, text, lang string) string {
	var ids []string
	for _, m := range s.NewMatcher().Match(text, lang) {
		ids = append(ids, m.Rule.ID)
	}
	return strings.Join(ids, ",")
}

func TestMatchSemantics(t *testing.T) {
	s := testSet(t)
	tests := []struct {
		name, text, lang, want string
	}{
		{"plain", "We may sell your personal data to partners.", "en", "sale"},
		{"negation", "We never sell your personal data.", "en", ""},
		{"negation through a list", "We do not sell, rent or trade your personal data.", "en", ""},
		{"scope ends at but", "We do not rent it, but we sell your personal data.", "en", "sale"},
		{"scope ends at a new clause after a comma", "If you do not agree, we sell your personal data.", "en", "sale"},
		{"scope ends at a comma before a possessive", "No notice is given, your data we then sell.", "en", "sale"},
		{"scope ends at a comma before a possessive, French", "Le compte peut être fermé sans préavis ni motif, vos données étant vendues.", "fr", "sale"},
		{"scope ends at a comma before a demonstrative, French", "Le compte peut être fermé sans préavis ni motif, ces données personnelles étant vendues.", "fr", "sale"},
		{"scope ends at a semicolon", "We do not rent it; we sell your personal data.", "en", "sale"},
		{"French ne … pas", "Nous ne vendons pas vos données.", "fr", ""},
		{"French elision n'", "Nous n'avons jamais vendu vos données.", "fr", ""},
		{"French positive", "Nous pouvons vendre vos données personnelles.", "fr", "sale"},
		{"French ne … que restricts", "Nous ne vendons vos données qu'à nos partenaires.", "fr", "sale"},
		{"French ne … que, passive", "Vos données ne sont vendues à des tiers que si vous y consentez.", "fr", "sale"},
		{"French ne … pas … que negates", "Nous ne vendons pas vos données, que vous soyez client ou non.", "fr", ""},
		{"French ne … que beyond its reach negates", "Nous ne vendons vos données à aucun moment, ni à nos partenaires ni à d'autres, que vous soyez client ou non.", "fr", ""},
		{"negation inside a relative clause", "Points that have not been redeemed expire.", "en", "expiry"},
		{"negation inside a short relative clause", "Points that are not used expire.", "en", "expiry"},
		{"French negation inside a relative clause", "Les points qui n'ont pas été utilisés expirent.", "fr", "expiry"},
		{"a comma ends a negated relative clause", "Les points, qui ne servent jamais, expirent.", "fr", "expiry"},
		{"a comma ends a negated relative clause, English", "Points, which are never used, expire.", "en", "expiry"},
		{"a not after a noun negates its participle only", "Points not redeemed in a year expire.", "en", "expiry"},
		{"a not yet after a noun negates its participle only", "Any points not yet credited lapse or expire.", "en", "expiry"},
		{"a not after an auxiliary negates the verb", "Points are not allowed to expire.", "en", ""},
		{"not to is an infinitive", "You agree not to let unused points expire.", "en", ""},
		{"negation inside a relative clause with its own subject", "Points whose value was not redeemed expire.", "en", "expiry"},
		{"French negation inside a relative clause with its own subject", "Les points dont la valeur n'a pas été utilisée expirent.", "fr", "expiry"},
		{"negation in a complement clause covers the list", "We confirm that we do not rent or sell your personal data.", "en", ""},
		{"negation after a complementizer that", "We confirm that points do not expire.", "en", ""},
		{"French plain negation", "Les points n'expirent pas.", "fr", ""},
		{"a coordinated modal predicate", "Points have no value and may expire.", "en", "expiry"},
		{"French coordinated modal predicate", "Les points n'ont aucune valeur et peuvent expirer.", "fr", "expiry"},
		{"a coordinated predicate", "Points are not transferable and expire after a year.", "en", "expiry"},
		{"French coordinated predicate", "Les points ne sont pas cessibles et expirent au bout d'un an.", "fr", "expiry"},
		{"a negated list says or", "Points do not expire or lapse.", "en", ""},
		{"a negation repeated after and", "Points are not transferable and do not expire.", "en", ""},
		{"a phrase that carries its own negation", "Neither we nor our suppliers will be liable for any loss.", "en", "nor-liable"},
		{"a phrase that carries its own negation, French", "Ni nous ni nos fournisseurs ne seront responsables.", "fr", "nor-liable"},
		{"whether or not negates nothing", "Customers or not, selling your personal data is what we do.", "en", "sale"},
		{"French ou non negates nothing", "Agrégées ou non, vos données personnelles sont vendues.", "fr", "sale"},
		{"French participle né is not a negation", "Tout litige né de vos données personnelles vendues à des tiers sera jugé.", "fr", "sale"},
		{"an elided word written in full in a phrase", "Nous vendons les fichiers gardés jusqu'au départ du client.", "fr", "sale"},
		{"a phrase's la before a vowel reads as the text's elided l'", "Nous vendons les dates de l'ouverture du compte.", "fr", "sale"},
		{"a phrase's là où keeps its la", "Nous vendons là où vivent vos clients.", "fr", "sale"},
		{"French noun pas (steps) is not a negation", "Le nombre de pas et vos données personnelles sont vendus.", "fr", "sale"},
		{"French pas after a verb negates", "Nous ne vendons pas vos données personnelles.", "fr", ""},
		{"window", "We sell many things, such as shoes, hats, coats, scarves, gloves and also your data.", "en", ""},
		{"wildcard", "Selling your data is our business.", "en", "sale"},
		{"verbal negation stops at a modal", "Content that does not comply with these terms may be removed.", "en", "removal"},
		{"verbal negation before the modal", "We will not remove it.", "en", ""},
		{"nominal negation carries over a modal", "Nothing in these terms shall limit our liability for fraud.", "en", ""},
		{"order", "Removed items may stay.", "en", ""},
		{"a stem's -ing form", "We may be removing it.", "en", "removal"},
		{"direction: user grants", "You grant us a perpetual licence.", "en", "grant"},
		{"direction: we grant you", "We grant you a perpetual, non-transferable licence.", "en", ""},
		{"unless", "You grant us a perpetual licence, revocable at any time.", "en", ""},
		{"groups need words of their own", "Governing law", "en", ""},
		{"word wildcard", "Taking part constitutes your consent.", "en", "governing"},
		{"language", "We sell your personal data.", "fr", ""},
		{"typographic apostrophe and case", "WE SELL YOUR DATA", "en", "sale"},
		{"denied: a verbal negation", "A cancelled show shall not give rise to any refund.", "en", "no-refund"},
		{"denied: a negated noun", "Late copies: no refund or other remedy.", "en", "no-refund"},
		{"denied: asserted", "A cancelled show is refunded in full.", "en", ""},
		{"denied: beyond the negation's reach", "We do not cancel shows lightly, and a cancelled show is refunded.", "en", ""},
		{"denied: the other groups stay asserted", "We never cancel a show, and give no refund for missed ones.", "en", ""},
		{"denied: French aucun", "Une séance annulée ne donne lieu à aucun remboursement.", "fr", "no-refund"},
		{"denied: French ne … pas", "Les abonnés ne bénéficient pas du droit de rétractation.", "fr", "no-refund"},
		{"denied: French asserted", "Les abonnés bénéficient du droit de rétractation.", "fr", ""},
		{"denied: a group inside the same negation", "There is no refund for a late show.", "en", "no-refund"},
		{"denied: a group inside the same French negation", "Il n'y a aucun remboursement pour une séance annulée.", "fr", "no-refund"},
		{"denied: ne … pas is one negation", "Une séance annulée ne sera pas remboursée.", "fr", "no-refund"},
		{"a word that ends the scope is out of it", "Late shows give no refund, except where the law requires one.", "en", ""},
		{"a word that ends the scope is out of it, French", "Une séance annulée n'est pas remboursée, sauf en cas de panne.", "fr", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := fired(s, tc.text, tc.lang); got != tc.want {
				t.Errorf("%q fired [%s], want [%s]", tc.text, got, tc.want)
			}
		})
	}
}

func TestMatchSpans(t *testing.T) {
	s := testSet(t)
	text := "Sometimes we sell your personal data."
	ms := s.NewMatcher().Match(text, "en")
	if len(ms) != 1 {
		t.Fatalf("got %d matches", len(ms))
	}
	var got []string
	for _, sp := range ms[0].Spans {
		got = append(got, text[sp.Start:sp.End])
	}
	if strings.Join(got, "|") != "sell|personal data" {
		t.Errorf("spans = %q", got)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"syntax", "rules:\n  - id: x\n    title: \"unclosed\n", "bad.yaml:3: found unexpected end of stream"},
		{"unknown field", "rules:\n  - id: x\n    colour: red\n", "bad.yaml:3: x.colour: unknown field"},
		{"bad severity", "rules:\n  - id: x\n    category: liability\n    severity: urgent\n", "bad.yaml:4: x.severity: unknown severity \"urgent\""},
		{"bad category", "rules:\n  - id: x\n    category: stuff\n", "bad.yaml:3: x.category: unknown category \"stuff\""},
		{"missing examples", strings.Replace(testPack[strings.Index(testPack, "rules:"):], "      en: {match: [\"We sell your data.\"], no_match: [\"We never sell your data.\"]}\n", "", 1), "sale.examples.en: every language with patterns needs examples"},
		{"short wildcard", "rules:\n  - id: x\n    category: liability\n    severity: low\n    title: {en: a, fr: a}\n    explanation: {en: a, fr: a}\n    legal: {en: [a], fr: [a]}\n    fix: {en: a, fr: a}\n    match: {en: [\"ab*\"]}\n    examples: {en: {match: [a], no_match: [b]}}\n", "wildcard \"ab*\" needs at least 3 letters"},
		{"subject with a severity", "rules:\n  - id: x\n    category: children\n    kind: subject\n    severity: high\n", "bad.yaml:5: x.severity: a subject is not reported: it has no severity"},
		{"inherit outside a compound", "rules:\n  - id: x\n    category: inherit\n", "bad.yaml:3: x.category: \"inherit\" is for compound rules only"},
		{"unknown category in a compound", "rules:\n  - id: x\n    category: liability\n    kind: compound\n    severity: low\n    title: {en: a, fr: a}\n    explanation: {en: a, fr: a}\n    legal: {en: [a], fr: [a]}\n    fix: {en: a, fr: a}\n    compound: {all: [[\"category:stuff\"]]}\n", "x.compound.all: unknown category \"stuff\""},
		{"document share on a risk", "rules:\n  - id: x\n    category: liability\n    severity: low\n    document_percent: 20\n", "bad.yaml:5: x.document_percent: only subjects can hold for a whole document"},
		{"document share over 100", "rules:\n  - id: x\n    category: children\n    kind: subject\n    document_percent: 120\n", "bad.yaml:5: x.document_percent: 120: want a percentage of the document's clauses, 1 to 100"},
		{"fallback subject", "rules:\n  - id: x\n    category: children\n    kind: subject\n    fallback: true\n", "x.fallback: only risk and compound rules can be fallbacks"},
		{"document part without a share", "rules:\n  - id: kids\n    category: children\n    kind: subject\n    title: {en: a, fr: a}\n    explanation: {en: a, fr: a}\n    match: {en: [\"kids\"]}\n    examples: {en: {match: [kids], no_match: [b]}}\n  - id: x\n    category: liability\n    kind: compound\n    severity: low\n    title: {en: a, fr: a}\n    explanation: {en: a, fr: a}\n    legal: {en: [a], fr: [a]}\n    fix: {en: a, fr: a}\n    compound: {all: [[\"document:kids\"]]}\n", "x.compound.all: \"kids\": want a subject rule with a document_percent"},
		{"unknown vocabulary", "rules:\n  - id: x\n    category: liability\n    severity: low\n    title: {en: a, fr: a}\n    explanation: {en: a, fr: a}\n    legal: {en: [a], fr: [a]}\n    fix: {en: a, fr: a}\n    match: {en: [\"@nope\"]}\n    examples: {en: {match: [a], no_match: [b]}}\n", "unknown vocabulary @nope"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Parse("bad.yaml", []byte(tc.yaml))
			if err == nil {
				_, err = Compile(p)
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestExamplesOfTestPack(t *testing.T) {
	for _, f := range testSet(t).TestExamples() {
		t.Errorf("%s [%s] %q: want match %v", f.Rule.ID, f.Lang, f.Text, f.WantMatch)
	}
}

// TestCompileIsDeterministic compiles the built-in packs several times:
// the word trie and the phrase automaton must come out the same each time
// (vocabularies and words are kept in maps while compiling), so that two
// runs of fineprint do the same work and benchmarks compare like with like.
func TestCompileIsDeterministic(t *testing.T) {
	var first string
	for i := 0; i < 5; i++ {
		s := builtinSet(t)
		var got string
		for _, lang := range []string{"en", "fr"} {
			li := s.langs[lang]
			got += fmt.Sprint(li.words.nodes, li.words.ends, li.words.syms, li.auto.root, li.auto.edges, li.auto.finals)
		}
		if i == 0 {
			first = got
		} else if got != first {
			t.Fatalf("compilation %d differs from the first", i+1)
		}
	}
}
