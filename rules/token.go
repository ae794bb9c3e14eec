package rules

import (
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
	// walk tells whether the tokenizer walked the word down its trie, and
	// how it ended at node (see Tokenizer.trie).
	walk uint8
	node int32
}

// Walk results of a token.
const (
	walkNone uint8 = iota // not walked: look the word up
	walkIn                // the word ends at node
	walkOut               // the word leaves the trie at node
)

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
	z.words, z.tokens, z.brk, z.cur = z.words[:0], z.tokens[:0], breakNone, 0
	if cap(z.words) < len(text)+16 {
		z.words = make([]byte, 0, 2*len(text)+16)
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if isASCIIWordByte(c) {
				i = z.asciiWord(text, i)
				continue
			}
			z.brk = max(z.brk, asciiBreaks[c])
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			i = z.word(text, i)
			continue
		}
		z.brk = max(z.brk, runeBreak(r))
		i += size
	}
	return z.tokens
}

// asciiWord reads the word starting with the ASCII letter or digit at i
// and returns the index after it.
//
// With a trie, it first reads the word as the most common word, ASCII
// letters and digits ended by ASCII punctuation or space, walking it down
// the trie, and emits it with where its walk ended. It does not copy the
// word to words: its Norm is empty, the walk is all a Matcher needs. A word
// that goes on otherwise (an accent, an apostrophe) is folded as usual.
func (z *Tokenizer) asciiWord(text string, i int) int {
	start := i
	z.cur = len(z.words)
	if z.trie == nil {
		return z.wordFrom(text, start, i)
	}
	j, node, in := z.trie.walkASCII(text[i:])
	i += j
	if !in {
		i = asciiRunEnd(text, i) // the word left the trie: skip the rest
	}
	// Apostrophes are ' and ` in ASCII, the others are not ASCII.
	if i < len(text) && (text[i] >= utf8.RuneSelf || text[i] == '\'' || text[i] == '`') {
		z.foldASCII(text[start:i])
		return z.wordFrom(text, start, i)
	}
	z.push(start, i, node, in)
	return i
}

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
		switch {
		case isApostrophe(r):
			next, resume := z.apostrophe(text, start, i, i+size)
			if !resume {
				return next
			}
			start, i = next, next
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

func asciiRunEnd(text string, i int) int {
	for i < len(text) && asciiFold[text[i]] != 0 {
		i++
	}
	return i
}

// apostrophe handles an apostrophe at text[at:after] inside the word begun
// at start. It returns where to go on and whether to keep reading the same
// word (after an elision, the rest is a new word).
func (z *Tokenizer) apostrophe(text string, start, at, after int) (int, bool) {
	clitic, end := asciiLetters(text, after)
	if clitic == "" && !isWordAt(text, after) {
		z.emit(start, at)
		return at, false
	}
	word := string(z.words[z.cur:])
	if full, ok := elisions[word]; ok {
		z.replace(full)
		z.emit(start, after)
		return after, true
	}
	if clitic == "t" && len(word) > 1 && word[len(word)-1] == 'n' {
		stem, ok := contractions[word]
		if !ok {
			stem = word[:len(word)-1]
		}
		z.replace(stem)
		z.emit(start, at)
		z.words = append(z.words, "not"...)
		z.emit(at, end)
		return end, false
	}
	if full, ok := clitics[clitic]; ok {
		z.emit(start, at)
		if full != "" {
			z.words = append(z.words, full...)
			z.emit(at, end)
		}
		return end, false
	}
	z.emit(start, at) // "aujourd'hui": two words
	return at, false
}

// emit records the word being read (words[cur:]) as a token spanning
// text[start:end], and starts the next word.
// With a trie, the word is walked down it, so that every token of a
// Matcher carries its walk.
func (z *Tokenizer) emit(start, end int) {
	if len(z.words) == z.cur {
		return
	}
	if z.trie != nil {
		node, in := z.trie.walk(z.words[z.cur:])
		z.push(start, end, node, in)
		return
	}
	z.tokens = append(z.tokens, Token{Start: start, End: end, Break: z.brk, norm: [2]int32{int32(z.cur), int32(len(z.words))}})
	z.brk = breakNone
	z.cur = len(z.words)
}

// push emits the word being read, non-empty, with where its walk down the
// trie ended.
func (z *Tokenizer) push(start, end int, node int32, in bool) {
	walk := walkOut
	if in {
		walk = walkIn
	}
	z.tokens = append(z.tokens, Token{Start: start, End: end, Break: z.brk, norm: [2]int32{int32(z.cur), int32(len(z.words))}, walk: walk, node: node})
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
	return unicode.IsLetter(r) || unicode.IsDigit(r)
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
