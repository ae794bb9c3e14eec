// Package diff compares the audits of two versions of a document: the
// findings a revision added, removed, changed or left as they were, the
// wording of the flagged clauses before and after, and how the score and
// the grade moved.
//
// Findings are paired in two passes. First by rule and clause text, folded
// as the rule matcher folds it (case, accents, quotes), so that a clause
// moved or re-wrapped is "unchanged". Then, among what is left, a finding
// of the same rule whose clause was reworded — the two clauses share at
// least Options.MinSimilarity of their words — is "changed", with a word
// diff of the clause.
package diff

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/rules"
)

// Schema names the JSON form of a Diff.
const Schema = "fineprint/diff/v1"

// DefaultSimilarity is the share of words two clauses must have in common
// for a finding of the same rule to count as changed rather than removed
// and added again.
const DefaultSimilarity = 0.6

// Options tune a comparison; the zero value uses the defaults.
type Options struct {
	// MinSimilarity is the Dice coefficient of the two clauses' words
	// (0-1) from which a finding is paired as changed; 0 means
	// DefaultSimilarity.
	MinSimilarity float64
}

// Side sums up one version's audit.
type Side struct {
	Source     string `json:"source"`
	FinalURL   string `json:"final_url,omitempty"`
	SHA256     string `json:"sha256,omitempty"`
	Grade      string `json:"grade"`
	Score      int    `json:"score"`
	RiskPoints int    `json:"risk_points"`
}

// Delta is how the numbers moved from old to new.
type Delta struct {
	Score      int `json:"score"`
	RiskPoints int `json:"risk_points"`
}

// Change is a finding of the same rule on a clause that was reworded, or
// whose severity moved.
type Change struct {
	Old audit.Finding `json:"old"`
	New audit.Finding `json:"new"`
	// Similarity is the Dice coefficient of the clauses' folded words.
	Similarity float64 `json:"similarity"`
	// Words is the old clause turned into the new one, word by word.
	Words []Edit `json:"words"`
	// Worse says the new finding is more severe than the old one.
	Worse bool `json:"worse"`
}

// Diff is what changed between two audits of a document.
type Diff struct {
	Old       Side            `json:"old"`
	New       Side            `json:"new"`
	Delta     Delta           `json:"delta"`
	Added     []audit.Finding `json:"added"`
	Removed   []audit.Finding `json:"removed"`
	Changed   []Change        `json:"changed"`
	Unchanged []audit.Finding `json:"unchanged"`
}

// Compare pairs the findings of the old and new audits. Added, Changed and
// Unchanged follow the new document's order, Removed the old one's.
func Compare(old, new *audit.Report, opts Options) *Diff {
	if opts.MinSimilarity <= 0 {
		opts.MinSimilarity = DefaultSimilarity
	}
	d := &Diff{
		Old: sideOf(old), New: sideOf(new),
		Delta: Delta{Score: new.Score - old.Score, RiskPoints: new.RiskPoints - old.RiskPoints},
		Added: []audit.Finding{}, Removed: []audit.Finding{}, Changed: []Change{}, Unchanged: []audit.Finding{},
	}
	m := newMatcher(old.Findings, new.Findings)
	pairs := append(m.pairExact(), m.pairSimilar(opts.MinSimilarity)...)
	slices.SortFunc(pairs, func(a, b pair) int { return cmp.Compare(a.new, b.new) })
	d.sortOut(old.Findings, new.Findings, pairs, m)
	return d
}

func sideOf(r *audit.Report) Side {
	return Side{Source: r.Source, FinalURL: r.FinalURL, SHA256: r.SHA256, Grade: r.Grade, Score: r.Score, RiskPoints: r.RiskPoints}
}

// sortOut files each finding under added, removed, changed or unchanged.
func (d *Diff) sortOut(old, new []audit.Finding, pairs []pair, m *matcher) {
	paired := make([]bool, len(new))
	for _, p := range pairs {
		paired[p.new] = true
		o, n := old[p.old], new[p.new]
		if p.exact && o.Severity == n.Severity {
			d.Unchanged = append(d.Unchanged, n)
			continue
		}
		d.Changed = append(d.Changed, Change{
			Old: o, New: n, Similarity: math.Round(p.similarity*100) / 100, Words: Words(o.Quote, n.Quote),
			Worse: severity(n.Severity) > severity(o.Severity),
		})
	}
	for i, f := range new {
		if !paired[i] {
			d.Added = append(d.Added, f)
		}
	}
	for i, f := range old {
		if !m.oldUsed[i] {
			d.Removed = append(d.Removed, f)
		}
	}
}

