package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Statement reports whether a clause states something, as a broad
// (fallback) rule's finding needs: not a question ("Why is information
// transferred to other countries?") nor a heading in title case
// ("Transferring Information to Other Countries"), which name a subject
// that the clauses after them state. The specific rules' phrases say too
// much to be a mere subject and are matched everywhere.
func Statement(text string) bool {
	text = strings.TrimRight(text, " \t*_")
	if strings.HasSuffix(text, "?") {
		return false
	}
	if last, _ := utf8.DecodeLastRuneInString(text); text == "" || strings.ContainsRune(".;:!»\")", last) {
		return true
	}
	words, capital := 0, 0
	for w := range strings.FieldsSeq(text) {
		if words++; words > 12 {
			return true // too long for a heading
		}
		if utf8.RuneCountInString(w) < 4 {
			continue // "to", "of", "and" stay in lower case in a title
		}
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return true
		}
		capital++
	}
	return capital < 2
}
