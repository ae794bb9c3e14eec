package rules

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Token is one normalised word of a text: lower case, diacritics removed,
// typographic apostrophes folded, French elisions and English contractions
// expanded ("l'utilisation" → "le utilisation", "don't" → "do not").
type Token struct {
	Start, End int // byte span of the word in the original text
	norm       [2]int32
	// Break is the strongest punctuation between this token and the one
	// before it. Negation scope stops at breaks.
	Break uint8
	// word is, when the tokenizer has a trie, where the word's walk down
	// it ended, as an index of the trie's infos (see wordTrie.info).
	word int32
}

// Break strengths.
const (
	breakNone     uint8 = iota
	breakComma          // , ( ) [ ] " and dashes
	breakClause         // ; :
	breakSentence       // . ! ?
)

// elisions maps a French elided form to its full word, so that "qu'il" and
// "que il" normalise alike and "n'" counts as the negation "ne".
var elisions = map[string]string{
	"l": "le", "d": "de", "qu": "que", "n": "ne", "s": "se", "j": "je",
	"m": "me", "t": "te", "c": "ce", "jusqu": "jusque", "lorsqu": "lorsque",
	"puisqu": "puisque", "quoiqu": "quoique",
}

// contractions maps a word ending in n before "'t" to its full verb;
// other words just lose the n ("don't" → "do not").
var contractions = map[string]string{"can": "can", "won": "will", "shan": "shall", "ain": "is"}

// clitics maps an English clitic after an apostrophe to its full word; ""
// drops it (the possessive 's).
var clitics = map[string]string{"s": "", "re": "are", "ll": "will", "ve": "have", "d": "would", "m": "am"}

// foldLimit bounds the runes foldTable covers: Latin-1 and Latin Extended.
const foldLimit = 0x250

// foldTable maps non-ASCII letters of the Latin blocks to their lower-case,
// unaccented form ("É" → "e", "œ" → "oe"). Built once; read-only after.
var foldTable = buildFoldTable()

func buildFoldTable() *[foldLimit]string {
	t := &[foldLimit]string{'œ': "oe", 'Œ': "oe", 'æ': "ae", 'Æ': "ae", 'ß': "ss", 'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'ı': "i"}
	for r := rune(0xC0); r < foldLimit; r++ {
		if t[r] != "" || !unicode.IsLetter(r) {
			continue
		}
		var out []rune
		for _, d := range norm.NFD.String(string(unicode.ToLower(r))) {
			if !unicode.Is(unicode.Mn, d) {
				out = append(out, d)
			}
		}
		t[r] = string(out)
	}
	return t
}

// Tokenizer splits text into normalised tokens. It reuses its buffers
// between calls, so one Tokenizer must not be shared between goroutines.
type Tokenizer struct {
	words  []byte // all normalised words of one call, back to back
	cur    int    // where the word being read starts in words
	tokens []Token
	brk    uint8 // break pending before the next token
	// trie, when set (by a Matcher), makes the tokenizer walk plain ASCII
	// words down the trie as it reads them, instead of copying them: one
	// pass over the bytes instead of three (fold, copy, look up). Their
	// tokens carry the walk and have an empty Norm. Other words are folded
	// as usual, then walked down the trie, so that every token carries
	// its walk.
	trie *wordTrie
}

// Norm returns the normalised form of a token of the last call. The bytes
// are valid until the next call.
func (z *Tokenizer) Norm(t Token) []byte { return z.words[t.norm[0]:t.norm[1]] }

// Word returns the normalised form of a token of the last call as a string.
func (z *Tokenizer) Word(t Token) string { return string(z.Norm(t)) }

// Tokens normalises text. The returned slice is valid until the next call.
func (z *Tokenizer) Tokens(text string) []Token {
	z.words, z.tokens, z.cur = z.words[:0], z.tokens[:0], 0
	if cap(z.words) < len(text)+16 {
		z.words = make([]byte, 0, 2*len(text)+16)
	}
	// The break pending before the next token is kept in brk while
	// punctuation and spaces are read, and handed to z.brk for the words,
	// whose tokens take it and reset it.
	brk := breakNone
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if !isASCIIWordByte(c) {
				brk = max(brk, asciiBreaks[c])
				i++
				continue
			}
			z.brk = brk
			if z.trie != nil {
				i = z.plainWords(text, i)
			} else {
				i = z.word(text, i)
			}
			brk = z.brk
			continue
		}
		if z.trie != nil && latin1Letter(text, i) != 0 {
			z.brk = brk
			i = z.plainWords(text, i)
			brk = z.brk
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if startsWord(r) {
			z.brk = brk
			i = z.word(text, i)
			brk = z.brk
			continue
		}
		brk = max(brk, runeBreak(r))
		i += size
	}
	z.brk = brk
	return z.tokens
}

