package rules

import (
	"iter"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Loyalty schemes name their own units: "Drops", "Huddle Stars", « les
// Boucles ». Rules know points, credits and coins, not each scheme's brand,
// so a clause such as "each Drop lapses 90 days after it was credited" says
// nothing to them. Units finds the names a document gives its units, and a
// Matcher told of them (SetUnits) reads each capitalised use of such a name
// as "points", the word the rules know.
//
// A name is a capitalised word in the plural, used capitalised in at least
// minUnitUses clauses of the document, that the document either says is
// earned (it follows a word of the vocabulary unit_earn, "earn 50 Drops",
// « cumulez des Boucles », or precedes one of unit_earned, "Drops earned",
// « les Boucles acquises ») or defines in quotes next to a unit noun, a
// word of camel_heads ('reward points ("Drops")', « des « Rayons », points
// échangeables »).

// The vocabularies of the cues.
const (
	unitEarnVocab   = "unit_earn"
	unitEarnedVocab = "unit_earned"
)

// minUnitUses is how many clauses must use a name, capitalised, for it to
// be a unit: a scheme's unit runs through its terms; a prize or a place
// named once or twice does not.
const minUnitUses = 3

// unitCues are the words that make a capitalised word a unit, in one
// language, as the tokenizer folds them.
type unitCues struct {
	earn, earned map[string]bool
}

// unitFillers may stand between an earning verb and the unit it earns
// ("earn up to 50 bonus Drops", « cumulez jusqu'à 50 nouvelles Boucles »).
var unitFillers = map[string]bool{
	"up": true, "to": true, "extra": true, "more": true, "additional": true, "your": true,
	"their": true, "the": true, "double": true, "triple": true, "bonus": true, "some": true,
	"des": true, "de": true, "du": true, "les": true, "vos": true, "ses": true, "leurs": true,
	"nos": true, "plus": true, "jusque": true, "a": true, "nouveaux": true, "nouvelles": true,
	"supplementaires": true,
}

// maxUnitFillers bounds the words between an earning verb and its unit.
const maxUnitFillers = 3

// unitNumbers are the number words a count of units may be written in
// ("earn ten Drops", « rapporte dix Éclats »), as the tokenizer folds them:
// to an earning verb they are fillers, as digits are.
var unitNumbers = map[string]bool{
	"one": true, "two": true, "three": true, "four": true, "five": true, "six": true, "seven": true,
	"eight": true, "nine": true, "ten": true, "twenty": true, "fifty": true, "hundred": true,
	"thousand": true, "un": true, "une": true, "deux": true, "trois": true, "quatre": true,
	"cinq": true, "sept": true, "huit": true, "neuf": true, "dix": true, "vingt": true,
	"trente": true, "cinquante": true, "cent": true, "cents": true, "mille": true,
}

// unitAdverbs may stand between a unit and the participle that says it
// was earned ("Drops already credited", « les Éclats déjà crédités »).
var unitAdverbs = map[string]bool{"already": true, "deja": true}

// unitCueWords reads the cue vocabularies, per language.
func unitCueWords(vocab map[string]map[string][]string) map[string]unitCues {
	out := map[string]unitCues{}
	for _, name := range []string{unitEarnVocab, unitEarnedVocab} {
		for lang := range vocab[name] {
			out[lang] = unitCues{
				earn:   singleWords(vocab[unitEarnVocab][lang]),
				earned: singleWords(vocab[unitEarnedVocab][lang]),
			}
		}
	}
	return out
}

// Units returns the names a document, whose clauses are texts in lang,
// gives its loyalty units, as the tokenizer folds them ("drops").
//
// Most documents name no unit, and most clauses hold no name, so the
// clauses are only scanned for capitalised plural words; the few places
// where a word used in enough clauses stands are then read as tokens,
// to see whether they name it as a unit.
func (s *Set) Units(texts []string, lang string) []string {
	cues, ok := s.unitCues[lang]
	if !ok {
		return nil
	}
	type place struct{ clause, at int }
	places := map[string][]place{} // capitalised plural word → where it stands
	uses := map[string]int{}       // … and how many clauses use it
	var inClause []string
	for c, text := range texts {
		inClause = inClause[:0]
		for at, w := range capitalisedPlurals(text) {
			if len(places[w]) < maxUnitChecks {
				places[w] = append(places[w], place{c, at})
			}
			if !slices.Contains(inClause, w) {
				inClause = append(inClause, w)
				uses[w]++
			}
		}
	}
	var z Tokenizer
	var out []string
	for w, ps := range places {
		if uses[w] < minUnitUses {
			continue
		}
		name := ""
		if toks := z.Tokens(w); len(toks) == 1 {
			name = z.Word(toks[0])
		}
		if !letters(name) || s.camelHeads[name] || camelCased(w) && s.camelHead(name) {
			continue
		}
		for _, p := range ps {
			text := texts[p.clause]
			from, to := max(0, p.at-unitLookBehind), min(len(text), p.at+len(w)+unitLookAhead)
			window := text[from:to]
			toks := z.Tokens(window)
			i := slices.IndexFunc(toks, func(t Token) bool { return t.Start == p.at-from })
			if i >= 0 && unitCue(&z, window, toks, i, cues, s.camelHeads) {
				out = append(out, name)
				break
			}
		}
	}
	slices.Sort(out)
	return out
}

// Bounds of the work Units does for one word: the places it looks at,
// and the bytes it reads around each.
const (
	maxUnitChecks  = 8
	unitLookBehind = 60
	unitLookAhead  = 30
)

// capitalisedPlurals yields, with its offset, each word of text that
// starts with a capital and ends in s or x, as written. It runs over
// every byte of a document, so it looks for capitals first: one compare
// per byte, most of them lower case or not letters.
func capitalisedPlurals(text string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		for i := 0; i < len(text); i++ {
			for i+8 <= len(text) {
				if m := capitals8(load8(text, i)); m != 0 {
					i += bits.TrailingZeros64(m) >> 3
					break
				}
				i += 8
			}
			if i == len(text) {
				return
			}
			c := text[i]
			capital := c-'A' < 26 ||
				// À … Þ, the accented Latin-1 capitals (not ×)
				c == 0xC3 && i+1 < len(text) && text[i+1] >= 0x80 && text[i+1] <= 0x9E && text[i+1] != 0x97
			if !capital || i > 0 && wordByte(text[i-1]) {
				continue
			}
			j := i + 1 // past the capital: one byte, or two for À … Þ
			if c >= utf8.RuneSelf {
				j++
			}
			for j < len(text) {
				if b := text[j]; b < utf8.RuneSelf {
					if !isLowerASCII(b) && !isUpperASCII(b) {
						break
					}
					j++
				} else if r, size := utf8.DecodeRuneInString(text[j:]); unicode.IsLetter(r) {
					j += size
				} else {
					break
				}
			}
			if w := text[i:j]; len(w) > 3 && (w[len(w)-1] == 's' || w[len(w)-1] == 'x') {
				if !yield(i, w) {
					return
				}
			}
			i = j - 1
		}
	}
}

