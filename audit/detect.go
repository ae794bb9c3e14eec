package audit

import (
	"strings"

	"github.com/fineprint/fineprint/rules"
)

// Document kinds.
const (
	KindOffer   = "offer"
	KindTOS     = "tos"
	KindPrivacy = "privacy"
	KindUnknown = "unknown"
)

// detectSample bounds how many clauses language and kind detection read.
const detectSample = 400

var stopwords = map[string][2]int{ // word → votes for [en, fr]
	"the": {1, 0}, "and": {1, 0}, "of": {1, 0}, "to": {1, 0}, "you": {1, 0}, "your": {1, 0},
	"we": {1, 0}, "our": {1, 0}, "is": {1, 0}, "are": {1, 0}, "this": {1, 0}, "that": {1, 0},
	"for": {1, 0}, "with": {1, 0}, "be": {1, 0}, "by": {1, 0}, "or": {1, 0}, "any": {1, 0},
	"will": {1, 0}, "may": {1, 0}, "in": {1, 0}, "it": {1, 0}, "not": {1, 0}, "on": {1, 0},
	"le": {0, 1}, "la": {0, 1}, "les": {0, 1}, "de": {0, 1}, "des": {0, 1}, "du": {0, 1},
	"et": {0, 1}, "vous": {0, 1}, "votre": {0, 1}, "vos": {0, 1}, "nous": {0, 1}, "notre": {0, 1},
	"est": {0, 1}, "sont": {0, 1}, "pour": {0, 1}, "par": {0, 1}, "dans": {0, 1}, "une": {0, 1},
	"un": {0, 1}, "que": {0, 1}, "qui": {0, 1}, "au": {0, 1}, "aux": {0, 1}, "ou": {0, 1},
	"sur": {0, 1}, "ne": {0, 1}, "pas": {0, 1}, "avec": {0, 1},
}

// DetectLanguage guesses whether clauses are in English or French by
// counting their most common words; English when it cannot tell.
func DetectLanguage(clauses []Clause) string {
	var z rules.Tokenizer
	var en, fr int
	for i, c := range clauses {
		if i == detectSample {
			break
		}
		for _, t := range z.Tokens(c.Text) {
			v := stopwords[string(z.Norm(t))]
			en, fr = en+v[0], fr+v[1]
		}
	}
	if fr > en {
		return "fr"
	}
	return "en"
}

// kindCues are phrases, in normalised words, that point at a kind of
// document; a cue in the title counts five times.
var kindCues = map[string][]string{
	KindOffer: {
		"referral", "refer a friend", "reward", "rewards", "sweepstakes", "giveaway", "contest",
		"prize", "prizes", "promotion", "promo code", "cash reward", "bonus", "cashback", "invite friends",
		"parrainage", "parrain", "filleul", "filleuls", "recompense", "recompenses", "jeu concours",
		"tirage au sort", "dotation", "dotations", "offre promotionnelle", "gain", "gains", "lot", "lots",
	},
	KindPrivacy: {
		"privacy policy", "privacy notice", "personal data", "personal information", "data controller",
		"data protection", "data subject", "legal basis", "retention period", "cookies",
		"politique de confidentialite", "donnees personnelles", "donnees a caractere personnel",
		"responsable du traitement", "protection des donnees", "base legale", "duree de conservation",
	},
	KindTOS: {
		"terms of service", "terms of use", "terms and conditions", "user agreement", "these terms",
		"your account", "governing law", "limitation of liability", "termination",
		"conditions generales", "conditions generales de utilisation", "conditions generales de vente",
		"cgu", "cgv", "votre compte", "droit applicable", "responsabilite", "resiliation",
	},
}

// DetectKind classifies a document as an offer, terms of service or a
// privacy policy, or unknown when no kind stands out.
func DetectKind(title string, clauses []Clause) string {
	var z rules.Tokenizer
	normal := func(s string) string {
		var b strings.Builder
		b.WriteByte(' ')
		for _, t := range z.Tokens(s) {
			b.Write(z.Norm(t))
			b.WriteByte(' ')
		}
		return b.String()
	}
	var body strings.Builder
	for i, c := range clauses {
		if i == detectSample {
			break
		}
		body.WriteString(normal(c.Text))
	}
	head, text := normal(title), body.String()
	best, bestScore := KindUnknown, 2
	for _, kind := range []string{KindOffer, KindPrivacy, KindTOS} {
		score := 0
		for _, cue := range kindCues[kind] {
			pad := " " + cue + " "
			score += strings.Count(text, pad) + 5*strings.Count(head, pad)
		}
		if kind == KindOffer {
			score *= 2 // offer terms are short: fewer cues say as much
		}
		if score > bestScore {
			best, bestScore = kind, score
		}
	}
	return best
}
