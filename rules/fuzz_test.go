package rules

import "testing"

// fuzzRule is a complete, valid rule for the seeds to vary.
const fuzzRule = `
vocab:
  pdata:
    en: ["personal data", "your data"]
    fr: ["vos donnees"]
rules:
  - id: sale
    category: data-sharing
    severity: critical
    title: {en: Sale, fr: Vente}
    explanation: {en: x, fr: x}
    legal: {en: [x], fr: [x]}
    fix: {en: x, fr: x}
    match:
      en: [{all: ["sell*", "@pdata"], within: 8}, "constitutes * consent"]
      fr: [{all: [["vend*", "cede*"], "@pdata"], within: 8, ordered: true}]
    unless:
      en: ["never"]
    examples:
      en: {match: ["We sell your data."], no_match: ["We never sell your data."]}
      fr: {match: ["Nous vendons vos données."], no_match: ["Nous ne vendons pas vos données."]}
`

// FuzzParseRules feeds rule files, valid and broken, to the loader and the
// compiler: a bad file must give an error, never a panic. A file that
// compiles is matched against a sentence in each language too.
func FuzzParseRules(f *testing.F) {
	seeds := []string{
		fuzzRule,
		"",
		"rules: []\n",
		"vocab: {}\n",
		"rules:\n  - id: x\n    title: \"unclosed\n",
		"rules:\n  - id: x\n    colour: red\n",
		"rules:\n  - id: x\n    category: liability\n    severity: urgent\n",
		"rules:\n  - id: x\n    category: liability\n    severity: low\n    title: {en: a, fr: a}\n    explanation: {en: a, fr: a}\n    legal: {en: [a], fr: [a]}\n    fix: {en: a, fr: a}\n    match: {en: [\"ab*\"]}\n    examples: {en: {match: [a], no_match: [b]}}\n",
		"rules:\n  - id: x\n    category: liability\n    severity: low\n    title: {en: a, fr: a}\n    explanation: {en: a, fr: a}\n    legal: {en: [a], fr: [a]}\n    fix: {en: a, fr: a}\n    match: {en: [\"@nope\"]}\n    examples: {en: {match: [a], no_match: [b]}}\n",
		"rules:\n  - id: x\n    category: liability\n    severity: low\n    title: {en: a, fr: a}\n    explanation: {en: a, fr: a}\n    legal: {en: [a], fr: [a]}\n    fix: {en: a, fr: a}\n    match: {en: [{all: [], within: -1}]}\n    examples: {en: {match: [a], no_match: [b]}}\n",
		"rules:\n  - id: x\n    category: liability\n    severity: low\n    title: {en: a, fr: a}\n    explanation: {en: a, fr: a}\n    legal: {en: [a], fr: [a]}\n    fix: {en: a, fr: a}\n    match: {en: [\"*\", \"* *\", \"'\", \"\"]}\n    examples: {en: {match: [a], no_match: [b]}}\n",
		"rules:\n  - &a {id: x}\n  - *a\n",
		"rules: {id: x}\n",
		"- just\n- a\n- list\n",
		"vocab:\n  v:\n    en: [\"@v\"]\nrules:\n  - id: x\n    match: {en: [\"@v\"]}\n",
		"\xff\xfe\x00r\x00u\x00l\x00e\x00s\x00:",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse("fuzz.yaml", data)
		if err != nil {
			return
		}
		set, err := Compile(p)
		if err != nil {
			return
		}
		m := set.NewMatcher()
		m.Match("By taking part you consent: we sell your personal data, never.", "en")
		m.Match("Nous ne vendons pas vos données ; l'offre vaut consentement.", "fr")
	})
}

// FuzzMatch matches any text with the built-in packs: tokenizing and
// matching must end, never panic, and give spans inside the text.
func FuzzMatch(f *testing.F) {
	for _, seed := range []string{
		"We may sell your personal data to our partners at any time.",
		"Nous ne vendons jamais vos données, qu'elles soient agrégées ou non.",
		"Tout litige né du contrat, le nombre de pas et l\u02bcimage.",
		"data \u02bc now \u02bc\u02bc",
		"don't won't can't 'quoted' `tick` \u2019s",
		"GuestPoints lapse; SkyMilesPoints, YouTube, aB, Xpoints, PointsPoints\u2019 GuestPoints\u00e9",
	} {
		f.Add(seed)
	}
	s := builtinSet(f)
	m := s.NewMatcher()
	var z Tokenizer
	f.Fuzz(func(t *testing.T, text string) {
		for _, tok := range z.Tokens(text) {
			if tok.Start < 0 || tok.End > len(text) || tok.Start > tok.End {
				t.Fatalf("token span %d:%d outside %q", tok.Start, tok.End, text)
			}
		}
		for _, lang := range []string{"en", "fr"} {
			for _, mt := range m.Match(text, lang) {
				for _, sp := range mt.Spans {
					if sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End {
						t.Fatalf("%s: span %d:%d outside %q", mt.Rule.ID, sp.Start, sp.End, text)
					}
				}
			}
		}
	})
}
