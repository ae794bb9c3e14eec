package rules

// negators are the words that put what follows them in a negation scope,
// with how many words they reach: "we never sell", "nous ne vendons pas",
// "en aucun cas", but "non" only negates the next word ("non-transferable,
// sublicensable" negates transferable, not sublicensable).
var negators = map[string]int{
	"not": 6, "never": 6, "no": 4, "nor": 4, "neither": 6, "nothing": 6, "none": 4, "cannot": 4,
	"ne": 6, "jamais": 6, "aucun": 6, "aucune": 6, "nullement": 6, "ni": 4, "pas": 3, "rien": 6,
	"non": 1,
}

// scopeEnders close a negation scope: what follows them is asserted again
// ("we do not sell your data, but we share it").
var scopeEnders = map[string]bool{
	"but": true, "however": true, "except": true, "unless": true, "although": true, "whereas": true,
	"mais": true, "sauf": true, "cependant": true, "toutefois": true, "excepte": true, "hormis": true, "neanmoins": true,
}

// clauseStarters begin a new clause after a comma ("if you do not agree,
// we may terminate"): a comma before one of them closes the scope, while a
// comma inside a list ("we do not sell, rent or share") does not.
var clauseStarters = map[string]bool{
	"we": true, "you": true, "our": true, "they": true, "it": true, "the": true, "this": true, "if": true,
	"nous": true, "vous": true, "il": true, "elle": true, "ils": true, "on": true, "si": true, "le": true, "la": true, "les": true,
}

// maxNegationReach is the farthest any negator reaches.
const maxNegationReach = 6

// negated reports whether the token at i sits in a negation scope opened
// by one of the words before it in the same clause; roles holds each
// token's role, from the word trie.
func negated(toks []Token, roles []wordRole, i int) bool {
	for j := i - 1; j >= 0 && i-j <= maxNegationReach; j-- {
		if closesScope(toks[j+1].Break, roles[j+1]) {
			return false
		}
		switch r := roles[j]; {
		case r >= roleNegator && i-j <= r.reach():
			return true
		case r == roleScopeEnder:
			return false
		}
	}
	return false
}

// closesScope reports whether the punctuation before a token ends a scope.
func closesScope(brk uint8, role wordRole) bool {
	return brk >= breakClause || brk == breakComma && role == roleClauseStarter
}
