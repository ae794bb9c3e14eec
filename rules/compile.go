package rules

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// Set is a compiled rule set: every phrase the rules of a language read
// lives in one automaton of that language, so matching a clause costs about
// the same whatever the number of rules. A Set is read-only and safe to share;
// each goroutine matches through its own Matcher.
type Set struct {
	Rules []*Rule
	byID  map[string]*Rule

	nLists  int
	classes []patClass
	langs   map[string]*langIndex
	noLang  *langIndex // for a language without patterns
	plans   []plan     // per rule, parallel to Rules
	grants  map[string][2]int32
	listKey map[string]int32
	// camelHeads and unitCues are what Units reads (see units.go).
	camelHeads map[string]bool
	unitCues   map[string]unitCues
	// roleCues are what MinorRoles reads (see roles.go).
	roleCues map[string]roleCues
}

// langIndex is what the matcher reads for the clauses of one language.
type langIndex struct {
	filter [][]int32 // list → the pattern classes anchored there (see buildFilters)
	anchor []bool    // list → whether filter has classes there
	wants  [][]int32 // rule → the lists whose hits it reads (see buildWants)
	// words and auto hold the words and phrases of the lists the
	// language's rules read, and only those: the other languages' words and
	// phrases, about half of all, would only slow the clause down and fill
	// the cache.
	words wordTrie
	auto  automaton
}

// newLangIndex returns the index of a language whose rules read the lists
// marked in reads (none if nil), without filter and wants.
func (b *builder) newLangIndex(reads []bool) (*langIndex, error) {
	trans, final := map[uint64]int32{}, [][]int32{nil}
	used := make([]bool, b.nsym+1) // symbols of the phrases
	for l, phrases := range b.phrases {
		if reads == nil || !reads[l] {
			continue
		}
		for _, syms := range phrases {
			addPhrase(trans, &final, syms, int32(l))
			for _, sym := range syms {
				if sym != anyWord {
					used[sym] = true
				}
			}
		}
	}
	auto, err := compactAutomaton(trans, final, b.nsym)
	if err != nil {
		return nil, err
	}
	li := &langIndex{anchor: make([]bool, b.set.nLists), words: b.trie(used), auto: auto}
	li.words.camelHeads = b.camelHeads
	return li, nil
}

// buildLangs indexes the rules for each language.
func (b *builder) buildLangs() (map[string]*langIndex, error) {
	s := b.set
	filters, wants := s.buildFilters(), s.buildWants()
	langs := map[string]*langIndex{}
	for lang, w := range wants {
		// Every list a rule of the language reads is in wants: those of
		// the pattern classes too, and the grants lists, added anyway.
		reads := make([]bool, s.nLists)
		for _, lists := range w {
			for _, l := range lists {
				reads[l] = true
			}
		}
		if g, ok := s.grants[lang]; ok {
			reads[g[0]], reads[g[1]] = true, true
		}
		li, err := b.newLangIndex(reads)
		if err != nil {
			return nil, err
		}
		li.wants, li.filter = w, filters[lang]
		for l, classes := range li.filter {
			li.anchor[l] = len(classes) > 0
		}
		langs[lang] = li
	}
	return langs, nil
}

// patClass is, for the matcher's pre-filter, the patterns of one language
// that use the same lists: a rule is evaluated only when every list of one
// of its patterns has a hit. Patterns that share their lists (the same
// vocabulary in several rules) are counted once for all their rules.
type patClass struct {
	lang  string
	lists []int32 // distinct, sorted
	rules []int32 // rules with a pattern of the class
}

// plan is a rule compiled for matching.
type plan struct {
	patterns map[string][]compiledPattern
	unless   map[string]int32 // list id per language, -1 when none
}

type compiledPattern struct {
	groups  []int32 // list ids
	denied  int     // index in groups of the group only negated phrases match, or -1
	within  int
	ordered bool
}

