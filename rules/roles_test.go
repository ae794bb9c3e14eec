package rules

import (
	"slices"
	"testing"
)

func TestMinorRoles(t *testing.T) {
	set, err := Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	checkNames(t, "MinorRoles", set.MinorRoles, []nameCase{
		{"defined as a child", "en", []string{
			`"Parent" means the person with parental responsibility who books, and "Camper" means each child booked onto a camp.`,
			"Camper records are kept for as long as we find them useful.",
			"Campers' photos may appear in our adverts.",
		}, []string{"camper"}},
		{"defined by an age under 18", "en", []string{
			`"Player" means a person aged 8 to 16 registered with the League.`,
			"Each Player's ratings are shared with scouts.",
			"Players may be filmed at fixtures.",
		}, []string{"player"}},
		{"French, defined as a child", "fr", []string{
			"Le « Stagiaire » désigne l'enfant inscrit à un stage.",
			"Les travaux du Stagiaire deviennent la propriété de l'organisateur.",
			"Chaque Stagiaire peut être photographié.",
		}, []string{"stagiaire"}},
		{"the parent of a child is not a child", "en", []string{
			`"Parent" means the person with parental responsibility for a child.`,
			"The Parent may withdraw consent.",
			"Each Parent receives the newsletter.",
		}, nil},
		{"a child or an adult is not a minor role", "en", []string{
			`"Learner" means the child or adult who takes the lessons.`,
			"Learner recordings are kept.",
			"Each Learner gets a profile.",
		}, nil},
		{"an age of 18 or more", "en", []string{
			`"Runner" means anyone aged 16 or over who enters the race.`,
			"Runner times are published.",
			"Each Runner may be photographed.",
		}, nil},
		{"defined but used in too few clauses", "fr", []string{
			"Le « Stagiaire » désigne l'enfant inscrit à un stage.",
			"Le Stagiaire apporte son goûter.",
		}, nil},
		{"named in brackets after the children it describes", "en", []string{
			`Sparkforge runs robotics workshops for children aged 7 to 14 ("Campers") in the South West.`,
			"Camper projects may be shown at open days.",
			"Each Camper gets a kit.",
		}, []string{"camper"}},
		{"French, a range of ages and « ci-après »", "fr", []string{
			"Le club accueille des joueurs de 6 à 17 ans (ci-après « le Licencié ») inscrits par leur représentant légal.",
			"Les résultats du Licencié sont publiés.",
			"Chaque Licencié reçoit un maillot.",
		}, []string{"licencie"}},
		{"a range that reaches adults", "en", []string{
			`We welcome players from 16 to 21 years ("Squad Members") at every session.`,
			"Squad Members train twice a week.",
			"Each Squad Member gets a kit.",
		}, nil},
		{"the trader named after the children it serves", "en", []string{
			`CampLink Ltd runs holiday camps for children aged 6 to 15 ("CampLink", "we", "us").`,
			"CampLink may change these terms.",
			"CampLink keeps booking records.",
		}, nil},
		{"French, the adults who look after children", "fr", []string{
			"La plateforme met en relation des intervenants proposant la garde d'enfants à domicile (les « Gardes »).",
			"Chaque Garde est contrôlée.",
			"Les Gardes fixent leurs tarifs.",
		}, nil},
		{"a quoted word that is not defined", "en", []string{
			`Children may join the "Explorers" group.`,
			"Explorers meet on Saturdays.",
			"Explorers are supervised.",
		}, nil},
	})
}

// A minor role is read as "child" by the rules: a clause that says only
// "Camper" fires what the same clause saying "child" fires.
func TestMatcherReadsRoles(t *testing.T) {
	set, err := Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	m := set.NewMatcher()
	fired := func(text string) []string {
		var ids []string
		for _, mt := range m.Match(text, "en") {
			ids = append(ids, mt.Rule.ID)
		}
		return ids
	}
	const clause = "Campers' names and photographs are passed to our sponsors for their own advertising."
	before := fired(clause)
	m.SetRoles([]string{"camper"})
	after := fired(clause)
	child := fired("Children's names and photographs are passed to our sponsors for their own advertising.")
	if slices.Equal(before, after) {
		t.Fatalf("reading Campers as children changed nothing: %q", after)
	}
	if !slices.Equal(after, child) {
		t.Errorf("with the role: %q, with \"Children\": %q", after, child)
	}
	m.SetRoles(nil)
	if got := fired(clause); !slices.Equal(got, before) {
		t.Errorf("after SetRoles(nil): %q, want %q", got, before)
	}
}

// FuzzMinorRoles checks that MinorRoles never fails on any text and that
// every role it returns is written in the text.
func FuzzMinorRoles(f *testing.F) {
	for _, s := range []string{
		`"Camper" means each child booked onto a camp.`,
		`children aged 7 to 14 ("Campers")`,
		"un enfant âgé de 6 à 17 ans (le « Participant »)",
		`"Hops" means the points credited under clause 5.`,
		`("`, `"A" means`, "« É » désigne l'enfant", "(\"", "aged 99999999999999999999 (\"X\")",
	} {
		f.Add(s)
	}
	set, err := Load(nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, lang := range []string{"en", "fr"} {
			texts := []string{text, text, text}
			var z Tokenizer
			for _, role := range set.MinorRoles(texts, lang) {
				found := false
				for _, tok := range z.Tokens(text) {
					if w := z.Word(tok); w == role || w == role+"s" {
						found = true
					}
				}
				if !found {
					t.Fatalf("role %q is not a word of %q", role, text)
				}
			}
		}
	})
}
