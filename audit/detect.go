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
	lang, _ := Detect("", clauses)
	return lang
}

// Detect returns a document's language (see DetectLanguage) and kind (see
// DetectKind), reading the words of its first clauses once for both.
func Detect(title string, clauses []Clause) (lang, kind string) {
	cues := newCueIndex()
	var z rules.Tokenizer
	var count cueCounter
	count.reset(cues)
	var en, fr int
	for _, c := range sample(clauses) {
		toks := z.Tokens(c.Text)
		for _, t := range toks {
			w := z.Norm(t)
			if len(w) > maxStopword {
				continue // most words: spares the map lookup
			}
			v := stopwords[string(w)]
			en, fr = en+v[0], fr+v[1]
		}
		count.clause(cues, &z, toks, 1)
	}
	count.clause(cues, &z, z.Tokens(title), 5)
	lang = "en"
	if fr > en {
		lang = "fr"
	}
	return lang, kindOf(count.score)
}

// maxStopword is the length of the longest stop word.
const maxStopword = 5

// sample returns the clauses detection reads.
func sample(clauses []Clause) []Clause {
	return clauses[:min(len(clauses), detectSample)]
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

// kindOrder is the order kinds are scored in: on a tie the first wins.
var kindOrder = []string{KindOffer, KindPrivacy, KindTOS}

// DetectKind classifies a document as an offer, terms of service or a
// privacy policy, or unknown when no kind stands out.
//
// A cue counts each time its words follow each other in a clause (or the
// title), except that an occurrence right after another one of the same
// cue, with no word between them, is not counted: the rule of the first
// version, which counted " cue " in the clauses' words joined by spaces.
func DetectKind(title string, clauses []Clause) string {
	_, kind := Detect(title, clauses)
	return kind
}

// kindOf returns the kind whose cues stand out in scores (by kindOrder).
func kindOf(scores [3]int) string {
	best, bestScore := KindUnknown, 2
	for k, kind := range kindOrder {
		score := scores[k]
		if kind == KindOffer {
			score *= 2 // offer terms are short: fewer cues say as much
		}
		if score > bestScore {
			best, bestScore = kind, score
		}
	}
	return best
}

// cue is one phrase of kindCues, split into words.
type cue struct {
	words []string
	kind  int // index in kindOrder
}

// cueIndex lists the cues by their first word.
type cueIndex struct {
	cues    []cue
	byFirst map[string][]int32 // first word → cues
}

func newCueIndex() *cueIndex {
	x := &cueIndex{byFirst: map[string][]int32{}}
	for k, kind := range kindOrder {
		for _, phrase := range kindCues[kind] {
			words := strings.Fields(phrase)
			x.byFirst[words[0]] = append(x.byFirst[words[0]], int32(len(x.cues)))
			x.cues = append(x.cues, cue{words: words, kind: k})
		}
	}
	return x
}

// cueCounter adds up the weighted cues of each kind.
type cueCounter struct {
	score [3]int // per kind, in kindOrder
	// after is, per cue, the first token of the current clause where it
	// may be counted again.
	after []int
}

func (c *cueCounter) reset(x *cueIndex) { c.after = make([]int, len(x.cues)) }

// clause counts the cues among the tokens of one clause, weight each.
func (c *cueCounter) clause(x *cueIndex, z *rules.Tokenizer, toks []rules.Token, weight int) {
	clear(c.after)
	for i, t := range toks {
		for _, ci := range x.byFirst[string(z.Norm(t))] {
			cu := &x.cues[ci]
			if i < c.after[ci] || !wordsAt(z, toks[i:], cu.words) {
				continue
			}
			c.score[cu.kind] += weight
			// The next occurrence must leave a word between: in the joined
			// text the space before it was part of this match.
			c.after[ci] = i + len(cu.words) + 1
		}
	}
}

// wordsAt reports whether toks starts with words.
func wordsAt(z *rules.Tokenizer, toks []rules.Token, words []string) bool {
	if len(toks) < len(words) {
		return false
	}
	for k, w := range words {
		if string(z.Norm(toks[k])) != w {
			return false
		}
	}
	return true
}
