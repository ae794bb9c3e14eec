package rules

import (
	"iter"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Terms for children's activities rarely say "child" clause after clause:
// they define a role once — '"Camper" means each child booked onto a
// camp', « le « Stagiaire » désigne l'enfant inscrit » — and then speak of
// Campers and Stagiaires. Rules that know children, minors and « enfants »
// read nothing in "Camper records are kept for as long as we find useful".
// MinorRoles finds the roles a document defines as children, and a
// Matcher told of them (SetRoles) reads each capitalised use of such a
// role as "child" (« enfant »), as it reads a scheme's units as points.
//
// A role is a single capitalised word, in quotes, followed within three
// words by a word of the vocabulary role_define ("means", « désigne »),
// whose definition — up to the end of the sentence, a semicolon or the
// next quoted term, and at most roleWindow words — names a minor in its
// first roleHead words, before it names anyone else: the first word of
// role_minor ("child", « enfant »), or of role_age followed by a number under
// 18 ("aged 7 to 14", "under 16"), comes before
// any word of role_adult ("parent", "adult", « représentant »), and no age
// of 18 or more is given.
// "Learner" means the child or adult taking lessons' is not a minor role;
// '"Parent" means the person with parental responsibility for a child'
// is not either. The role must be used capitalised in at least
// minRoleUses clauses.

// The vocabularies of the definitions.
const (
	roleDefineVocab = "role_define"
	roleMinorVocab  = "role_minor"
	roleAdultVocab  = "role_adult"
	roleAgeVocab    = "role_age"
)

// roleWindow bounds the words of a definition that are read, and
// roleHead the words within which it must name a minor: the head of the
// definition ("each child booked", "a person aged 8 to 16", « l'enfant
// inscrit »), not a child mentioned further on.
const (
	roleWindow = 25
	roleHead   = 5
)

// minRoleUses is how many clauses must use a role, capitalised, for it
// to be read as a child: a role defined and never used again changes
// nothing.
const minRoleUses = 3

// adultAge is the age from which a person is not a minor.
const adultAge = 18

// roleCues are the words that define a minor role, in one language, as the
// tokenizer folds them.
type roleCues struct {
	define, minor, adult, age map[string]bool
}

// roleCueWords reads the definitions' vocabularies, per language.
func roleCueWords(vocab map[string]map[string][]string) map[string]roleCues {
	out := map[string]roleCues{}
	for lang := range vocab[roleDefineVocab] {
		out[lang] = roleCues{
			define: singleWords(vocab[roleDefineVocab][lang]),
			minor:  singleWords(vocab[roleMinorVocab][lang]),
			adult:  singleWords(vocab[roleAdultVocab][lang]),
			age:    singleWords(vocab[roleAgeVocab][lang]),
		}
	}
	return out
}

// childWords is what a minor role is read as, per language: singular and
// plural.
var childWords = map[string][2][]byte{
	"en": {[]byte("child"), []byte("children")},
	"fr": {[]byte("enfant"), []byte("enfants")},
}

// MinorRoles returns the roles a document, whose clauses are texts in
// lang, defines as children, as the tokenizer folds them, in the singular
// ("camper", "stagiaire").
//
// Definitions sit in quotes, and most quotes name no minor, so only a
// few words around each quoted capital are read as tokens, and only
// where a definition verb follows the name or a bracket opens before it.
func (s *Set) MinorRoles(texts []string, lang string) []string {
	cues, ok := s.roleCues[lang]
	if !ok {
		return nil
	}
	var z Tokenizer
	written := map[string]string{} // role → as the definition writes it
	for _, text := range texts {
		for at := range quotedCapitals(text) {
			def := definedAfter(&z, text, at, cues)
			app := strings.Contains(text[runeStart(text, at-24):at], "(") // checked word by word in minorApposition
			if !def && !app {
				continue
			}
			from, to := at, runeStart(text, at+roleAheadBytes)
			if app {
				from = runeStart(text, at-roleBehindBytes)
			}
			if !def {
				to = runeStart(text, nameEnd(text, at)+roleBracketBytes) // the brackets' other names
			}
			window := text[from:to]
			toks := z.Tokens(window)
			i := slices.IndexFunc(toks, func(t Token) bool { return t.Start == at-from })
			if i < 0 {
				continue
			}
			t := toks[i]
			if i+1 < len(toks) && toks[i+1].Break == breakNone && capitalised(window, toks[i+1]) {
				continue // a name of several words: "Club Member"
			}
			name := strings.TrimSuffix(z.Word(t), "s")
			if len(name) < 3 || !letters(name) {
				continue
			}
			if def && minorDefinition(&z, window, toks, i, cues) || app && minorApposition(&z, window, toks, i, cues) {
				written[name] = strings.TrimSuffix(window[t.Start:t.End], "s")
			}
		}
	}
	var out []string
	for name, form := range written {
		uses := 0
		for _, text := range texts {
			if containsWord(text, form) {
				uses++
			}
		}
		if uses >= minRoleUses {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// The bytes around a quoted name that MinorRoles reads: enough for the
// description before a name in brackets and for the definition after it.
const (
	roleBehindBytes  = 160
	roleAheadBytes   = 320
	roleBracketBytes = 32
)

// quotedCapitals yields the offset of each capitalised word of text that
// follows an opening quote ('"Camper"', « Stagiaire »). Each kind of quote
// is searched for with strings.Index, which skips the long stretches
// without one far faster than a rune-by-rune scan.
func quotedCapitals(text string) iter.Seq[int] {
	return func(yield func(int) bool) {
		var next [len(openQuotes)]int // where each kind of quote is next found, -1 for none
		for q, quote := range openQuotes {
			next[q] = strings.Index(text, quote)
		}
		for {
			q := -1
			for k, at := range next {
				if at >= 0 && (q < 0 || at < next[q]) {
					q = k
				}
			}
			if q < 0 {
				return
			}
			at := next[q] + len(openQuotes[q])
			if k := strings.Index(text[at:], openQuotes[q]); k >= 0 {
				next[q] = at + k
			} else {
				next[q] = -1
			}
			at = skipSpaces(text, at)
			for _, det := range quotedDeterminers {
				if strings.HasPrefix(text[at:], det) {
					at = skipSpaces(text, at+len(det)) // « le Licencié »
					break
				}
			}
			if r, _ := utf8.DecodeRuneInString(text[at:]); at < len(text) && unicode.IsUpper(r) && !yield(at) {
				return
			}
		}
	}
}

// quotedDeterminers may stand inside the quotes before a defined term:
// « le Licencié », "the Camper".
var quotedDeterminers = []string{"le ", "la ", "les ", "l'", "l’", "the "}

// skipSpaces returns the offset of the first rune of text at or after at
// that is not a space.
func skipSpaces(text string, at int) int {
	for at < len(text) {
		r, n := utf8.DecodeRuneInString(text[at:])
		if !quoteSpace(r) {
			break
		}
		at += n
	}
	return at
}

// openQuotes are the quotes a defined term opens with.
var openQuotes = [...]string{`"`, "“", "«", "‘"}

// definedAfter reports whether a word of role_define stands among the
// three words after the name at offset at ('"Camper" means', « Stagiaire »
// désigne): only then is the definition read.
func definedAfter(z *Tokenizer, text string, at int, cues roleCues) bool {
	// Most quoted names are followed by plain ASCII words ('"Services"
	// means', '"Content" and'), read here byte by byte; a word with an
	// accent (« désigne ») is folded by the tokenizer.
	var buf [16]byte
	i := nameEnd(text, at)
	for n := 0; n < 3; n++ {
		for i < len(text) && !wordStart(text[i]) {
			switch text[i] {
			case '.', ';', ':', '!', '?':
				return false
			}
			i++
		}
		j := nameEnd(text, i)
		if j == i {
			return false
		}
		w, ascii := buf[:0], true
		for _, c := range []byte(text[i:j]) {
			if c >= utf8.RuneSelf {
				ascii = false
				break
			}
			if len(w) < len(buf) {
				w = append(w, c|0x20)
			}
		}
		if ascii && j-i <= len(buf) && cues.define[string(w)] {
			return true
		}
		if !ascii {
			if toks := z.Tokens(text[i:j]); len(toks) == 1 && cues.define[z.Word(toks[0])] {
				return true
			}
		}
		i = j
	}
	return false
}

// wordStart reports whether c starts a word: an ASCII letter or digit, or
// the first byte of a non-ASCII character.
func wordStart(c byte) bool { return isASCIIWordByte(c) || c >= 0xC0 }

// nameEnd returns the end of the word starting at i: a run of wordByte.
func nameEnd(text string, i int) int {
	for i < len(text) && wordByte(text[i]) {
		i++
	}
	return i
}

// runeStart clamps i to text and moves it back to the start of a rune.
func runeStart(text string, i int) int {
	i = max(0, min(i, len(text)))
	for i > 0 && i < len(text) && !utf8.RuneStart(text[i]) {
		i--
	}
	return i
}

// minorDefinition reports whether the quoted token i is defined, right
// after it, as a minor.
func minorDefinition(z *Tokenizer, text string, toks []Token, i int, cues roleCues) bool {
	verb := -1
	for j := i + 1; j < min(len(toks), i+4); j++ {
		if toks[j].Break >= breakClause {
			return false
		}
		if cues.define[z.Word(toks[j])] {
			verb = j
			break
		}
	}
	if verb < 0 {
		return false
	}
	minor := false
	for j := verb + 1; j < min(len(toks), verb+1+roleWindow); j++ {
		t := toks[j]
		if t.Break >= breakClause || capitalised(text, t) && inQuotes(text, t.Start) {
			break // the definition ends: "…; "Parent" means…"
		}
		w := z.Word(t)
		if adultNumber(w) {
			return false // "aged 16 to 25", "18 or over"
		}
		switch {
		case minor:
			if cues.adult[w] && adultAfterMinor(z, toks, j) {
				return false // "the child or adult who…"
			}
		case namesMinor(z, toks, j, w, cues):
			if j-verb > roleHead {
				return false
			}
			minor = true
		case cues.adult[w]:
			return false // "the parent of a child": the role is the parent
		}
	}
	return minor
}

// minorApposition reports whether the quoted token i names, in brackets,
// the minors just described before it: 'children aged 7 to 14
// ("Campers")', « pour un enfant âgé de 6 à 17 ans (le « Participant ») ».
// The description is read back to the punctuation before it, at most
// roleAppositionWindow words: it must name a minor, give no age of 18 or
// more and name no one of role_adult, who would be what it describes ('the
// parents of children ("Parents")', « des intervenants proposant la garde
// d'enfants (les « Gardes ») »).
func minorApposition(z *Tokenizer, text string, toks []Token, i int, cues roleCues) bool {
	if i < 4 || !strings.Contains(text[toks[i-4].End:toks[i].Start], "(") {
		return false // a name in brackets: 'children aged 7 to 14 ("Campers")', « (ci-après « le Licencié ») »
	}
	for k := i + 1; k < min(len(toks), i+4) && toks[k].Break < breakClause; k++ {
		if traderWords[z.Word(toks[k])] {
			return false // the trader's own name: '… for children ("CampLink", "we", "us")'
		}
	}
	minor := false
	for k := i - 1; k >= max(0, i-roleAppositionWindow); k-- {
		if b := toks[k+1].Break; b >= breakClause || b == breakComma && i-k > 4 {
			break // the punctuation before the description
		}
		w := z.Word(toks[k])
		if adultNumber(w) || cues.adult[w] {
			return false
		}
		if namesMinor(z, toks, k, w, cues) {
			minor = true
		}
	}
	return minor
}

// traderWords, named in the same brackets, make a name the trader's.
var traderWords = map[string]bool{"we": true, "us": true, "our": true, "nous": true, "notre": true, "nos": true}

// roleAppositionWindow bounds the words of a description read before a
// name in brackets.
const roleAppositionWindow = 12

// namesMinor reports whether the token j, whose word is w, names a minor:
// a word of role_minor, a word of role_age followed by an age under 18
// ("aged 8"), or a range of such ages ("6 to 17 years").
func namesMinor(z *Tokenizer, toks []Token, j int, w string, cues roleCues) bool {
	return cues.minor[w] || cues.age[w] && childAge(z, toks, j) || childAgeRange(z, toks, j)
}

// adultNumber reports whether w is an age of adultAge or more (a number
// below 120: "clause 2024" is no age).
func adultNumber(w string) bool {
	n, err := strconv.Atoi(w)
	return err == nil && n >= adultAge && n < 120
}

// childAge reports whether a number under adultAge follows the age word
// at j, right after it or after one of ageFillers ("aged 8 to 16", "under
// the age of 16", « âgé de 8 à 14 ans », « moins de 16 ans »): "under
// clause 5" names no age.
func childAge(z *Tokenizer, toks []Token, j int) bool {
	for k := j + 1; k < min(len(toks), j+4); k++ {
		w := z.Word(toks[k])
		if n, err := strconv.Atoi(w); err == nil {
			return n < adultAge
		}
		if !ageFillers[w] {
			return false
		}
	}
	return false
}

// childAgeRange reports whether the number at j starts a range of ages
// under adultAge said in years: "6 to 17 years", « de 6 à 17 ans ».
func childAgeRange(z *Tokenizer, toks []Token, j int) bool {
	if j+3 >= len(toks) || !ageRangeWords[z.Word(toks[j+1])] || !yearWords[z.Word(toks[j+3])] {
		return false
	}
	a, err1 := strconv.Atoi(z.Word(toks[j]))
	b, err2 := strconv.Atoi(z.Word(toks[j+2]))
	return err1 == nil && err2 == nil && a < b && b < adultAge
}

// ageRangeWords join the two ends of a range, and yearWords close it.
var (
	ageRangeWords = map[string]bool{"to": true, "a": true, "and": true, "et": true}
	yearWords     = map[string]bool{"years": true, "year": true, "ans": true}
)

// ageFillers may stand between an age word and the age.
var ageFillers = map[string]bool{"the": true, "age": true, "of": true, "de": true, "entre": true, "between": true}

// adultAfterMinor reports whether the adult word at j is an alternative to
// the minor named before it ("the child or adult", « l'enfant ou
// l'adulte ») rather than someone the minor is said to depend on ("the
// child for whom a Parent books"): it follows "or" / « ou » closely.
func adultAfterMinor(z *Tokenizer, toks []Token, j int) bool {
	for k := j - 1; k >= max(0, j-3); k-- {
		if w := z.Word(toks[k]); w == "or" || w == "ou" {
			return true
		}
	}
	return false
}

// containsWord reports whether text holds form as the start of a word
// ("Camper" in "Campers", not in "ReCamper").
func containsWord(text, form string) bool {
	for off := 0; ; {
		k := strings.Index(text[off:], form)
		if k < 0 {
			return false
		}
		at := off + k
		if at == 0 || !wordByte(text[at-1]) {
			return true
		}
		off = at + len(form)
	}
}

// SetRoles makes the matcher read the given roles (from MinorRoles), in
// the singular and the plural, as the rules' "child" / "children"
// (« enfant » / « enfants ») where a clause writes them capitalised. Nil
// stops it.
func (m *Matcher) SetRoles(names []string) {
	clear(m.minorRoles)
	if len(names) == 0 {
		return
	}
	if m.minorRoles == nil {
		m.minorRoles = map[string]int{}
	}
	for _, n := range names {
		m.minorRoles[n] = 0
		m.minorRoles[n+"s"] = 1
	}
}
