package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var bMine = map[string]bool{"data-grant": true, "image-rights": true, "consent": true, "data-sharing": true, "retention": true, "transfer": true}

func TestBScratchTexts(t *testing.T) {
	f := os.Getenv("B_TEXTS")
	if f == "" {
		t.Skip()
	}
	s := builtinSet(t)
	m := s.NewMatcher()
	data, _ := os.ReadFile(f)
	for _, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		lang, text, _ := strings.Cut(line, "|")
		var ids []string
		for _, mt := range m.Match(text, lang) {
			ids = append(ids, mt.Rule.ID+"("+mt.Rule.Severity.String()+")")
		}
		t.Logf("%-60.60s => %v", text, ids)
	}
}

func TestBScratchCorpus(t *testing.T) {
	dir := os.Getenv("B_CORPUS")
	if dir == "" {
		t.Skip()
	}
	only := os.Getenv("B_RULE")
	s := builtinSet(t)
	m := s.NewMatcher()
	files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	counts := map[string]int{}
	for _, f := range files {
		data, _ := os.ReadFile(f)
		lang := "en"
		if strings.Contains(f, "/fr/") {
			lang = "fr"
		}
		for _, para := range strings.Split(string(data), "\n") {
			if strings.TrimSpace(para) == "" {
				continue
			}
			for _, mt := range m.Match(para, lang) {
				if !bMine[mt.Rule.Category] || (only != "" && mt.Rule.ID != only) {
					continue
				}
				counts[mt.Rule.ID]++
				var q []string
				for _, sp := range mt.Spans {
					q = append(q, para[sp.Start:sp.End])
				}
				lo, hi := mt.Spans[0].Start-150, mt.Spans[len(mt.Spans)-1].End+150
				if lo < 0 {
					lo = 0
				}
				if hi > len(para) {
					hi = len(para)
				}
				t.Logf("%s %s %v :: %s", filepath.Base(f), mt.Rule.ID, q, strings.ReplaceAll(para[lo:hi], "\n", " "))
			}
		}
	}
	t.Log(counts)
}