// plainWords reads the word starting with the ASCII letter or digit at
// start, with a trie, and the words after it that follow one space, and
// returns the index after the last.
//
// It first reads a word as the most common word, ASCII letters and digits
// ended by ASCII punctuation or space, walking it down the trie, and
// emits it with where its walk ended. It does not copy the word to words:
// its Norm is empty, the walk is all a Matcher needs. A word that goes on
// otherwise (an accent, an apostrophe) is folded as usual, and ends the
// run.
func (z *Tokenizer) plainWords(text string, start int) int {
	nodes := z.trie.nodes
	for {
		// The walk of wordTrie.walk, spelt out and lower-casing as it
		// goes: this is the hot loop of matching.
		i, node, in, accented := start, int32(0), true, false
		for nd := nodes[0]; uint(i) < uint(len(text)); i++ {
			c := asciiFold[text[i]]
			// A byte that ends the letters (c is 0) has no child.
			k := nd.child(c)
			if uint(k) >= uint(len(nodes)) || !nodes[k].isChildOf(node) {
				if c != 0 {
					in = false
					i = wordRunEnd(text, i) // the word left the trie: skip the rest
				} else if text[i] == 0xC3 {
					i, node, in = z.walkLatin1(text, i, node)
					accented = true
				}
				break
			}
			node, nd = int32(k), nodes[k]
		}
		if i < len(text) && wordGoesOn[text[i]] {
			if accented {
				// Read again from the start, the slow way.
				return z.word(text, start)
			}
			return z.asciiWord(text, start, i)
		}
		word := node
		if !in {
			// Only a capitalised name is looked at: a loyalty scheme's
			// "GuestPoints", not "iPhone".
			if isUpperASCII(text[start]) && z.camelWords(text, start, i) {
				return i
			}
			word += int32(len(nodes))
		}
		// The token is written in place: append would build it aside
		// first.
		n := len(z.tokens)
		if n == cap(z.tokens) {
			z.tokens = slices.Grow(z.tokens, 1)
		}
		z.tokens = z.tokens[:n+1]
		t := &z.tokens[n]
		w := int32(len(z.words))
		t.Start, t.End, t.Break, t.word, t.norm[0], t.norm[1] = start, i, z.brk, word, w, w
		z.brk = breakNone
		// One space then another word, the most common case, goes on
		// here rather than through Tokens: a space is no break.
		if i+1 >= len(text) || text[i] != ' ' || !isASCIIWordByte(text[i+1]) && latin1Letter(text, i+1) == 0 {
			return i
		}
		start = i + 1
	}
}

// camelWords reads a word that is not a word of the rules, text[start:end],
// as the words it is made of when it is written in camel case and its last
// word is one of the trie's camelHeads: a loyalty scheme's "GuestPoints"
// or "QuidRewards" are points and rewards ("guest points"), while
// "YouTube" or "AliExpress" stay whole. It reports whether it did.
func (z *Tokenizer) camelWords(text string, start, end int) bool {
	last := -1
	for k := start + 1; k < end; k++ {
		if text[k] >= utf8.RuneSelf {
			return false // an accented name is left whole
		}
		if isLowerASCII(text[k-1]) && isUpperASCII(text[k]) {
			last = k
		}
	}
	if last < 0 || end-last > maxCamelTail {
		return false
	}
	var buf [maxCamelTail]byte
	tail := buf[:0]
	for k := last; k < end; k++ {
		tail = append(tail, asciiFold[text[k]])
	}
	if !z.trie.camelHeads[string(tail)] {
		return false
	}
	from := start
	for k := start + 1; k <= end; k++ {
		if k == end || isLowerASCII(text[k-1]) && isUpperASCII(text[k]) {
			z.cur = len(z.words)
			z.foldASCII(text[from:k])
			z.emit(from, k)
			from = k
		}
	}
	return true
}

// maxCamelTail is the longest last word camelWords looks up.
const maxCamelTail = 32

func isLowerASCII(c byte) bool { return 'a' <= c && c <= 'z' }
func isUpperASCII(c byte) bool { return 'A' <= c && c <= 'Z' }

// asciiWord reads the word starting with the ASCII letter or digit at
// start, whose letters and digits up to i are read, and returns the index
// after it.
func (z *Tokenizer) asciiWord(text string, start, i int) int {
	z.cur = len(z.words)
	z.foldASCII(text[start:i])
	return z.wordFrom(text, start, i)
}