// Compile checks a pack as a whole (unique ids, vocabularies and rule
// references that resolve) and builds its automaton.
func Compile(p *Pack) (*Set, error) {
	s := &Set{
		byID: map[string]*Rule{}, grants: map[string][2]int32{}, listKey: map[string]int32{},
	}
	b := &builder{
		set: s, vocab: p.Vocab, words: map[string]int32{}, wilds: map[string]int32{},
		class: map[string]int32{},
	}
	var errs []error
	for _, r := range p.Rules {
		if prev, dup := s.byID[r.ID]; dup {
			errs = append(errs, &LoadError{File: r.File, Line: r.Line, Field: r.ID + ".id", Msg: fmt.Sprintf("duplicate id, first defined at %s:%d", prev.File, prev.Line)})
			continue
		}
		s.byID[r.ID] = r
		s.Rules = append(s.Rules, r)
	}
	needGrants := false
	for _, r := range s.Rules {
		pl, err := b.plan(r)
		if err != nil {
			errs = append(errs, err)
		}
		s.plans = append(s.plans, pl)
		needGrants = needGrants || r.Direction != ""
		errs = append(errs, s.checkCompound(r)...)
	}
	if err := b.grantLists(needGrants); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	b.camelHeads = camelHeads(p.Vocab)
	s.camelHeads, s.unitCues = b.camelHeads, unitCueWords(p.Vocab)
	s.roleCues = roleCueWords(p.Vocab)
	s.nLists = len(s.listKey)
	langs, err := b.buildLangs()
	if err != nil {
		return nil, err
	}
	s.langs = langs
	if s.noLang, err = b.newLangIndex(nil); err != nil {
		return nil, err
	}
	return s, nil
}

// camelHeadsVocab names the vocabulary of the words that, at the end of a
// name written in camel case, make the tokenizer read the name as words.
const camelHeadsVocab = "camel_heads"

// camelHeads returns the words of the vocabulary camel_heads, in every
// language, as the tokenizer folds them. Only single words can end a
// camel-case name: an entry of several words is left out.
func camelHeads(vocab map[string]map[string][]string) map[string]bool {
	heads := map[string]bool{}
	for _, words := range vocab[camelHeadsVocab] {
		maps.Copy(heads, singleWords(words))
	}
	return heads
}

// singleWords returns the entries of a vocabulary that are one word, as
// the tokenizer folds them.
func singleWords(entries []string) map[string]bool {
	set := map[string]bool{}
	var z Tokenizer
	for _, w := range entries {
		if toks := z.Tokens(w); len(toks) == 1 {
			set[z.Word(toks[0])] = true
		}
	}
	return set
}

// Rule returns the rule with the given id, or nil.
func (s *Set) Rule(id string) *Rule { return s.byID[id] }

func (s *Set) checkCompound(r *Rule) []error {
	if r.Compound == nil {
		return nil
	}
	var errs []error
	for _, alts := range r.Compound.All {
		for _, id := range alts {
			if cat, ok := PartCategory(id); ok {
				if !slices.Contains(Categories, cat) {
					errs = append(errs, &LoadError{File: r.File, Line: r.Line, Field: r.ID + ".compound.all", Msg: fmt.Sprintf("unknown category %q", cat)})
				}
				continue
			}
			if subject, ok := PartDocument(id); ok {
				if sr := s.byID[subject]; sr == nil || sr.Kind != KindSubject || sr.DocumentPercent == 0 {
					errs = append(errs, &LoadError{File: r.File, Line: r.Line, Field: r.ID + ".compound.all", Msg: fmt.Sprintf("%q: want a subject rule with a document_percent", subject)})
				}
				continue
			}
			if s.byID[id] == nil {
				errs = append(errs, &LoadError{File: r.File, Line: r.Line, Field: r.ID + ".compound.all", Msg: fmt.Sprintf("no rule with id %q", id)})
			}
		}
	}
	return errs
}

// anyWord is the symbol of a lone "*" in a phrase: any one word.
const anyWord int32 = -1

// builder accumulates the automaton while rules are compiled.
type builder struct {
	set   *Set
	vocab map[string]map[string][]string
	words map[string]int32 // exact word → symbol
	wilds map[string]int32 // prefix of a "word*" → symbol
	nsym  int32
	// phrases holds, per list, its phrases as symbols; each language's
	// automaton is built from the lists its rules read.
	phrases [][][]int32
	class   map[string]int32 // language and lists → pattern class
	// camelHeads are the words of the vocabulary camel_heads (see
	// wordTrie.camelHeads).
	camelHeads map[string]bool
}