// load8 reads s[i:i+8] as a little-endian word.
func load8(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// capitals8 sets the high bit of each byte of x that is an ASCII capital
// or not ASCII (an accented capital, among others): eight bytes tested at
// once. Adding 0x3F (0x25) to a byte's low seven bits sets its high bit
// when they are at least 'A' (at least '['); neither sum carries into the
// next byte.
func capitals8(x uint64) uint64 {
	const ones, lows, highs = 0x0101010101010101, 0x7F7F7F7F7F7F7F7F, 0x8080808080808080
	low := x & lows
	atLeastA, pastZ := low+ones*(0x80-'A'), low+ones*(0x80-'[')
	return (atLeastA&^pastZ | x) & highs
}

// wordByte reports whether a byte before a capital makes it part of a
// word: an ASCII letter or digit, or a byte of a non-ASCII character
// (most are letters).
func wordByte(c byte) bool {
	return c >= utf8.RuneSelf || isASCIIWordByte(c)
}

// unitCue reports whether the capitalised token i is named as a unit
// where it stands: earned, or defined in quotes next to a unit noun.
func unitCue(z *Tokenizer, text string, toks []Token, i int, cues unitCues, nouns map[string]bool) bool {
	t := toks[i]
	if i+1 < len(toks) && toks[i+1].Break == breakNone {
		next := z.Word(toks[i+1])
		if nouns[next] {
			return false // "Flex Points": the unit is the points
		}
		if unitAdverbs[next] && i+2 < len(toks) && toks[i+2].Break == breakNone {
			next = z.Word(toks[i+2])
		}
		if cues.earned[next] {
			return true
		}
	}
	quote := quoted(text, t.Start)
	for j, fillers := i-1, 0; j >= 0; j-- {
		if b := toks[j+1].Break; b != breakNone && !(j+1 == i && quote && b == breakComma) {
			break
		}
		w := z.Word(toks[j])
		if cues.earn[w] {
			return true
		}
		if fillers++; fillers > maxUnitFillers || !(unitFillers[w] || unitNumbers[w] || digits(w)) {
			break
		}
	}
	if !quote {
		return false
	}
	// A unit noun among the few words before the quote, or right after
	// it, in the same sentence: 'reward points ("Drops")', « des points,
	// les « Boucles » », « des « Rayons », points échangeables ».
	for j := i - 1; j >= max(0, i-6) && toks[j+1].Break != breakSentence; j-- {
		if nouns[z.Word(toks[j])] {
			return true
		}
	}
	for j := i + 1; j < min(len(toks), i+4) && toks[j].Break != breakSentence; j++ {
		if nouns[z.Word(toks[j])] {
			return true
		}
	}
	return false
}

// camelHead reports whether w is a unit noun or ends with one. Written
// with a capital of its own ("CarePoints"), the noun is already read as
// "care points"; run into the word ("Roadmiles"), it is not, and the
// word may name a unit.
func (s *Set) camelHead(w string) bool {
	for h := range s.camelHeads {
		if strings.HasSuffix(w, h) {
			return true
		}
	}
	return false
}

// camelCased reports whether w has a capital after its first letter.
func camelCased(w string) bool {
	for i, r := range w {
		if i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// capitalised reports whether the token's word starts with a capital.
func capitalised(text string, t Token) bool {
	r, _ := utf8.DecodeRuneInString(text[t.Start:])
	return unicode.IsUpper(r)
}

// quoted reports whether the word at start follows an opening quote or
// bracket, spaces aside.
func quoted(text string, start int) bool { return openedBy(text, start, "\"“«(‘'") }

// inQuotes reports whether the word at start follows an opening quote,
// spaces aside: a term being defined ('"Camper" means', « le « Stagiaire »
// désigne »), not a bracket nor an elision's apostrophe (« l'Enfant »).
func inQuotes(text string, start int) bool { return openedBy(text, start, "\"“«‘") }

// openedBy reports whether the word at start follows one of the runes of
// opens, spaces aside.
func openedBy(text string, start int, opens string) bool {
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:start])
		if !quoteSpace(r) {
			return strings.ContainsRune(opens, r)
		}
		start -= size
	}
	return false
}

