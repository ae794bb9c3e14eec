package audit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"

	"github.com/fineprint/fineprint/rules"
)

// Options tune an audit.
type Options struct {
	// Lang forces the document language ("en" or "fr"); "" or "auto"
	// detects it.
	Lang string
}

// Audit matches every clause of doc against the rule set, then scores the
// findings. It stops early, with what it has, when ctx is done.
func Audit(ctx context.Context, doc *Document, set *rules.Set, opts Options) *Report {
	r := &Report{
		Source: doc.Source, FinalURL: doc.FinalURL, FetchedAt: doc.FetchedAt, SHA256: doc.SHA256,
		Language: opts.Lang, Findings: []Finding{}, Signals: []Signal{}, Clauses: len(doc.Clauses),
		Body: doc.Clauses, Title: doc.Title,
	}
	lang, kind := Detect(doc.Title, doc.Clauses)
	if r.Language == "" || r.Language == "auto" {
		r.Language = lang
	}
	r.Kind = kind
	r.Reward = r.Kind == KindOffer
	m := set.NewMatcher()
	texts := clauseTexts(doc.Clauses)
	m.SetUnits(set.Units(texts, r.Language))
	m.SetRoles(set.MinorRoles(texts, r.Language))
	var fired []rules.Fired
	for i, c := range doc.Clauses {
		if i%256 == 0 && ctx.Err() != nil {
			break
		}
		matches := m.Match(c.Text, r.Language)
		for k, mt := range matches {
			if !covered(mt, matches, k) {
				fired = r.add(mt, i, c, fired)
			}
		}
	}
	fired = append(fired, set.DocumentSubjects(fired, len(doc.Clauses))...)
	r.addCompounds(set, doc.Clauses, fired)
	r.sortFindings()
	fingerprint(r.Findings)
	suppressInSource(r, doc.Clauses, func(id string) bool { return set.Rule(id) != nil })
	Score(r)
	return r
}

// clauseTexts returns the text of each clause.
func clauseTexts(clauses []Clause) []string {
	texts := make([]string, len(clauses))
	for i, c := range clauses {
		texts[i] = c.Text
	}
	return texts
}

// covered reports whether mt, the k-th of a clause's matches, is a
// fallback rule's match in a clause where a specific rule of the same
// category matched too (the specific finding says the same thing, more
// precisely), or where an earlier fallback of the category matched: one
// broad finding per category and clause is enough.
func covered(mt rules.Match, matches []rules.Match, k int) bool {
	if !mt.Rule.Fallback {
		return false
	}
	for j, o := range matches {
		if o.Rule.Kind != rules.KindRisk || o.Rule.Category != mt.Rule.Category {
			continue
		}
		if !o.Rule.Fallback || j < k {
			return true
		}
	}
	return false
}

// add turns a match into a finding or a signal, and notes what fired.
func (r *Report) add(mt rules.Match, i int, c Clause, fired []rules.Fired) []rules.Fired {
	rule := mt.Rule
	if rule.Kind == rules.KindSignal {
		r.Signals = append(r.Signals, Signal{
			Rule: rule.ID, Category: rule.Category, Title: rule.Title.In(r.Language), Bonus: rule.Bonus,
			Quote: c.Text, Location: locate(c),
		})
		return fired
	}
	at := rule.Fired()
	at.Clause, at.Block, at.Section = i, c.Block, strings.Join(c.Section, "\x00")
	if rule.Kind == rules.KindSubject {
		return append(fired, at)
	}
	f := r.finding(rule, c)
	f.clause = i
	for _, s := range mt.Spans {
		f.Highlights = append(f.Highlights, Span{s.Start, s.End})
	}
	f.Match = matchText(c.Text, mt.Spans)
	r.Findings = append(r.Findings, f)
	return append(fired, at)
}

