package extract

import "html"

// maxEntityName bounds the scan of a named character reference.
const maxEntityName = 40

// entity decodes the character reference starting at s[i] == '&'. It returns
// the decoded text and the end of the reference in s; ok is false when the
// '&' starts no reference and is a literal ampersand.
func entity(s string, i int) (decoded string, end int, ok bool) {
	end = entityEnd(s, i)
	ref := s[i:end]
	switch ref { // the commonest references, as html.UnescapeString decodes them
	case "&amp;":
		return "&", end, true
	case "&nbsp;":
		return "\u00a0", end, true
	case "&lt;":
		return "<", end, true
	case "&gt;":
		return ">", end, true
	case "&quot;":
		return "\"", end, true
	}
	decoded = html.UnescapeString(ref)
	return decoded, end, decoded != ref
}

// entityEnd finds where a reference starting at s[i] == '&' would end:
// "&#123;", "&#x1F;", "&amp;" or "&amp" (references may omit the ';').
func entityEnd(s string, i int) int {
	j := i + 1
	if j < len(s) && s[j] == '#' {
		j++
		hex := j < len(s) && (s[j] == 'x' || s[j] == 'X')
		if hex {
			j++
		}
		for j < len(s) && j-i < maxEntityName && (isDigit(s[j]) || hex && isHexLetter(s[j])) {
			j++
		}
	} else {
		for j < len(s) && j-i < maxEntityName && isAlnum(s[j]) {
			j++
		}
	}
	if j < len(s) && s[j] == ';' {
		j++
	}
	return j
}

func isDigit(c byte) bool     { return '0' <= c && c <= '9' }
func isHexLetter(c byte) bool { return 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }
func isAlnum(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
