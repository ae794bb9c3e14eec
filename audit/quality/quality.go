// Package quality measures fineprint's clause detection on labelled sets:
// folders of .tsv documents, one unit (sentence) a line, "TAGS<TAB>TEXT".
// It computes what ../shared/bin/clause-bench computes — precision, recall
// and F1 per category, macro-F1, and the LexGLUE UNFAIR-ToS scores — in
// process, so that `go test` can guard against regressions.
package quality

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/audit/extract"
	"github.com/fineprint/fineprint/rules"
)

// claudette maps CLAUDETTE tags to fineprint categories.
var claudette = map[string]string{
	"a": "arbitration", "ch": "unilateral-change", "cr": "content-removal", "j": "jurisdiction",
	"law": "choice-of-law", "ltd": "liability", "ter": "termination", "use": "contract-by-use",
	"pinc": "consent",
}

// LexGLUE lists the eight UNFAIR-ToS categories, in the paper's order.
var LexGLUE = []string{
	"arbitration", "unilateral-change", "content-removal", "jurisdiction", "choice-of-law",
	"liability", "termination", "contract-by-use",
}

var tagPattern = regexp.MustCompile(`^([a-z]+)([123])$`)

// Unit is one labelled sentence.
type Unit struct {
	Gold map[string]bool
	Text string
}

// Doc is one labelled document.
type Doc struct {
	Name      string
	Units     []Unit
	Claudette bool // labelled with CLAUDETTE tags
}

// LoadSet reads every .tsv file of dir.
func LoadSet(dir string) ([]Doc, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.tsv"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no .tsv documents", dir)
	}
	sort.Strings(files)
	var docs []Doc
	for _, f := range files {
		d, err := loadDoc(f)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

func loadDoc(path string) (Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return Doc{}, err
	}
	defer f.Close()
	d := Doc{Name: strings.TrimSuffix(filepath.Base(path), ".tsv")}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		tags, text, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			continue
		}
		text = strings.Join(strings.Fields(text), " ")
		if text == "" {
			continue
		}
		gold, isClaudette := parseTags(tags)
		d.Claudette = d.Claudette || isClaudette
		d.Units = append(d.Units, Unit{Gold: gold, Text: text})
	}
	return d, sc.Err()
}

// parseTags maps tags to categories; a level-1 CLAUDETTE tag ("clearly
// fair") is no label.
func parseTags(tags string) (map[string]bool, bool) {
	gold := map[string]bool{}
	isClaudette := false
	for _, t := range strings.Fields(tags) {
		m := tagPattern.FindStringSubmatch(t)
		switch {
		case m != nil && claudette[m[1]] != "":
			isClaudette = true
			if m[2] != "1" {
				gold[claudette[m[1]]] = true
			}
		case m == nil:
			gold[t] = true
		}
	}
	return gold, isClaudette
}

// Predict audits each document laid out as clause-bench lays it out (one
// unit a paragraph, as plain text) and returns the categories found per
// unit.
func Predict(docs []Doc, set *rules.Set) ([][]map[string]bool, error) {
	out := make([][]map[string]bool, len(docs))
	for i, d := range docs {
		var b strings.Builder
		for _, u := range d.Units {
			b.WriteString(u.Text)
			b.WriteString("\n\n")
		}
		clauses, title, err := extract.Extract([]byte(b.String()), audit.FormatText)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d.Name, err)
		}
		doc := &audit.Document{Source: d.Name, Title: title, Clauses: clauses}
		r := audit.Audit(context.Background(), doc, set, audit.Options{})
		pred := make([]map[string]bool, len(d.Units))
		for k := range pred {
			pred[k] = map[string]bool{}
		}
		for _, f := range r.Findings {
			k := min(max((f.Location.Line-1)/2, 0), len(pred)-1)
			pred[k][f.Category] = true
		}
		out[i] = pred
	}
	return out, nil
}

// Score is a precision/recall/F1 row.
type Score struct {
	Support, TP, FP, FN int
	Precision, Recall   float64
	F1                  float64
}

// Result is the measure of a set.
type Result struct {
	Categories map[string]Score
	MacroF1    float64 // over the categories with gold labels
	// LexGLUE macro- and micro-F1 (8 categories and "none"), for
	// CLAUDETTE-labelled sets; 0 otherwise.
	LexGLUEMacro, LexGLUEMicro float64
}

func f1(tp, fp, fn int) Score {
	s := Score{Support: tp + fn, TP: tp, FP: fp, FN: fn}
	if tp+fp > 0 {
		s.Precision = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		s.Recall = float64(tp) / float64(tp+fn)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// Measure compares predictions with the gold labels.
func Measure(docs []Doc, preds [][]map[string]bool) Result {
	counts := map[string]*[3]int{}
	bump := func(c string, k int) {
		if counts[c] == nil {
			counts[c] = &[3]int{}
		}
		counts[c][k]++
	}
	lex := map[string]*[3]int{}
	isClaudette := false
	for i, d := range docs {
		isClaudette = isClaudette || d.Claudette
		for k, u := range d.Units {
			p := preds[i][k]
			for c := range union(u.Gold, p) {
				bump(c, outcome(u.Gold[c], p[c]))
			}
			g, q := lexView(u.Gold), lexView(p)
			for c := range union(g, q) {
				if lex[c] == nil {
					lex[c] = &[3]int{}
				}
				lex[c][outcome(g[c], q[c])]++
			}
		}
	}
	res := Result{Categories: map[string]Score{}}
	var gold []string
	for c, n := range counts {
		res.Categories[c] = f1(n[0], n[1], n[2])
		if n[0]+n[2] > 0 {
			gold = append(gold, c)
		}
	}
	for _, c := range gold {
		res.MacroF1 += res.Categories[c].F1 / float64(len(gold))
	}
	if isClaudette {
		res.LexGLUEMacro, res.LexGLUEMicro = lexScores(lex)
	}
	return res
}

// outcome is 0 for a true positive, 1 for a false positive, 2 for a false
// negative.
func outcome(gold, pred bool) int {
	switch {
	case gold && pred:
		return 0
	case pred:
		return 1
	}
	return 2
}

func union(a, b map[string]bool) map[string]bool {
	out := map[string]bool{}
	for c := range a {
		out[c] = true
	}
	for c := range b {
		out[c] = true
	}
	return out
}

// lexView keeps the LexGLUE categories, or "none" when there are none.
func lexView(labels map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, c := range LexGLUE {
		if labels[c] {
			out[c] = true
		}
	}
	if len(out) == 0 {
		out["none"] = true
	}
	return out
}

func lexScores(lex map[string]*[3]int) (macro, micro float64) {
	cols := append(append([]string{}, LexGLUE...), "none")
	var tp, fp, fn int
	for _, c := range cols {
		n := lex[c]
		if n == nil {
			n = &[3]int{}
		}
		macro += f1(n[0], n[1], n[2]).F1 / float64(len(cols))
		tp, fp, fn = tp+n[0], fp+n[1], fn+n[2]
	}
	return macro, f1(tp, fp, fn).F1
}
