package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a half-open byte range [start, end) of a block's text.
type span struct{ start, end int }

// maxAbbrevLen bounds how far back a word is examined before a full stop;
// longer words are never abbreviations, and the bound keeps the scan linear.
const maxAbbrevLen = 24

// abbreviations never end a sentence, even before a capital letter:
// "Acme Inc. Paris", "cf. Art. 7", "M. Dupont". Matched case-sensitively.
var abbreviations = setOf(
	"e.g.", "E.g.", "i.e.", "I.e.", "etc.", "Etc.", "cf.", "Cf.", "vs.", "viz.", "al.",
	"ex.", "Ex.", "approx.", "incl.", "resp.", "esp.",
	"Inc.", "Ltd.", "Co.", "Corp.", "Cie.", "Ste.", "Sté.", "LLC.", "Bros.",
	"No.", "Nos.", "no.", "nos.", "Art.", "art.", "Arts.", "arts.", "Sec.", "sec.",
	"Sect.", "Ch.", "ch.", "Chap.", "chap.", "Para.", "para.", "Fig.", "fig.",
	"Vol.", "vol.", "p.", "pp.", "Pp.", "op.", "cit.", "ibid.", "Ibid.",
	"Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "St.", "Sr.", "Jr.", "Mme.", "Mlle.", "MM.",
	"Me.", "Mgr.", "Dept.", "dept.", "Univ.", "Av.", "av.", "bd.", "Bd.", "env.",
	"Tél.", "tél.", "Tel.", "tel.", "min.", "max.", "n°.", "c.-à-d.", "p.ex.",
	"Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.",
	"Nov.", "Dec.", "janv.", "févr.", "avr.", "juil.", "sept.", "oct.", "nov.", "déc.",
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// sentences appends to dst the sentences of text, trimmed of surrounding
// space. A sentence ends at . ! ? or … (possibly followed by closing quotes
// or brackets) when whitespace and a capital, a digit, an opening quote or
// bracket follow — unless the full stop ends an abbreviation, an initial or
// a dotted acronym, or the sentence so far holds no letter ("2. Scope").
func sentences(text string, dst []span) []span {
	start := skipSpace(text, 0)
	// seen: the sentence so far, text[start:i], holds a letter. Once it
	// does, only terminators matter: the scan jumps to the next byte that
	// may start one ('.', '!', '?' or the first byte of "…").
	seen := false
	for i := start; i < len(text); {
		if !seen {
			if c := text[i]; c < utf8.RuneSelf && c != '.' && c != '!' && c != '?' {
				if 'a' <= c|0x20 && c|0x20 <= 'z' {
					seen = true
				}
				i++
				continue
			}
		} else {
			i = nextTerminator(text, i)
			if i == len(text) {
				break
			}
		}
		n, isLetter, size := classify(text, i)
		if isLetter {
			seen = true
		}
		if n == 0 {
			i += size
			continue
		}
		end := skipClosers(text, i+n)
		next := skipSpace(text, end)
		if next == end || next >= len(text) || !opensSentence(text[next:]) ||
			(n == 1 && text[i] == '.' && isAbbreviation(text[:i+1])) || !seen {
			i = end
			continue
		}
		dst = append(dst, trimSpan(text, start, end))
		start, i, seen = next, next, false
	}
	if s := trimSpan(text, start, len(text)); s.end > s.start {
		dst = append(dst, s)
	}
	return dst
}

// classify looks at the character at text[i]: the length of the run of
// sentence-ending punctuation it starts (0 if none), whether it is a
// letter, and its size.
func classify(text string, i int) (terminators int, letter bool, size int) {
	c := text[i]
	switch {
	case c == '.' || c == '!' || c == '?':
		return terminatorLen(text, i), false, 1
	case c < utf8.RuneSelf:
		return 0, 'a' <= c|0x20 && c|0x20 <= 'z', 1
	case strings.HasPrefix(text[i:], "…"):
		return terminatorLen(text, i), false, len("…")
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	return 0, unicode.IsLetter(r), size
}

// terminatorLen is the length of the run of sentence-ending punctuation
// starting at text[i], or 0.
func terminatorLen(text string, i int) int {
	j := i
	for j < len(text) {
		switch {
		case text[j] == '.' || text[j] == '!' || text[j] == '?':
			j++
		case strings.HasPrefix(text[j:], "…"):
			j += len("…")
		default:
			return j - i
		}
	}
	return j - i
}

// skipClosers skips closing quotes and brackets after a terminator, including
// the French spaced closing guillemet ("… fin. » Puis").
func skipClosers(text string, i int) int {
	for i < len(text) {
		if n := closerLen(text[i:]); n > 0 {
			i += n
			continue
		}
		if text[i] == ' ' {
			if n := closerLen(text[i+1:]); n > 0 && (strings.HasPrefix(text[i+1:], "»") || strings.HasPrefix(text[i+1:], "”")) {
				i += 1 + n
				continue
			}
		}
		return i
	}
	return i
}

// closerLen is the length of the closing quote or bracket s starts with:
// ) ] " ' ” ’ », or 0.
func closerLen(s string) int {
	if s == "" {
		return 0
	}
	switch s[0] {
	case ')', ']', '"', '\'':
		return 1
	case 0xE2: // ” U+201D, ’ U+2019
		if len(s) >= 3 && s[1] == 0x80 && (s[2] == 0x9D || s[2] == 0x99) {
			return 3
		}
	case 0xC2: // » U+00BB
		if len(s) >= 2 && s[1] == 0xBB {
			return 2
		}
	}
	return 0
}

// mayTerminate marks the bytes that may start sentence-ending punctuation:
// '.', '!', '?' and 0xE2, the first byte of "…".
var mayTerminate = [256]bool{'.': true, '!': true, '?': true, 0xE2: true}

// opensSentence reports whether s starts like a sentence does.
func opensSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if unicode.IsUpper(r) || unicode.IsTitle(r) || unicode.IsDigit(r) {
		return true
	}
	return strings.ContainsRune(`"'([“‘«¿¡§`, r)
}

// isAbbreviation reports whether the word ending text (which ends with a
// full stop) is an abbreviation, an initial or a dotted acronym.
func isAbbreviation(text string) bool {
	w := lastWord(text)
	if abbreviations[w] {
		return true
	}
	if r, size := utf8.DecodeRuneInString(w); size+1 == len(w) && unicode.IsLetter(r) {
		return true // an initial: "J. Smith", "M. Dupont", "p. 12"
	}
	return isDottedAcronym(w)
}

// lastWord is the word ending text, without opening punctuation, bounded by
// maxAbbrevLen.
func lastWord(text string) string {
	i := len(text)
	for i > 0 && len(text)-i < maxAbbrevLen {
		c := text[i-1]
		if c == ' ' || c == '(' || c == '[' || c == '"' || c == '\'' || c == '/' {
			break
		}
		i--
	}
	w := text[i:]
	for _, open := range [...]string{"«", "“", "‘"} {
		w = strings.TrimPrefix(w, open)
	}
	return w
}

// isDottedAcronym matches "U.S.", "U.K.", "S.A.S.", "p.ex.": two or more groups
// of one or two letters, each followed by a full stop.
func isDottedAcronym(w string) bool {
	groups, letters := 0, 0
	for _, r := range w {
		switch {
		case r == '.':
			if letters == 0 {
				return false
			}
			groups, letters = groups+1, 0
		case unicode.IsLetter(r) && letters < 2:
			letters++
		default:
			return false
		}
	}
	return groups >= 2 && letters == 0
}

// skipSpace returns the index of the first non-space byte at or after i.
func skipSpace(text string, i int) int {
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			if c != ' ' && (c < '\t' || c > '\r') {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			return i
		}
		i += size
	}
	return i
}

// trimSpan shrinks [start, end) past surrounding space.
func trimSpan(text string, start, end int) span {
	start = skipSpace(text[:end], start)
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	return span{start, end}
}

// nextTerminator is the index of the first byte at or after i that may
// start a terminator (see mayTerminate), or len(text).
func nextTerminator(text string, i int) int {
	for {
		for i+8 <= len(text) && !mayTerminate8(load8(text, i)) {
			i += 8
		}
		lim := min(i+8, len(text))
		for i < lim && !mayTerminate[text[i]] {
			i++
		}
		if i < lim || i == len(text) {
			return i
		}
	}
}
