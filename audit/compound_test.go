package audit

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/fineprint/fineprint/rules"
)

// shareRule and minorsDataRule are shared by the test packs: a risk of
// sharing data, and a compound that makes it a risk for children where
// the clause names them (the packs define the subject minors).
const shareRule = `
  - id: share
    category: data-sharing
    severity: high
    title: {en: Sharing, fr: Partage}
    explanation: {en: x, fr: x}
    legal: {en: [x], fr: [x]}
    fix: {en: x, fr: x}
    match: {en: ["share * data"]}
    examples: {en: {match: ["We share your data."], no_match: ["We keep your data."]}}
`

const minorsDataRule = `
  - id: minors-data
    category: children
    kind: compound
    severity: high
    title: {en: Children's data at risk, fr: Données d'enfants}
    explanation: {en: x, fr: x}
    legal: {en: [x], fr: [x]}
    fix: {en: x, fr: x}
    compound: {scope: clause, all: [[minors], ["category:data-sharing"]]}
    examples: {en: {match: ["We share the data of children."], no_match: ["We share your data."]}}
`

// compoundPack has two risks, a subject and two compound rules: one that
// combines the subject with any finding of a category, one that takes the
// category of the clause it is placed at.
const compoundPack = `
rules:
  - id: arb
    category: arbitration
    severity: high
    title: {en: Arbitration, fr: Arbitrage}
    explanation: {en: x, fr: x}
    legal: {en: [x], fr: [x]}
    fix: {en: x, fr: x}
    match: {en: ["binding arbitration"]}
    examples: {en: {match: ["Disputes go to binding arbitration."], no_match: ["Disputes go to court."]}}
  - id: share
    category: data-sharing
    severity: high
    title: {en: Sharing, fr: Partage}
    explanation: {en: x, fr: x}
    legal: {en: [x], fr: [x]}
    fix: {en: x, fr: x}
    match: {en: ["share * data"]}
    examples: {en: {match: ["We share your data."], no_match: ["We keep your data."]}}
  - id: share-broad
    category: data-sharing
    fallback: true
    severity: high
    title: {en: Data passed on, fr: Données transmises}
    explanation: {en: x, fr: x}
    legal: {en: [x], fr: [x]}
    fix: {en: x, fr: x}
    match: {en: [{all: ["data", "partners"], within: 10}]}
    examples: {en: {match: ["Your data goes to partners."], no_match: ["Your data stays here."]}}
  - id: sent-broad
    category: data-sharing
    fallback: true
    severity: medium
    title: {en: Data sent out, fr: Données envoyées}
    explanation: {en: x, fr: x}
    legal: {en: [x], fr: [x]}
    fix: {en: x, fr: x}
    match: {en: [{all: ["data", "sent"], within: 10}]}
    examples: {en: {match: ["Usage data is sent away."], no_match: ["Your data stays here."]}}
  - id: cap
    category: liability
    severity: high
    title: {en: Cap, fr: Plafond}
    explanation: {en: x, fr: x}
    legal: {en: [x], fr: [x]}
    fix: {en: x, fr: x}
    match: {en: ["liability is capped"]}
    examples: {en: {match: ["Our liability is capped."], no_match: ["We are liable."]}}
  - id: minors
    category: children
    kind: subject
    title: {en: About minors, fr: Mineurs}
    explanation: {en: x, fr: x}
    match: {en: ["children"]}
    examples: {en: {match: ["Children may join."], no_match: ["Adults may join."]}}
` + minorsDataRule + `
  - id: no-remedy
    category: inherit
    kind: compound
    severity: high
    title: {en: No remedy, fr: Aucun recours}
    explanation: {en: x, fr: x}
    legal: {en: [x], fr: [x]}
    fix: {en: x, fr: x}
    compound: {scope: document, all: [[arb], [cap]]}
    examples: {en: {match: ["Disputes go to binding arbitration and our liability is capped."], no_match: ["Our liability is capped."]}}
`

// testPack compiles a test pack and checks its examples.
func testPack(t *testing.T, name, yaml string) *rules.Set {
	t.Helper()
	p, err := rules.Parse(name, []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	set, err := rules.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	if fails := set.TestExamples(); len(fails) > 0 {
		t.Fatalf("examples: %+v", fails[0])
	}
	return set
}

func TestCompoundsSubjectsAndFallbacks(t *testing.T) {
	set := testPack(t, "compound.yaml", compoundPack)
	doc := &Document{Source: "t.txt", Clauses: []Clause{
		{Text: "Children may join the club.", Line: 1, Offset: 0},
		{Text: "We share the data of children with sponsors.", Line: 2, Offset: 30},
		{Text: "We share your data with partners.", Line: 3, Offset: 80},
		{Text: "Disputes go to binding arbitration.", Line: 4, Offset: 120},
		{Text: "Our liability is capped at ten pounds.", Line: 5, Offset: 160},
		{Text: "Usage data is sent to partners.", Line: 6, Offset: 200},
	}}
	rep := Audit(context.Background(), doc, set, Options{Lang: "en"})
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.Rule+"@"+f.Category+":"+string(rune('0'+f.Location.Line)))
	}
	// share-broad and sent-broad are fallbacks: on line 3 the specific
	// share rule says it already; on line 6 share-broad, the first of the
	// two, is the only finding: one broad finding per category and clause.
	want := []string{"minors-data@children:2", "share@data-sharing:2", "share@data-sharing:3", "arb@arbitration:4", "no-remedy@arbitration:4", "cap@liability:5", "share-broad@data-sharing:6"}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("findings %q, want %q (a subject is never a finding; the inherited category is the first part's)", got, want)
	}
}

