package rules

import "strings"

// negators are the words that put what follows them in a negation scope,
// with how many words they reach: "we never sell", "nous ne vendons pas",
// "en aucun cas", but "non" only negates the next word ("non-transferable,
// sublicensable" negates transferable, not sublicensable).
var negators = map[string]negator{
	"not": {6, true, false}, "never": {6, true, false}, "cannot": {4, true, false}, "ne": {6, true, true}, "pas": {3, true, false}, "jamais": {6, true, false},
	"no": {4, false, false}, "nor": {4, false, false}, "neither": {6, false, false}, "nothing": {6, false, false}, "none": {4, false, false},
	"aucun": {6, false, false}, "aucune": {6, false, false}, "nullement": {6, false, false}, "ni": {4, false, false}, "rien": {6, false, false},
	"non": {1, false, false},
}

// negator is how far a negation word reaches, and whether it negates a
// verb: a verbal negation stops at the next modal ("content that does not
// comply may be removed" still says it may be removed), while a negated
// subject carries over it ("nothing in these terms shall limit").
//
// A restrictive negator is one that "que" can turn into a restriction:
// "vos données ne sont communiquées qu'à nos partenaires" says they are
// communicated (to partners only), so it negates nothing.
type negator struct {
	reach       int
	verbal      bool
	restrictive bool
}

// modals start a new predicate.
var modals = map[string]bool{
	"may": true, "will": true, "shall": true, "can": true, "must": true, "might": true, "could": true,
	"should": true, "would": true, "peut": true, "peuvent": true, "pourra": true, "pourront": true,
	"pourrait": true, "pourraient": true, "doit": true, "doivent": true, "devra": true, "devront": true,
}

// scopeEnders close a negation scope: what follows them is asserted again
// ("we do not sell your data, but we share it").
var scopeEnders = map[string]bool{
	"but": true, "however": true, "except": true, "unless": true, "although": true, "whereas": true,
	"mais": true, "sauf": true, "cependant": true, "toutefois": true, "excepte": true, "hormis": true, "neanmoins": true,
}

// clauseStarters begin a new clause after a comma ("if you do not agree,
// we may terminate"): a comma before one of them closes the scope, while a
// comma inside a list ("we do not sell, rent or share") does not. A
// possessive or a demonstrative after a comma starts a new subject too
// (« fermé sans préavis ni motif, son solde étant annulé »: the balance is
// cancelled; « aucune récompense, ce plafond pouvant être abaissé »).
var clauseStarters = map[string]bool{
	"we": true, "you": true, "our": true, "they": true, "it": true, "the": true, "this": true, "if": true,
	"nous": true, "vous": true, "il": true, "elle": true, "ils": true, "on": true, "si": true, "le": true, "la": true, "les": true,
	"your": true, "their": true, "its": true, "son": true, "sa": true, "ses": true, "leur": true, "leurs": true,
	"votre": true, "vos": true, "these": true, "ce": true, "cet": true, "cette": true, "ces": true,
}

// relatives start a relative clause; a verbal negation right after one
// negates the relative clause's verb, not the main one: in "points that
// have not been redeemed are cancelled" the points are cancelled. The
// ones marked true only ever start a relative clause, so the clause may
// have a subject of its own ("whose file was not", « dont le dossier n'a
// pas »); "that" may also start a complement ("we confirm that we do not
// sell or share"), where the negation covers the whole list.
var relatives = map[string]bool{"that": false, "who": false, "which": false, "whose": true, "qui": false, "dont": true}

// maxNegationReach is the farthest any negator reaches.
const maxNegationReach = 6