// quoteSpace reports whether r is a space that may stand between a quote
// and the word it opens: « Boucles » is written with narrow or no-break
// spaces.
func quoteSpace(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' }

func letters(w string) bool {
	for _, c := range []byte(w) {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func digits(w string) bool {
	for _, c := range []byte(w) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return w != ""
}

// SetUnits makes the matcher read the given names (from Units), and
// their singular, as the rules' "points" where a clause writes them
// capitalised. Nil stops it.
func (m *Matcher) SetUnits(names []string) {
	clear(m.units)
	if len(names) == 0 {
		return
	}
	if m.units == nil {
		m.units = map[string]bool{}
	}
	for _, n := range names {
		m.units[n] = true
		m.units[n[:len(n)-1]] = true // the singular: "Drop"
	}
}

// pointsWord is what a unit's name is read as, in the singular too: the
// rules speak of points in the plural ("each Drop lapses" says what
// "points lapse" does).
var pointsWord = []byte("points")

// readNames reads, among the clause's capitalised tokens, the units'
// names as points and the minor roles as children.
func (m *Matcher) readNames(text string) {
	t := &m.langIndex.words
	child, hasChild := childWords[m.lang]
	for i := range m.toks {
		tok := &m.toks[i]
		if isLowerASCII(text[tok.Start]) || !capitalised(text, *tok) {
			continue
		}
		toks := m.uz.Tokens(text[tok.Start:tok.End])
		if len(toks) != 1 {
			continue
		}
		w := m.uz.Word(toks[0])
		if m.units[w] {
			tok.word = t.info(t.walk(pointsWord))
		} else if n, ok := m.minorRoles[w]; ok && hasChild {
			tok.word = t.info(t.walk(child[n]))
		}
	}
}