func TestBroadRulesNeedAStatement(t *testing.T) {
	set := testPack(t, "compound.yaml", compoundPack)
	doc := &Document{Source: "t.txt", Clauses: []Clause{
		{Text: "Why is your data sent to partners?", Line: 1},
		{Text: "Data Sent to Our Partners", Line: 2},
		{Text: "Do we share your data?", Line: 3},
		{Text: "Data sent to partners", Line: 4},
		{Text: "Your data is sent to partners", Line: 5},
	}}
	rep := Audit(context.Background(), doc, set, Options{Lang: "en"})
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.Rule+":"+string(rune('0'+f.Location.Line)))
	}
	// A question and a title-case heading name a subject: the broad rule
	// stays silent there, the specific one does not. A list item without a
	// full stop still states something.
	want := []string{"share:3", "share-broad:4", "share-broad:5"}
	if !slices.Equal(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
}

func TestInheritOnlyForCompounds(t *testing.T) {
	const pack = `
rules:
  - id: odd
    category: inherit
    severity: high
    title: {en: x, fr: x}
    explanation: {en: x, fr: x}
    legal: {en: [x], fr: [x]}
    fix: {en: x, fr: x}
    match: {en: ["x y"]}
    examples: {en: {match: ["x y"], no_match: ["y x"]}}
`
	if _, err := rules.Parse("odd.yaml", []byte(pack)); err == nil {
		t.Error("a risk rule with category inherit loaded")
	}
}

// audiencePack has a subject that holds for a whole document where at
// least 40 % of its clauses name it, and a fallback compound that uses it.
const audiencePack = `
rules:
` + shareRule + `
  - id: keep
    category: retention
    severity: medium
    title: {en: Kept, fr: Conservé}
    explanation: {en: x, fr: x}
    legal: {en: [x], fr: [x]}
    fix: {en: x, fr: x}
    match: {en: ["kept forever"]}
    examples: {en: {match: ["Logs are kept forever."], no_match: ["Logs are kept for a week."]}}
  - id: minors
    category: children
    kind: subject
    document_percent: 40
    title: {en: About minors, fr: Mineurs}
    explanation: {en: x, fr: x}
    match: {en: ["children"]}
    examples: {en: {match: ["Children may join."], no_match: ["Adults may join."]}}
` + minorsDataRule + `
  - id: audience
    category: children
    kind: compound
    fallback: true
    severity: high
    title: {en: Risk in a service for children, fr: Service pour enfants}
    explanation: {en: x, fr: x}
    legal: {en: [x], fr: [x]}
    fix: {en: x, fr: x}
    compound: {scope: clause, all: [["category:data-sharing", "category:retention"], ["document:minors"]]}
    examples:
      en:
        match: ["Children pick an avatar.\nChildren chat.\nChildren win badges.\nWe share your data with sponsors."]
        no_match: ["Adults pick an avatar.\nChildren chat.\nChildren win badges.\nWe share your data with sponsors.", "We share the data of children."]
`

func TestDocumentSubjects(t *testing.T) {
	set := testPack(t, "audience.yaml", audiencePack)
	audit := func(texts ...string) []string {
		doc := &Document{Source: "t.txt"}
		for i, text := range texts {
			doc.Clauses = append(doc.Clauses, Clause{Text: text, Line: i + 1, Offset: 100 * i})
		}
		var got []string
		for _, f := range Audit(context.Background(), doc, set, Options{Lang: "en"}).Findings {
			got = append(got, fmt.Sprintf("%s:%d %s", f.Rule, f.Location.Line, f.Match))
		}
		return got
	}
	kids := []string{"Children pick an avatar.", "Children can chat with friends.", "Children may win badges."}
	got := audit(append(kids, "We share your data with sponsors.", "Chat logs are kept forever.", "We share the data of children with sponsors.")...)
	want := []string{
		"audience:4 share + minors (whole document)",
		"share:4 share your data",
		"audience:5 keep + minors (whole document)",
		"keep:5 kept forever",
		// The clause names children itself: the clause compound says it,
		// the fallback is left out.
		"minors-data:6 minors + share",
		"share:6 share the data",
	}
	if !slices.Equal(got, want) {
		t.Errorf("in a document about children:\n got %q\nwant %q", got, want)
	}
	// A question names a subject: the specific rule still fires there, the
	// fallback compound does not.
	got = audit(append(kids, "Do we share your data with sponsors?")...)
	if want := []string{"share:4 share your data"}; !slices.Equal(got, want) {
		t.Errorf("a question in a document about children:\n got %q\nwant %q", got, want)
	}
	// Two clauses about children are too few to make a document about
	// them, and three out of eight too small a share.
	for _, texts := range [][]string{
		{kids[0], kids[1], "We share your data with sponsors.", "Chat logs are kept forever."},
		{kids[0], kids[1], kids[2], "We share your data with sponsors.", "Chat logs are kept forever.", "Adults pay.", "Adults vote.", "Adults win."},
	} {
		for _, f := range audit(texts...) {
			if strings.HasPrefix(f, "audience") {
				t.Errorf("%q: %s, want no document subject", texts, f)
			}
		}
	}
}