// negatorAt returns the token that opens the negation scope token i sits
// in, one of the words before it in the same clause, or -1 when it is not
// negated; roles holds each token's role, from the word trie. For a French
// negation in two words (« ne … pas », « n'… jamais ») it is the « ne », so
// that the words on either side of « pas » share it.
func negatorAt(toks []Token, roles []wordRole, i int) int {
	if roles[i].isNegator() || roles[i] == roleScopeEnder {
		// A phrase that starts with a negator carries its own negation
		// ("nor … be liable" after "neither", « ni … ne seront »), and
		// one that starts with a word ending the scope is out of it
		// ("are not refundable, except where…", « sauf en cas de »).
		return -1
	}
	modal := -1 // nearest modal between a negator and token i, or i itself
	if roles[i] == roleModal {
		modal = i
	}
	for j := i - 1; j >= 0 && i-j <= maxNegationReach; j-- {
		if closesScope(toks[j+1].Break, roles[j+1]) {
			return -1
		}
		switch r := roles[j]; {
		case r.isNegator() && i-j <= r.reach():
			if j > 0 && roles[j-1] == roleOr {
				continue // "whether aggregated or not, they become": « ou non » negates nothing
			}
			if r.neQue() && restricts(toks, roles, j) {
				continue // « ne … que »: a restriction, look further back
			}
			if r.verbal() && (i-j > 1 || toks[i].Break != breakNone) && inRelative(toks, roles, j) {
				// "that have not been redeemed": the relative's verb only;
				// a comma after it ends the relative clause too ("ceux
				// qui ne s'inscrivent jamais, rejoignent").
				continue
			}
			if r.verbal() && modal > j+1 {
				return -1
			}
			return pairedNe(roles, j)
		case r == roleScopeEnder:
			return -1
		case r == roleAnd:
			// "are not transferable and expire", "have no cash value and
			// may be cancelled": what follows "and" is a coordinated
			// predicate of its own, out of any earlier negation's reach (a
			// negated list says "or": "we do not sell or share").
			return -1
		case r == roleModal && modal < 0:
			modal = j
		}
	}
	return -1
}

// pairedNe returns the « ne » that the negator at j completes (« ne …
// pas »), or j itself.
func pairedNe(roles []wordRole, j int) int {
	if !roles[j].neQue() {
		for k := j - 1; k >= 0 && j-k <= 3; k-- {
			if roles[k].neQue() {
				return k
			}
		}
	}
	return j
}

// maxNeQue is how far after "ne" a restricting "que" may come: « ne sont
// conservées par nos services que pendant ».
const maxNeQue = 8

// restricts reports whether the "ne" at j is the first half of a
// restrictive « ne … que » ("only"): a "que" follows within maxNeQue words
// of the same clause, and no other negator ("pas", "jamais", "rien")
// comes first to make it a true negation.
func restricts(toks []Token, roles []wordRole, j int) bool {
	for k := j + 1; k < len(toks) && k-j <= maxNeQue; k++ {
		if closesScope(toks[k].Break, roles[k]) {
			return false
		}
		switch {
		case roles[k] == roleRestrictor:
			return true
		case roles[k].isNegator():
			return false
		}
	}
	return false
}

// inRelative reports whether the verbal negator at j opens a relative
// clause: a relative pronoun one or two words before it ("who never",
// "that have not", « qui ne »), or up to three for one that only starts
// relative clauses ("whose file was not", « dont le dossier n'a pas »),
// or, for the second half of a French negation ("pas", "jamais"), a « ne »
// just before that does.
func inRelative(toks []Token, roles []wordRole, j int) bool {
	for k := j - 1; k >= 0 && j-k <= 3; k-- {
		if closesScope(toks[k+1].Break, roles[k+1]) {
			return false
		}
		switch {
		case roles[k] == roleRelative && j-k <= 2, roles[k] == roleRelativeOnly:
			return true
		case roles[k].isNegator() && roles[k].neQue():
			return inRelative(toks, roles, k)
		}
	}
	return false
}

// closesScope reports whether the punctuation before a token ends a scope.
func closesScope(brk uint8, role wordRole) bool {
	return brk >= breakClause || brk == breakComma && role == roleClauseStarter
}