func (b *builder) plan(r *Rule) (plan, error) {
	pl := plan{patterns: map[string][]compiledPattern{}, unless: map[string]int32{}}
	var errs []error
	idx := int32(len(b.set.plans))
	// Languages in a fixed order, so that lists, classes and so the
	// matcher's work are numbered alike from one run to the next.
	for _, lang := range slices.Sorted(maps.Keys(r.Patterns)) {
		pats := r.Patterns[lang]
		for _, p := range pats {
			cp := compiledPattern{within: p.Within, ordered: p.Ordered, denied: -1}
			for _, g := range p.All {
				id, err := b.list(g, lang)
				if err != nil {
					errs = append(errs, &LoadError{File: r.File, Line: r.Line, Field: r.ID + ".match." + lang, Msg: err.Error()})
					continue
				}
				cp.groups = append(cp.groups, id)
			}
			if len(p.Denied) > 0 {
				id, err := b.list(p.Denied, lang)
				if err != nil {
					errs = append(errs, &LoadError{File: r.File, Line: r.Line, Field: r.ID + ".match." + lang + ".denied", Msg: err.Error()})
				} else {
					cp.denied = len(cp.groups)
					cp.groups = append(cp.groups, id)
				}
			}
			b.addToClass(lang, cp.groups, idx)
			pl.patterns[lang] = append(pl.patterns[lang], cp)
		}
	}
	for _, lang := range slices.Sorted(maps.Keys(r.Unless)) {
		phrases := r.Unless[lang]
		id, err := b.list(phrases, lang)
		if err != nil {
			errs = append(errs, &LoadError{File: r.File, Line: r.Line, Field: r.ID + ".unless." + lang, Msg: err.Error()})
		}
		pl.unless[lang] = id
	}
	return pl, errors.Join(errs...)
}

// addToClass adds rule to the pattern class of a pattern with the given
// lists in lang.
func (b *builder) addToClass(lang string, groups []int32, rule int32) {
	lists := slices.Compact(slices.Sorted(slices.Values(groups)))
	key := fmt.Sprint(lang, lists)
	id, ok := b.class[key]
	if !ok {
		id = int32(len(b.set.classes))
		b.class[key] = id
		b.set.classes = append(b.set.classes, patClass{lang: lang, lists: lists})
	}
	c := &b.set.classes[id]
	c.rules = appendUnique(c.rules, rule)
}

// buildFilters indexes the pattern classes by language and list.
//
// Each class is indexed under one list only, its anchor: after a clause is
// scanned, only the classes anchored at a list that has a hit are checked.
// Any list of the class would do; the one used by the fewest classes is
// taken, because lists shared by many rules ("we", "your data", "may")
// are the ones found in almost every clause, and anchoring there would
// check hundreds of classes per clause.
func (s *Set) buildFilters() map[string][][]int32 {
	uses := make([]int, s.nLists)
	for _, c := range s.classes {
		for _, l := range c.lists {
			uses[l]++
		}
	}
	filters := map[string][][]int32{}
	for id, c := range s.classes {
		f, ok := filters[c.lang]
		if !ok {
			f = make([][]int32, s.nLists)
			filters[c.lang] = f
		}
		anchor := c.lists[0]
		for _, l := range c.lists[1:] {
			if uses[l] < uses[anchor] {
				anchor = l
			}
		}
		f[anchor] = append(f[anchor], int32(id))
	}
	return filters
}

// buildWants lists, per language and rule, the lists whose hits the
// matcher may read to decide whether the rule fires: the lists of its
// patterns, of its unless, and those that tell who grants rights for a
// rule with a direction (see Matcher.fires).
func (s *Set) buildWants() map[string][][]int32 {
	wants := map[string][][]int32{}
	for ri, pl := range s.plans {
		for lang, pats := range pl.patterns {
			w, ok := wants[lang]
			if !ok {
				w = make([][]int32, len(s.Rules))
				wants[lang] = w
			}
			for _, p := range pats {
				w[ri] = append(w[ri], p.groups...)
			}
			if id, ok := pl.unless[lang]; ok {
				w[ri] = append(w[ri], id)
			}
			if g, ok := s.grants[lang]; ok && s.Rules[ri].Direction == "user-grants" {
				w[ri] = append(w[ri], g[0], g[1])
			}
		}
	}
	return wants
}

func appendUnique(s []int32, v int32) []int32 {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}

// list compiles a phrase list (vocabularies expanded) into the automaton
// and returns its id; identical lists share one id.
func (b *builder) list(entries []string, lang string) (int32, error) {
	phrases, err := b.expand(entries, lang, 0)
	if err != nil {
		return -1, err
	}
	if len(phrases) == 0 {
		return -1, fmt.Errorf("empty phrase list")
	}
	if lang == "fr" {
		for i, ph := range phrases {
			phrases[i] = elide(ph)
		}
	}
	slices.Sort(phrases)
	phrases = slices.Compact(phrases)
	key := strings.Join(phrases, "\x00")
	if id, ok := b.set.listKey[key]; ok {
		return id, nil
	}
	id := int32(len(b.set.listKey))
	b.set.listKey[key] = id
	syms := make([][]int32, 0, len(phrases))
	for _, ph := range phrases {
		s, err := b.symbols(ph)
		if err != nil {
			return -1, err
		}
		syms = append(syms, s)
	}
	b.phrases = append(b.phrases, syms)
	return id, nil
}