// wordGoesOn tells the bytes after ASCII letters and digits that may carry
// on the word: apostrophes (' and ` in ASCII, the others are not ASCII)
// and the first byte of any non-ASCII character.
var wordGoesOn = func() (t [256]bool) {
	for c := utf8.RuneSelf; c < len(t); c++ {
		t[c] = true
	}
	t['\''], t['`'] = true, true
	return t
}()

// word reads the word starting at i and returns the index after it.
func (z *Tokenizer) word(text string, i int) int {
	z.cur = len(z.words)
	return z.wordFrom(text, i, i)
}

// wordFrom reads on the word begun at start, whose normalised form so far
// is words[cur:], from i, and returns the index after it.
func (z *Tokenizer) wordFrom(text string, start, i int) int {
	for i < len(text) {
		c := text[i]
		if asciiFold[c] != 0 {
			end := asciiRunEnd(text, i)
			z.foldASCII(text[i:end])
			i = end
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if r < foldLimit && foldTable[r] != "" {
			// An accented Latin letter, the most common non-ASCII rune:
			// what the last case below does, without the tests before.
			z.words = append(z.words, foldTable[r]...)
			i += size
			continue
		}
		switch {
		case isApostrophe(r):
			return z.apostrophe(text, start, i, i+size)
		case c < utf8.RuneSelf: // ASCII letters and digits were folded above
			z.emit(start, i)
			return i
		case unicode.Is(unicode.Mn, r):
			i += size // a combining accent: dropped
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			z.appendFolded(r)
			i += size
		default:
			z.emit(start, i)
			return i
		}
	}
	z.emit(start, i)
	return i
}

// foldASCII appends ASCII letters and digits to words, lower case.
func (z *Tokenizer) foldASCII(s string) {
	w := z.words
	for i := 0; i < len(s); i++ {
		w = append(w, asciiFold[s[i]])
	}
	z.words = w
}

// walkLatin1 goes on with the walk of plainWords at text[i], where a word
// down to node may go on with an accented letter of Latin-1 ("é", "à",
// "ç"): such a letter is walked as the ASCII letter it folds to, so that
// the French words that have them need not be copied and walked again. It
// returns where the word ends, where its walk ended and whether it stayed
// in the trie.
func (z *Tokenizer) walkLatin1(text string, i int, node int32) (int, int32, bool) {
	nodes := z.trie.nodes
	for i < len(text) {
		c, size := asciiFold[text[i]], 1
		if c == 0 {
			if c = latin1Letter(text, i); c == 0 {
				return i, node, true
			}
			size = 2
		}
		k := nodes[node].child(c)
		if uint(k) >= uint(len(nodes)) || !nodes[k].isChildOf(node) {
			return wordRunEnd(text, i+size), node, false
		}
		node, i = int32(k), i+size
	}
	return i, node, true
}

// latin1Letters maps the second byte of the UTF-8 encoding of a letter
// of the Latin-1 Supplement (first byte 0xC3: "À" … "ÿ") to the ASCII
// letter it folds to, or 0 for the others ("æ", "ß", "×").
var latin1Letters = func() (t [256]byte) {
	for r := rune(0xC0); r < 0x100; r++ {
		if f := foldTable[r]; len(f) == 1 {
			var b [2]byte
			utf8.EncodeRune(b[:], r)
			t[b[1]] = f[0]
		}
	}
	return t
}()

// latin1Letter returns the ASCII letter that the Latin-1 letter at
// text[i] folds to, or 0 if there is none there.
func latin1Letter(text string, i int) byte {
	if i+1 < len(text) && text[i] == 0xC3 {
		return latin1Letters[text[i+1]]
	}
	return 0
}

// wordRunEnd returns the end of the letters and digits at text[i:],
// ASCII or Latin-1.
func wordRunEnd(text string, i int) int {
	for i < len(text) {
		switch {
		case asciiFold[text[i]] != 0:
			i++
		case latin1Letter(text, i) != 0:
			i += 2
		default:
			return i
		}
	}
	return i
}

func asciiRunEnd(text string, i int) int {
	for i < len(text) && asciiFold[text[i]] != 0 {
		i++
	}
	return i
}

// apostrophe handles an apostrophe at text[at:after] inside the word begun
// at start, and returns where to go on: the words it makes are emitted
// (after an elision, the word that follows is read as a word of its own).
func (z *Tokenizer) apostrophe(text string, start, at, after int) int {
	// The clitic is read only once the word is known not to be elided:
	// after an elision, it is a whole word. (No word after the
	// apostrophe means no clitic either.)
	if !isWordAt(text, after) {
		z.emit(start, at)
		return at
	}
	word := z.words[z.cur:]
	if full, ok := elision(word); ok {
		z.replace(full)
		z.emit(start, after)
		// The word after the elision is read as a word of its own, on
		// the fast path when it has one.
		return after
	}
	clitic, end := asciiLetters(text, after)
	if clitic == "t" && len(word) > 1 && word[len(word)-1] == 'n' {
		if stem, ok := contractions[string(word)]; ok {
			z.replace(stem)
		} else {
			z.words = z.words[:len(z.words)-1] // the word without its n
		}
		z.emit(start, at)
		z.words = append(z.words, "not"...)
		z.emit(at, end)
		return end
	}
	if full, ok := clitics[clitic]; ok {
		z.emit(start, at)
		if full != "" {
			z.words = append(z.words, full...)
			z.emit(at, end)
		}
		return end
	}
	z.emit(start, at) // "aujourd'hui": two words
	return at
}

// elision returns the full word of an elided form, as elisions does.
func elision(word []byte) (string, bool) {
	if len(word) == 1 {
		full := shortElisions[word[0]]
		return full, full != ""
	}
	full, ok := elisions[string(word)]
	return full, ok
}

// shortElisions is elisions for the one-letter forms, the most common,
// by letter.
var shortElisions = func() (t [256]string) {
	for e, full := range elisions {
		if len(e) == 1 {
			t[e[0]] = full
		}
	}
	return t
}()

// emit records the word being read (words[cur:]) as a token spanning
// text[start:end], and starts the next word.
// With a trie, the word is walked down it, so that every token of a
// Matcher carries its walk.
func (z *Tokenizer) emit(start, end int) {
	if len(z.words) == z.cur {
		return
	}
	if z.trie != nil {
		z.push(start, end, z.trie.info(z.trie.walk(z.words[z.cur:])))
		return
	}
	z.tokens = append(z.tokens, Token{Start: start, End: end, Break: z.brk, norm: [2]int32{int32(z.cur), int32(len(z.words))}})
	z.brk = breakNone
	z.cur = len(z.words)
}

// push emits the word being read, non-empty, with where its walk down the
// trie ended (see Token.word).
func (z *Tokenizer) push(start, end int, word int32) {
	z.tokens = append(z.tokens, Token{Start: start, End: end, Break: z.brk, norm: [2]int32{int32(z.cur), int32(len(z.words))}, word: word})
	z.brk = breakNone
	z.cur = len(z.words)
}

// replace swaps the word being read for another spelling.
func (z *Tokenizer) replace(word string) {
	z.words = append(z.words[:z.cur], word...)
}

func (z *Tokenizer) appendFolded(r rune) {
	if r < foldLimit && foldTable[r] != "" {
		z.words = append(z.words, foldTable[r]...)
		return
	}
	z.words = utf8.AppendRune(z.words, unicode.ToLower(r))
}

// asciiLetters returns the run of ASCII letters at text[i:], lower-cased
// only if already lower case (clitics are short and lower case), and its end.
func asciiLetters(text string, i int) (string, int) {
	j := i
	for j < len(text) && ('a' <= text[j] && text[j] <= 'z' || 'A' <= text[j] && text[j] <= 'Z') {
		j++
	}
	if j < len(text) && text[j] >= utf8.RuneSelf && isWordAt(text, j) {
		return "", i // followed by a non-ASCII letter: not a clitic
	}
	s := text[i:j]
	for k := 0; k < len(s); k++ {
		if s[k] < 'a' {
			return lowerASCII(s), j
		}
	}
	return s, j
}

func lowerASCII(s string) string {
	b := []byte(s)
	for k, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[k] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func isWordAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return startsWord(r)
}

// startsWord reports whether a word can start with r: a letter or a digit,
// but not the modifier letter apostrophe ʼ, a letter to Unicode that is
// read as punctuation there.
func startsWord(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsDigit(r)) && !isApostrophe(r)
}

func isASCIIWordByte(c byte) bool { return asciiFold[c] != 0 }

// asciiFold maps ASCII letters and digits to their lower case, and every
// other byte to 0.
var asciiFold = func() (t [256]byte) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = byte(c), byte(c)
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = byte(c)
	}
	return t
}()

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʼ', '′', '`', '´':
		return true
	}
	return false
}

// asciiBreaks is asciiBreak as a table, for Tokens.
var asciiBreaks = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		t[c] = asciiBreak(byte(c))
	}
	return t
}()

func asciiBreak(c byte) uint8 {
	switch c {
	case '.', '!', '?':
		return breakSentence
	case ';', ':':
		return breakClause
	case ',', '(', ')', '[', ']', '"', '-':
		return breakComma
	}
	return breakNone
}

func runeBreak(r rune) uint8 {
	switch r {
	case '…', '。':
		return breakSentence
	case '«', '»', '“', '”', '–', '—':
		return breakComma
	}
	return breakNone
}