// negationRole returns the role of the negator at token i, role in the
// trie, in its clause: none for a word spelt like a negator (notNegation),
// and a short reach for a "not" that opens a reduced relative clause
// (reducedNot); else role.
func negationRole(text string, toks []Token, roles []wordRole, i int, role wordRole) wordRole {
	if notNegation(text, toks, i) {
		return roleNone
	}
	if n, ok := reducedNot(text, toks, roles, i); ok {
		return roleNegator | roleVerbal | wordRole(n)
	}
	return role
}

// reducedNot reports whether the "not" at token i opens a reduced relative
// clause: right after a noun, before a participle, it negates the
// participle only ("points not redeemed within a year expire", "any reward
// not yet credited lapses": the points expire, the reward lapses). It
// returns how many words the negation then reaches: the participle, and
// "yet" before it. After an auxiliary ("are not redeemed", "have not")
// or another word with a role ("we", "and", "may"), "not" negates the verb
// as usual, and "not to" is an infinitive ("agree not to share or sell").
func reducedNot(text string, toks []Token, roles []wordRole, i int) (int, bool) {
	if i == 0 || i+1 >= len(toks) || toks[i].Break != breakNone || roles[i-1] != roleNone ||
		!strings.EqualFold(tokenText(text, toks[i]), "not") || auxiliaries[strings.ToLower(tokenText(text, toks[i-1]))] {
		return 0, false
	}
	reach, next := 1, strings.ToLower(tokenText(text, toks[i+1]))
	if next == "yet" && i+2 < len(toks) {
		reach, next = 2, strings.ToLower(tokenText(text, toks[i+2]))
	}
	if !participle(next) {
		return 0, false
	}
	return reach, true
}

func tokenText(text string, t Token) string { return text[t.Start:t.End] }

// auxiliaries are the verbs a main-clause "not" follows ("are not", "does
// not", "need not"), and "to" ("so as not to").
var auxiliaries = map[string]bool{
	"am": true, "is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true,
	"do": true, "does": true, "did": true, "has": true, "have": true, "had": true, "need": true, "needs": true,
	"ought": true, "dare": true, "to": true, "get": true, "gets": true, "got": true,
}

// participle reports whether an English word, in lower case, is a past
// participle: a regular one ("redeemed", "credited") or one of the
// irregular ones a clause about points, data or prizes uses.
func participle(w string) bool {
	return len(w) > 4 && strings.HasSuffix(w, "ed") || irregularParticiples[w]
}

var irregularParticiples = map[string]bool{
	"paid": true, "spent": true, "won": true, "given": true, "taken": true, "sent": true, "made": true,
	"held": true, "kept": true, "sold": true, "shown": true, "seen": true, "drawn": true, "chosen": true,
	"bought": true, "read": true, "done": true, "met": true, "known": true, "written": true, "found": true,
}

// notNegation reports whether the negation word at token i is another
// word spelt the same: the participle « né » (« tout litige né du
// contrat »), which loses its accent in matching, or the noun « pas »
// (steps) after a determiner or a number (« le nombre de pas », « vos
// pas », « 10 000 pas »).
func notNegation(text string, toks []Token, i int) bool {
	word := tokenText(text, toks[i])
	switch {
	case strings.ContainsAny(word, "éÉ"):
		return true
	case i > 0 && strings.EqualFold(word, "pas"):
		prev := strings.ToLower(tokenText(text, toks[i-1]))
		return stepsDeterminers[prev] || strings.Trim(prev, "0123456789") == ""
	}
	return false
}

// stepsDeterminers are the words before « pas » that make it a noun.
var stepsDeterminers = map[string]bool{
	"de": true, "des": true, "du": true, "les": true, "vos": true, "ses": true, "leurs": true,
	"nos": true, "mes": true, "tes": true, "mille": true, "quelques": true,
}