func (b *builder) expand(entries []string, lang string, depth int) ([]string, error) {
	if depth > 4 {
		return nil, fmt.Errorf("vocabularies nested too deep")
	}
	var out []string
	for _, e := range entries {
		name, isRef := strings.CutPrefix(e, "@")
		if !isRef {
			out = append(out, e)
			continue
		}
		v, ok := b.vocab[name]
		if !ok {
			return nil, fmt.Errorf("unknown vocabulary @%s", name)
		}
		sub, err := b.expand(v[lang], lang, depth+1)
		if err != nil {
			return nil, err
		}
		if len(sub) == 0 {
			return nil, fmt.Errorf("vocabulary @%s has no %s phrases", name, lang)
		}
		out = append(out, sub...)
	}
	return out, nil
}

// elide reads a French phrase's "la" before a vowel as the text reads
// "l'": "la utilisation" is "le utilisation", which "l'utilisation"
// normalises to, where the phrase as written could never match. "là où"
// (read "la ou"), "la une" and "la onzième" keep their "la".
func elide(ph string) string {
	words := strings.Fields(ph)
	changed := false
	for i := 0; i+1 < len(words); i++ {
		if !strings.EqualFold(words[i], "la") || !startsWithVowel(words[i+1]) {
			continue
		}
		switch strings.ToLower(words[i+1]) {
		case "ou", "où", "a", "à", "une", "onze", "onzieme", "onzième":
			continue
		}
		words[i], changed = "le", true
	}
	if !changed {
		return ph
	}
	return strings.Join(words, " ")
}

// startsWithVowel reports whether a French word starts with a vowel,
// accented or not (not an h: « la hausse » keeps its article).
func startsWithVowel(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return strings.ContainsRune("aeiouyàâäéèêëîïôöùûüœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ", r)
}

// addPhrase adds a phrase of list id, as symbols, to an automaton being
// built: trans maps state<<32|symbol to a state, final holds per state the
// lists a phrase ending there belongs to.
func addPhrase(trans map[uint64]int32, final *[][]int32, syms []int32, id int32) {
	state := int32(0)
	for _, sym := range syms {
		key := uint64(state)<<32 | uint64(uint32(sym))
		next, ok := trans[key]
		if !ok {
			next = int32(len(*final))
			*final = append(*final, nil)
			trans[key] = next
		}
		state = next
	}
	(*final)[state] = appendUnique((*final)[state], id)
}

// symbols returns the symbols of a phrase. Words ending in * match any
// word that starts with them.
func (b *builder) symbols(ph string) ([]int32, error) {
	var z Tokenizer
	var syms []int32
	for i, w := range strings.Fields(ph) {
		if w == "*" {
			if i == 0 {
				return nil, fmt.Errorf("phrase %q: a phrase cannot start with a word wildcard", ph)
			}
			syms = append(syms, anyWord)
			continue
		}
		stem, wild := strings.CutSuffix(w, "*")
		toks := z.Tokens(stem)
		if len(toks) == 0 {
			return nil, fmt.Errorf("phrase %q: %q has no letters", ph, w)
		}
		for i, t := range toks {
			if wild && i == len(toks)-1 {
				if len(z.Norm(t)) < 3 {
					return nil, fmt.Errorf("phrase %q: wildcard %q needs at least 3 letters", ph, w)
				}
				syms = append(syms, b.symbol(b.wilds, z.Word(t)))
				continue
			}
			word := z.Word(t)
			if full, ok := elisions[word]; ok && len(word) > 1 {
				// "jusqu a" in a phrase reads as the text's "jusqu'à",
				// which normalises to "jusque a".
				word = full
			}
			syms = append(syms, b.symbol(b.words, word))
		}
	}
	if len(syms) == 0 {
		return nil, fmt.Errorf("phrase %q has no words", ph)
	}
	return syms, nil
}

func (b *builder) symbol(m map[string]int32, word string) int32 {
	if s, ok := m[word]; ok {
		return s
	}
	b.nsym++
	m[word] = b.nsym
	return b.nsym
}

// grantLists compiles the vocabularies that tell who grants rights to whom.
func (b *builder) grantLists(need bool) error {
	for _, lang := range Languages {
		pg, err1 := b.list([]string{"@provider_grants"}, lang)
		ug, err2 := b.list([]string{"@user_grants"}, lang)
		if err := errors.Join(err1, err2); err != nil {
			if need {
				return fmt.Errorf("rules with a direction need the vocabularies provider_grants and user_grants in %s: %w", lang, err)
			}
			continue
		}
		b.set.grants[lang] = [2]int32{pg, ug}
	}
	return nil
}
