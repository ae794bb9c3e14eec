package extract

import (
	"strings"
	"testing"

	"github.com/fineprint/fineprint/audit"
)

func TestExtractTextFixtures(t *testing.T) {
	runFixtures(t, audit.FormatText, []fixture{{
		file:  "referral_en.txt",
		title: "CASH REWARD REFERRAL PROGRAMME",
		want: []wantClause{
			{`These terms govern the ShopNow Inc. referral programme (the "Programme").`, 3, "CASH REWARD REFERRAL PROGRAMME"},
			{"You must be 18 years or older and resident in the U.K. or France.", 8, "1. Eligibility"},
			{"One reward per person.", 9, "1. Eligibility"},
			{"Participation constitutes a Member's consent for Sponsor to use and publish such Member's photo, name likeness, voice, opinions, statements, biographical information … for promotional or advertising purposes in any media worldwide, now known or hereafter developed, in perpetuity without further review, notification, payment, or consideration.", 13, "7. Publicity"},
			{"We may change these terms at any time.", 19, "8. Changes"},
			{"Continued use means acceptance.", 20, "8. Changes"},
			{"Rewards are paid within 30 days.", 22, "8. Changes"},
			{"We may suspend the Programme at any time.", 24, "8. Changes"},
		},
	}, {
		file:  "cgu_fr.txt",
		title: "CONDITIONS GÉNÉRALES D'UTILISATION",
		want: []wantClause{
			{"Les présentes conditions régissent l'utilisation du service proposé par la société Acme SAS, cf. art. 3 ci-dessous.", 4, "ARTICLE 1 – OBJET"},
			{"M. Dupont, directeur de la publication, en est responsable.", 5, "ARTICLE 1 – OBJET"},
			{"Le contrat est conclu pour une durée indéterminée.", 9, "Article 2 : Durée"},
			{"LA SOCIÉTÉ NE SAURAIT ÊTRE TENUE RESPONSABLE DES DOMMAGES INDIRECTS, QUELLE QU'EN SOIT LA CAUSE.", 12, "II. Responsabilité"},
		},
	}})
}

func TestTextHeadings(t *testing.T) {
	tests := []struct {
		name, text string
		clauses    []string
		section    string // of the last clause
	}{
		{"numbered heading", "7. Publicity\n\nWe use photos.", []string{"We use photos."}, "7. Publicity"},
		{"numbered sentence is a clause", "1. You must be 18.\n\nOk then.", []string{"You must be 18.", "Ok then."}, ""},
		{"one-line sentence is a clause", "We may change these terms at any time.", []string{"We may change these terms at any time."}, ""},
		{"all caps heading", "LIMITATION OF LIABILITY\n\nWe are not liable.", []string{"We are not liable."}, "LIMITATION OF LIABILITY"},
		{"keyword heading over text", "Article 3 : Durée\nLe contrat dure un an.", []string{"Le contrat dure un an."}, "Article 3 : Durée"},
		{"roman heading", "II. Liability\n\nNone.", []string{"None."}, "II. Liability"},
		{"wrapped numbered item", "1. The Sponsor may use your name\nand photo in perpetuity.", []string{"The Sponsor may use your name and photo in perpetuity."}, ""},
		{"all caps disclaimer", "THE SERVICE IS PROVIDED AS IS\nWITHOUT WARRANTY OF ANY KIND.", []string{"THE SERVICE IS PROVIDED AS IS WITHOUT WARRANTY OF ANY KIND."}, ""},
		{"list markers split blocks", "Rules:\n- one rule;\n• two rule;\na) three;\n(iv) four;\ni. five.", []string{"Rules:", "one rule;", "two rule;", "three;", "four;", "five."}, ""},
		{"underlined heading", "Privacy\n=======\n\nWe care.", []string{"We care."}, "Privacy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clauses, _, _ := Extract([]byte(tt.text), audit.FormatText)
			if got := texts(clauses); strings.Join(got, "|") != strings.Join(tt.clauses, "|") {
				t.Fatalf("clauses = %q, want %q", got, tt.clauses)
			}
			if got := clauses[len(clauses)-1].SectionTitle(); got != tt.section {
				t.Errorf("section = %q, want %q", got, tt.section)
			}
		})
	}
}
