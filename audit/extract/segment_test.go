package extract

import (
	"strings"
	"testing"
)

func segmentTexts(text string) []string {
	var out []string
	for _, s := range sentences(text, nil) {
		out = append(out, text[s.start:s.end])
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"simple", "We sell data. You agree! Really? Yes.", []string{"We sell data.", "You agree!", "Really?", "Yes."}},
		{"lowercase continues", "Use e.g. the app. or not.", []string{"Use e.g. the app. or not."}},
		{"abbreviations en", "Acme Inc. and Acme Ltd. Co. agree, i.e. Acme Corp. Holdings etc. No. 5 and Mr. Smith, Dr. Who, St. Ives, vs. Them.", []string{"Acme Inc. and Acme Ltd. Co. agree, i.e. Acme Corp. Holdings etc. No. 5 and Mr. Smith, Dr. Who, St. Ives, vs. Them."}},
		{"abbreviations fr", "Voir art. 3 et Art. 4, cf. Annexe. M. Dupont et Mme Durand, n° 12, p. 4, pp. 5-6, al. 2, ex. Paris.", []string{"Voir art. 3 et Art. 4, cf. Annexe.", "M. Dupont et Mme Durand, n° 12, p. 4, pp. 5-6, al. 2, ex. Paris."}},
		{"acronyms and initials", "Law of the U.S. Congress and U.K. Parliament. J. R. Smith signs.", []string{"Law of the U.S. Congress and U.K. Parliament.", "J. R. Smith signs."}},
		{"numbers", "Section 4.2 applies. The fee is 3.50 EUR. 2. Next item.", []string{"Section 4.2 applies.", "The fee is 3.50 EUR.", "2. Next item."}},
		{"quotes and brackets", `He said "stop." Then (see below.) "Quoted." « Fin. » Puis la suite.`, []string{`He said "stop."`, "Then (see below.)", `"Quoted."`, "« Fin. »", "Puis la suite."}},
		{"french spacing", "Vraiment ? Oui ! D'accord.", []string{"Vraiment ?", "Oui !", "D'accord."}},
		{"ellipsis", "Wait… Then more... And … the end.", []string{"Wait…", "Then more...", "And … the end."}},
		{"long enumeration intact", "photo, name, likeness, voice; opinions; statements — in perpetuity.", []string{"photo, name, likeness, voice; opinions; statements — in perpetuity."}},
		{"no space", "Visit example.com.Then.", []string{"Visit example.com.Then."}},
		{"leading and trailing space", "  One.  Two.  ", []string{"One.", "Two."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := segmentTexts(tt.text); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
