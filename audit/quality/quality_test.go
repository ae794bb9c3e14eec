package quality

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/fineprint/fineprint/rules"
)

var updateFloors = flag.Bool("update-floors", false, "record the current scores as the floors in testdata/quality-floors.json")

const floorsFile = "../../testdata/quality-floors.json"

// sets are the labelled sets the gate measures: the project's own corpora
// (required) and the shared benchmark (when ../shared is beside the repo).
var sets = []struct {
	name, dir string
	required  bool
}{
	{"corpus/en/dev", "../../testdata/corpus/en/dev", true},
	{"corpus/en/test", "../../testdata/corpus/en/test", true},
	{"corpus/fr/dev", "../../testdata/corpus/fr/dev", true},
	{"corpus/fr/test", "../../testdata/corpus/fr/test", true},
	{"unfair-tos/en-2021", "../../../shared/benchmarks/unfair-tos/dev/en-2021", false},
	{"unfair-tos/en-2017", "../../../shared/benchmarks/unfair-tos/dev/en-2017", false},
}

// Floor is the lowest score a category may reach before the gate fails.
type Floor struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// setFloors are one set's floors; "lexglue-macro" holds the LexGLUE macro-F1
// in F1.
type setFloors map[string]Floor

// TestQualityGate fails when a category of a labelled set scores below its
// recorded floor: detection quality may only go up. Run with
// -update-floors after an intended improvement to raise the floors.
func TestQualityGate(t *testing.T) {
	if testing.Short() {
		t.Skip("quality gate skipped in -short mode")
	}
	set := builtinRules(t)
	floors := readFloors(t)
	current := map[string]setFloors{}
	for _, s := range sets {
		if _, err := os.Stat(s.dir); err != nil {
			if s.required {
				t.Errorf("%s: labelled set missing: %v", s.name, err)
			} else {
				t.Logf("%s: not present, skipped", s.name)
			}
			continue
		}
		docs, err := LoadSet(s.dir)
		if err != nil {
			t.Fatal(err)
		}
		preds, err := Predict(docs, set)
		if err != nil {
			t.Fatal(err)
		}
		res := Measure(docs, preds)
		t.Logf("%s\n%s", s.name, table(res))
		current[s.name] = asFloors(res)
		if !*updateFloors {
			checkFloors(t, s.name, current[s.name], floors[s.name])
		}
	}
	if *updateFloors {
		writeFloors(t, current)
	}
}

func builtinRules(t *testing.T) *rules.Set {
	t.Helper()
	set, err := rules.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// asFloors turns a result into floors, rounded down to 0.001.
func asFloors(res Result) setFloors {
	down := func(x float64) float64 { return math.Floor(x*1000) / 1000 }
	out := setFloors{}
	for c, s := range res.Categories {
		if s.Support > 0 {
			out[c] = Floor{Precision: down(s.Precision), Recall: down(s.Recall), F1: down(s.F1)}
		}
	}
	out["macro"] = Floor{F1: down(res.MacroF1)}
	if res.LexGLUEMacro > 0 {
		out["lexglue-macro"] = Floor{F1: down(res.LexGLUEMacro)}
	}
	return out
}

func checkFloors(t *testing.T, name string, got, want setFloors) {
	t.Helper()
	if want == nil {
		t.Errorf("%s: no floors recorded; run go test ./audit/quality -update-floors", name)
		return
	}
	for c, w := range want {
		g := got[c]
		if g.F1 < w.F1 || g.Precision < w.Precision || g.Recall < w.Recall {
			t.Errorf("%s %s dropped below its floor: P %.3f R %.3f F1 %.3f, floor P %.3f R %.3f F1 %.3f",
				name, c, g.Precision, g.Recall, g.F1, w.Precision, w.Recall, w.F1)
		}
	}
}

func readFloors(t *testing.T) map[string]setFloors {
	t.Helper()
	data, err := os.ReadFile(floorsFile)
	if os.IsNotExist(err) && *updateFloors {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var floors map[string]setFloors
	if err := json.Unmarshal(data, &floors); err != nil {
		t.Fatalf("%s: %v", floorsFile, err)
	}
	return floors
}

func writeFloors(t *testing.T, floors map[string]setFloors) {
	t.Helper()
	data, err := json.MarshalIndent(floors, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Clean(floorsFile), append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

// table prints a result the way clause-bench does.
func table(res Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-20s %7s %5s %5s %5s %6s %6s %6s\n", "category", "support", "tp", "fp", "fn", "P", "R", "F1")
	cats := make([]string, 0, len(res.Categories))
	for c := range res.Categories {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	for _, c := range cats {
		s := res.Categories[c]
		if s.Support == 0 {
			continue
		}
		fmt.Fprintf(&b, "%-20s %7d %5d %5d %5d %6.3f %6.3f %6.3f\n", c, s.Support, s.TP, s.FP, s.FN, s.Precision, s.Recall, s.F1)
	}
	fmt.Fprintf(&b, "macro-F1 %.3f", res.MacroF1)
	if res.LexGLUEMacro > 0 {
		fmt.Fprintf(&b, "  LexGLUE-style macro-F1 %.1f micro-F1 %.1f", 100*res.LexGLUEMacro, 100*res.LexGLUEMicro)
	}
	return b.String()
}

// TestSecondAnnotator compares the labels of the held-out documents that a
// second annotator labelled blind (from the label policy alone, without
// seeing the first labels or the rules) with the labels in test/: the
// documents must be the same sentence for sentence, and the two annotators
// must agree at macro-F1 ≥ 0.85, or the label policy is not one a reader can
// apply and the held-out scores mean little. The agreement is logged: it is
// the ceiling to hold the rules' held-out scores against.
func TestSecondAnnotator(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		dir := filepath.Join("../../testdata/corpus", lang)
		second, err := LoadSet(filepath.Join(dir, "second-annotator"))
		if err != nil {
			t.Fatal(err)
		}
		var gold []Doc
		var preds [][]map[string]bool
		for _, d := range second {
			first, err := loadDoc(filepath.Join(dir, "test", d.Name+".tsv"))
			if err != nil {
				t.Fatalf("%s/second-annotator/%s: no such held-out document: %v", lang, d.Name, err)
			}
			if len(first.Units) != len(d.Units) {
				t.Fatalf("%s/second-annotator/%s: %d sentences, the held-out document has %d", lang, d.Name, len(d.Units), len(first.Units))
			}
			var p []map[string]bool
			for i, u := range d.Units {
				if u.Text != first.Units[i].Text {
					t.Fatalf("%s/second-annotator/%s: sentence %d differs from the held-out document's:\n%q\n%q", lang, d.Name, i+1, u.Text, first.Units[i].Text)
				}
				p = append(p, u.Gold)
			}
			gold, preds = append(gold, first), append(preds, p)
		}
		res := Measure(gold, preds)
		t.Logf("%s: second annotator against the held-out labels (%d documents)\n%s", lang, len(gold), table(res))
		if res.MacroF1 < 0.85 {
			t.Errorf("%s: the two annotators agree at macro-F1 %.3f, below 0.85", lang, res.MacroF1)
		}
	}
}
