package extract

// Eight bytes at a time: tests on a little-endian word of eight source or
// text bytes, to skip plain ASCII quickly.

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
	lows  = 0x7F7F7F7F7F7F7F7F
)

// load8 reads s[i:i+8] as a little-endian word.
func load8(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// hasZero reports whether some byte of x is zero.
func hasZero(x uint64) bool { return (x-ones)&^x&highs != 0 }

// zeroBytes has the high bit set in exactly the bytes of x that are zero.
func zeroBytes(x uint64) uint64 { return ^(((x & lows) + lows) | x | lows) }

// mayTerminate8 reports whether some byte of x is '.', '!', '?' or 0xE2
// (see mayTerminate): whether the word may hold the start of a sentence
// terminator.
func mayTerminate8(x uint64) bool {
	return hasZero(x^(ones*'.')) || hasZero(x^(ones*'!')) || hasZero(x^(ones*'?')) || hasZero(x^(ones*0xE2))
}

// plainWords8 reports whether the eight bytes in x are words block.addRun
// may take whole: printable ASCII with single spaces between non-space
// bytes, no space last, and none first when first is set.
func plainWords8(x uint64, first bool) bool {
	if x&highs != 0 || (x-ones*' ')&^x&highs != 0 { // not ASCII, or a control byte
		return false
	}
	sp := zeroBytes(x ^ (ones * ' '))
	return sp&(sp<<8) == 0 && sp>>63 == 0 && !(first && sp&0x80 != 0)
}
