package report_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/audit/extract"
	"github.com/fineprint/fineprint/audit/report"
	"github.com/fineprint/fineprint/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// auditFixture runs the whole pipeline on one of the repository's fixtures.
func auditFixture(t *testing.T, set *rules.Set, path string) *audit.Report {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	format := extract.Sniff(path, "", data)
	clauses, title, err := extract.Extract(data, format)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	source := filepath.ToSlash(filepath.Join("testdata", filepath.Base(filepath.Dir(path)), filepath.Base(path)))
	doc := &audit.Document{Source: source, SHA256: hex.EncodeToString(sum[:]), Format: format, Title: title, Clauses: clauses}
	return audit.Audit(context.Background(), doc, set, audit.Options{})
}

func builtin(t *testing.T) *rules.Set {
	t.Helper()
	p, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	set, err := rules.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// TestGolden renders every offer fixture in every format and compares the
// result with testdata/golden; run with -update after an intended change.
func TestGolden(t *testing.T) {
	set := builtin(t)
	fixtures, _ := filepath.Glob("../../testdata/offers/*")
	if len(fixtures) == 0 {
		t.Fatal("no fixtures")
	}
	tool := report.Tool{Name: "fineprint", Version: "test"}
	for _, path := range fixtures {
		r := auditFixture(t, set, path)
		base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		var js, txt bytes.Buffer
		if err := report.JSON(&js, []*audit.Report{r}, tool); err != nil {
			t.Fatal(err)
		}
		if err := report.Text(&txt, []*audit.Report{r}, report.NewPalette(false)); err != nil {
			t.Fatal(err)
		}
		compareGolden(t, base+".json", js.Bytes())
		compareGolden(t, base+".txt", txt.Bytes())
		compareGolden(t, base+".sarif", render(t, func(w io.Writer) error { return report.SARIF(w, []*audit.Report{r}, set, tool) }))
		compareGolden(t, base+".md", render(t, func(w io.Writer) error { return report.Markdown(w, []*audit.Report{r}, tool) }))
	}
}

func compareGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("../../testdata/golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./audit/report -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run go test ./audit/report -update and review the diff\n--- got ---\n%s", name, firstDiff(got, want))
	}
}

// firstDiff shows the lines around the first difference.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range g {
		if i >= len(w) || g[i] != w[i] {
			lo := max(0, i-2)
			hi := min(len(g), i+3)
			wantLine := "(end of file)"
			if i < len(w) {
				wantLine = w[i]
			}
			return strings.Join(g[lo:hi], "\n") + "\n--- want line ---\n" + wantLine
		}
	}
	return "(golden file is longer)"
}

// TestJSONDeterministic: identical input gives byte-identical output.
func TestJSONDeterministic(t *testing.T) {
	set := builtin(t)
	tool := report.Tool{Name: "fineprint", Version: "test"}
	var first []byte
	for i := 0; i < 3; i++ {
		r := auditFixture(t, set, "../../testdata/offers/referral-2024-en.html")
		var b bytes.Buffer
		if err := report.JSON(&b, []*audit.Report{r}, tool); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = b.Bytes()
		} else if !bytes.Equal(first, b.Bytes()) {
			t.Fatal("two runs on the same input gave different JSON")
		}
	}
}

// TestTextColor: colour codes appear only when asked for.
func TestTextColor(t *testing.T) {
	set := builtin(t)
	r := auditFixture(t, set, "../../testdata/offers/referral-2024-en.html")
	var plain, colored bytes.Buffer
	report.Text(&plain, []*audit.Report{r}, report.NewPalette(false))
	report.Text(&colored, []*audit.Report{r}, report.NewPalette(true))
	if bytes.Contains(plain.Bytes(), []byte("\x1b[")) {
		t.Error("plain report contains escape codes")
	}
	if !bytes.Contains(colored.Bytes(), []byte("\x1b[")) {
		t.Error("coloured report has no escape codes")
	}
}