// Introduced returns the findings the new version brings: those added and
// those that became more severe, leaving out the suppressed ones. They are
// what --fail-on looks at.
func (d *Diff) Introduced() []audit.Finding {
	var out []audit.Finding
	for _, f := range d.Added {
		if f.Suppressed == nil {
			out = append(out, f)
		}
	}
	for _, c := range d.Changed {
		if c.Worse && c.New.Suppressed == nil {
			out = append(out, c.New)
		}
	}
	return out
}

// severity ranks a finding's severity; an unknown name ranks lowest.
func severity(name string) rules.Severity {
	s, _ := rules.ParseSeverity(name)
	return s
}

// pair is an old and a new finding found to be the same one.
type pair struct {
	old, new   int
	exact      bool
	similarity float64
}

// matcher holds the folded words of every finding's clause and which
// findings are already paired.
type matcher struct {
	old, new         []audit.Finding
	oldWords         [][]string
	newWords         [][]string
	oldUsed, newUsed []bool
}

func newMatcher(old, new []audit.Finding) *matcher {
	var z rules.Tokenizer
	m := &matcher{old: old, new: new, oldUsed: make([]bool, len(old)), newUsed: make([]bool, len(new))}
	for _, f := range old {
		m.oldWords = append(m.oldWords, folded(&z, f.Quote))
	}
	for _, f := range new {
		m.newWords = append(m.newWords, folded(&z, f.Quote))
	}
	return m
}

// folded is the clause's words as the rule matcher normalises them.
func folded(z *rules.Tokenizer, text string) []string {
	toks := z.Tokens(text)
	words := make([]string, 0, len(toks))
	for _, t := range toks {
		words = append(words, z.Word(t))
	}
	return words
}

// pairExact pairs findings of the same rule on the same folded clause, the
// n-th old occurrence with the n-th new one.
func (m *matcher) pairExact() []pair {
	queue := map[string][]int{}
	for i, f := range m.old {
		k := f.Rule + "\x00" + strings.Join(m.oldWords[i], " ")
		queue[k] = append(queue[k], i)
	}
	var pairs []pair
	for j, f := range m.new {
		k := f.Rule + "\x00" + strings.Join(m.newWords[j], " ")
		if q := queue[k]; len(q) > 0 {
			queue[k] = q[1:]
			m.oldUsed[q[0]], m.newUsed[j] = true, true
			pairs = append(pairs, pair{old: q[0], new: j, exact: true, similarity: 1})
		}
	}
	return pairs
}

// pairSimilar pairs what pairExact left: findings of the same rule on
// clauses at least min alike, the most alike first.
func (m *matcher) pairSimilar(min float64) []pair {
	var cands []pair
	for j, nf := range m.new {
		if m.newUsed[j] {
			continue
		}
		for i, of := range m.old {
			if m.oldUsed[i] || of.Rule != nf.Rule {
				continue
			}
			if s := Similarity(m.oldWords[i], m.newWords[j]); s >= min {
				cands = append(cands, pair{old: i, new: j, similarity: s})
			}
		}
	}
	slices.SortStableFunc(cands, func(a, b pair) int { return cmp.Compare(b.similarity, a.similarity) })
	var pairs []pair
	for _, c := range cands {
		if !m.oldUsed[c.old] && !m.newUsed[c.new] {
			m.oldUsed[c.old], m.newUsed[c.new] = true, true
			pairs = append(pairs, c)
		}
	}
	return pairs
}

// Similarity is the Dice coefficient of two bags of words: twice the words
// they share over the words they hold, from 0 (nothing in common) to 1.
func Similarity(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	count := make(map[string]int, len(a))
	for _, w := range a {
		count[w]++
	}
	shared := 0
	for _, w := range b {
		if count[w] > 0 {
			count[w]--
			shared++
		}
	}
	return float64(2*shared) / float64(len(a)+len(b))
}