func (r *Report) finding(rule *rules.Rule, c Clause) Finding {
	lang := r.Language
	return Finding{
		Rule: rule.ID, Category: rule.Category, Severity: rule.SeverityFor(r.Reward).String(),
		Title: rule.Title.In(lang), Explanation: rule.Explanation.In(lang), Legal: rule.LegalIn(lang),
		Fix: rule.Fix.In(lang), Quote: c.Text, Location: locate(c),
	}
}

// matchText is the triggering words: the whole stretch from the first to
// the last span when it is short, else the spans joined by "…".
func matchText(text string, spans []rules.Span) string {
	if len(spans) == 0 {
		return ""
	}
	first, last := spans[0].Start, spans[len(spans)-1].End
	if last-first <= 160 {
		return text[first:last]
	}
	parts := make([]string, len(spans))
	for i, s := range spans {
		parts[i] = text[s.Start:s.End]
	}
	return strings.Join(parts, " … ")
}

func locate(c Clause) Location {
	end := c.EndLine
	if end < c.Line {
		end = c.Line
	}
	return Location{Page: c.Page, Line: c.Line, Column: c.Column, EndLine: end, Section: c.SectionTitle(), Offset: c.Offset}
}

// addCompounds adds a finding for each combination rule that the fired
// rules satisfy, located at the clause of its first part: the compound
// rule lists its main ingredient first ("the publicity grant, which is
// also perpetual, worldwide and unpaid").
func (r *Report) addCompounds(set *rules.Set, clauses []Clause, fired []rules.Fired) {
	for _, h := range set.Compounds(fired, r.Reward) {
		first := fired[h.At].Clause
		if h.Rule.Fallback && !rules.Statement(clauses[first].Text) {
			continue // a broad finding needs a statement, as a broad rule's does
		}
		f := r.finding(h.Rule, clauses[first])
		var named []string
		for _, p := range h.Parts {
			id := fired[p].Rule
			f.Compound = append(f.Compound, id)
			if fired[p].Document {
				f.Whole = append(f.Whole, id)
				id += " (whole document)"
			}
			named = append(named, id)
		}
		if f.Category == rules.InheritCategory {
			f.Category = set.Rule(fired[h.At].Rule).Category
		}
		f.clause = first
		f.blocker = h.Rule.Blocker
		f.Match = strings.Join(named, " + ")
		r.Findings = append(r.Findings, f)
	}
}

// sortFindings orders findings by position, then by rule id, so reports
// are deterministic.
func (r *Report) sortFindings() {
	// Findings are large structs: sort their indexes, then move each once.
	// The key (offset, clause, rule) is total, so the order is the same on
	// every run.
	order := make([]int, len(r.Findings))
	for i := range order {
		order[i] = i
	}
	fs := r.Findings
	slices.SortFunc(order, func(i, j int) int {
		a, b := &fs[i], &fs[j]
		if a.Location.Offset != b.Location.Offset {
			return a.Location.Offset - b.Location.Offset
		}
		if a.clause != b.clause {
			return a.clause - b.clause
		}
		return strings.Compare(a.Rule, b.Rule)
	})
	sorted := make([]Finding, len(fs))
	for k, i := range order {
		sorted[k] = fs[i]
	}
	r.Findings = sorted
}

// fingerprint gives each finding an id that survives line moves: a hash
// of the rule, the clause's words and the occurrence of that pair.
func fingerprint(fs []Finding) {
	var z rules.Tokenizer
	seen := map[string]int{}
	words := map[string]string{} // quote → its normalised words, each after a space
	for i := range fs {
		w, ok := words[fs[i].Quote]
		if !ok {
			var b strings.Builder
			for _, t := range z.Tokens(fs[i].Quote) {
				b.WriteByte(' ')
				b.Write(z.Norm(t))
			}
			w = b.String()
			words[fs[i].Quote] = w
		}
		key := fs[i].Rule + w
		n := seen[key]
		seen[key] = n + 1
		sum := sha256.Sum256([]byte(key + "#" + strconv.Itoa(n)))
		fs[i].Fingerprint = hex.EncodeToString(sum[:8])
	}
}
