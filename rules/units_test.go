package rules

import (
	"slices"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestUnits(t *testing.T) {
	set, err := Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	checkNames(t, "Units", set.Units, []nameCase{
		{"earned, then used", "en", []string{
			"Members earn Drops on every litre of water they save.",
			"Drops can be exchanged for vouchers.",
			"Your Drops balance is shown in the app.",
		}, []string{"drops"}},
		{"defined in quotes after a unit noun", "en", []string{
			`The scheme gives reward points ("Seeds") for each purchase.`,
			"Seeds are shown on your receipt.",
			"Seeds cannot be exchanged for cash.",
		}, []string{"seeds"}},
		{"French, earned with a determiner in between", "fr", []string{
			"Vous cumulez des Boucles à chaque vente.",
			"Les Boucles sont convertibles en produits.",
			"Le solde de vos Boucles figure dans votre espace.",
		}, []string{"boucles"}},
		{"French, quoted before a unit noun", "fr", []string{
			"Chaque trajet permet de cumuler des « Rayons », points échangeables contre des avantages.",
			"Les Rayons figurent dans l'application.",
			"Le barème des Rayons est publié chaque mois.",
		}, []string{"rayons"}},
		{"French, a name with an accented capital", "fr", []string{
			"Chaque partie permet de gagner des Éclats.",
			"Les Éclats s'affichent dans le profil.",
			"Les Éclats ne sont pas échangeables contre de l'argent.",
		}, []string{"eclats"}},
		{"a count written in words", "fr", []string{
			"Chaque heure réglée rapporte dix Éclats au Client.",
			"Les Éclats non convertis s'éteignent à la date anniversaire.",
			"Le solde d'Éclats figure dans l'application.",
		}, []string{"eclats"}},
		{"already credited", "en", []string{
			"Sparks already credited cannot be transferred.",
			"Sparks lapse after a year.",
			"Your Sparks balance is shown in the app.",
		}, []string{"sparks"}},
		{"a number word before a word that is not a unit", "en", []string{
			"Members may bring two Guests to each event.",
			"Guests must sign in at the desk.",
			"Guests are welcome at the bar.",
		}, nil},
		{"used in too few clauses", "en", []string{
			"Members earn Drops on every litre of water they save.",
			"Drops can be exchanged for vouchers.",
		}, nil},
		{"a brand before a unit noun is not the unit", "en", []string{
			"Each household earns 100 Flex Points per event.",
			"Flex Points convert into credit.",
			"Flex Points lapse after a year.",
		}, nil},
		{"a unit noun run into the name", "en", []string{
			"Members earn 10 Roadmiles for every pound spent.",
			"Roadmiles can be exchanged for free journeys.",
			"Your Roadmiles balance is shown in the app.",
		}, []string{"roadmiles"}},
		{"a unit noun with a capital of its own is read already", "en", []string{
			"Members earn 10 CarePoints for every pound spent.",
			"CarePoints can be exchanged for vouchers.",
			"Your CarePoints balance is shown in the app.",
		}, nil},
		{"a unit noun alone is read already", "en", []string{
			"Members earn 10 Points for every pound spent.",
			"Points can be exchanged for vouchers.",
			"Your Points balance is shown in the app.",
		}, nil},
		{"a subject who earns is not a unit", "fr", []string{
			"L'Utilisateur gagne des points à chaque trajet.",
			"L'Utilisateur peut consulter son solde.",
			"L'Utilisateur est informé des changements.",
		}, nil},
		{"a capitalised word never said to be earned", "en", []string{
			"Stores are open every day.",
			"Stores may close on public holidays.",
			"Stores list their opening hours online.",
		}, nil},
	})
}

// nameCase is a document (its clauses, in lang) and the names a search
// of the document's own names (Units, MinorRoles) should find in it.
type nameCase struct {
	name  string
	lang  string
	texts []string
	want  []string
}

// checkNames runs find on each case and compares its sorted result.
func checkNames(t *testing.T, what string, find func([]string, string) []string, tests []nameCase) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := find(tc.texts, tc.lang)
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("%s = %q, want %q", what, got, tc.want)
			}
		})
	}
}

func TestMatcherReadsUnitsAsPoints(t *testing.T) {
	set, err := Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	rewardRules := func(m *Matcher, text, lang string) []string {
		var ids []string
		for _, mt := range m.Match(text, lang) {
			if mt.Rule.Category == "reward" {
				ids = append(ids, mt.Rule.ID)
			}
		}
		return ids
	}
	for _, tc := range []struct{ lang, unit, text string }{
		{"en", "drops", "Unused Drops are cancelled at the end of each year, without notice."},
		{"en", "drops", "Each Drop lapses 90 days after it was credited, regardless of how active the member has been."},
		{"fr", "boucles", "Les Boucles non converties à la fin du semestre sont annulées sans préavis."},
	} {
		m := set.NewMatcher()
		if got := rewardRules(m, tc.text, tc.lang); len(got) != 0 {
			t.Fatalf("%q without units fired %v: pick a clause only the unit makes risky", tc.text, got)
		}
		m.SetUnits([]string{tc.unit})
		if got := rewardRules(m, tc.text, tc.lang); len(got) == 0 {
			t.Errorf("%q with the unit %q: no reward rule fired", tc.text, tc.unit)
		}
		m.SetUnits(nil)
		if got := rewardRules(m, tc.text, tc.lang); len(got) != 0 {
			t.Errorf("%q after SetUnits(nil) still fired %v", tc.text, got)
		}
	}
	// Only capitalised uses are the unit: "drops" of water stay drops.
	m := set.NewMatcher()
	m.SetUnits([]string{"drops"})
	if got := rewardRules(m, "Unused drops are cancelled at the end of each year, without notice.", "en"); len(got) != 0 {
		t.Errorf("lower-case drops fired %v", got)
	}
}

// FuzzCapitalisedPlurals checks the eight-bytes-at-a-time scan against a
// plain one, rune by rune.
func FuzzCapitalisedPlurals(f *testing.F) {
	for _, s := range []string{
		"Members earn Drops; DROPS and Drops.", "« les Éclats » et les Boucles", "CarePoints Seeds×Ax",
		"aaaaaaaaaaaaaaaaBoucles", "x\xc3\x80bcs \xc3\x97xs Ünits", "", "Ab", "ABCS",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		type word struct {
			at int
			w  string
		}
		var got, want []word
		for at, w := range capitalisedPlurals(text) {
			got = append(got, word{at, w})
		}
		for i := 0; i < len(text); {
			r, size := utf8.DecodeRuneInString(text[i:])
			capital := 'A' <= r && r <= 'Z' || 'À' <= r && r <= 'Þ' && r != '×'
			if capital && !(i > 0 && wordByte(text[i-1])) {
				j := i + size
				for j < len(text) {
					r2, s2 := utf8.DecodeRuneInString(text[j:])
					if r2 == utf8.RuneError || !unicode.IsLetter(r2) || r2 < utf8.RuneSelf && !isLowerASCII(byte(r2)) && !isUpperASCII(byte(r2)) {
						break
					}
					j += s2
				}
				if w := text[i:j]; len(w) > 3 && (w[len(w)-1] == 's' || w[len(w)-1] == 'x') {
					want = append(want, word{i, w})
				}
				i = j
				continue
			}
			i += size
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%q: got %v, want %v", text, got, want)
		}
	})
}
