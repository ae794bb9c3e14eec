package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fineprint/fineprint/rules"
)

// write writes a file under dir, making its parent directories.
func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFindSearchesUpward(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "legal", "fr", "2024")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if got, err := Find(deep); err != nil || got != "" && strings.HasPrefix(got, root) {
		t.Fatalf("no config yet: Find = %q, %v", got, err)
	}
	top := write(t, root, FileName, "fail_on: high\n")
	if got, err := Find(deep); err != nil || got != top {
		t.Errorf("Find = %q, %v; want %s", got, err, top)
	}
	nearer := write(t, root, filepath.Join("legal", FileName), "min_score: 55\n")
	if got, err := Find(deep); err != nil || got != nearer {
		t.Errorf("Find = %q, %v; want the nearest, %s", got, err, nearer)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"unknown key", "rules:\n  disable: [arbitration]\ncolour: red\n",
			".fineprint.yaml:3: colour: unknown field (known: rules, exclude, ignore, fail_on, min_score)"},
		{"unknown rules key", "rules:\n  disabled: [arbitration]\n",
			".fineprint.yaml:2: rules.disabled: unknown field (known: disable, enable, severity, packs, replace)"},
		{"bad severity", "rules:\n  severity:\n    change-at-will: huge\n",
			`.fineprint.yaml:3: rules.severity.change-at-will: unknown severity "huge" (want low, medium, high or critical)`},
		{"severity not a mapping", "rules:\n  severity: [low]\n",
			".fineprint.yaml:2: rules.severity: want a mapping, got a list"},
		{"disable a mapping", "rules:\n  disable: {arbitration: true}\n",
			".fineprint.yaml:2: rules.disable: want a list, got a mapping"},
		{"enable all", "rules:\n  enable: [all]\n",
			`.fineprint.yaml:2: rules.enable[0]: "all" can only be disabled`},
		{"replace without packs", "rules:\n  replace: true\n",
			".fineprint.yaml:2: rules.replace: true without packs would leave no rules to run"},
		{"replace not a bool", "rules:\n  replace: maybe\n",
			`.fineprint.yaml:2: rules.replace: want true or false, got "maybe"`},
		{"missing pack", "rules:\n  packs: [no-such-dir]\n",
			".fineprint.yaml:2: rules.packs[0]: {dir}/no-such-dir: not a directory"},
		{"bad glob", "exclude:\n  - drafts/**\n  - \"[a-\"\n",
			`.fineprint.yaml:3: exclude[1]: "[a-": syntax error in pattern`},
		{"fail_on", "fail_on: sometimes\n",
			`.fineprint.yaml:1: fail_on: unknown severity "sometimes" (want low, medium, high or critical)`},
		{"min_score range", "min_score: 101\n", ".fineprint.yaml:1: min_score: 101: want a score from 0 to 100"},
		{"min_score type", "min_score: high\n", `.fineprint.yaml:1: min_score: want a whole number, got "high"`},
		{"ignore without reason", "ignore:\n  - rule: change-at-will\n    paths: [\"*.md\"]\n",
			".fineprint.yaml:2: ignore[0].reason: missing: say why these findings are accepted"},
		{"ignore without rule", "ignore:\n  - reason: accepted\n",
			".fineprint.yaml:2: ignore[0].rule: missing: name the rule whose findings are accepted"},
		{"yaml syntax", "rules:\n  disable: [arbitration\n",
			".fineprint.yaml:1: did not find expected ',' or ']'"},
		{"not a mapping", "- arbitration\n", ".fineprint.yaml:1: want a mapping, got a list"},
		{"errors in line order", "min_score: 101\nfail_on: never\n",
			".fineprint.yaml:1: min_score: 101: want a score from 0 to 100\n" +
				`.fineprint.yaml:2: fail_on: unknown severity "never" (want low, medium, high or critical)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			_, err := Load(write(t, dir, FileName, tt.yaml))
			want := strings.ReplaceAll(tt.want, ".fineprint.yaml", filepath.Join(dir, FileName))
			want = strings.ReplaceAll(want, "{dir}", dir)
			if err == nil || err.Error() != want {
				t.Errorf("error:\n got %v\nwant %s", err, want)
			}
		})
	}
}

// Names are checked against the rules once they are loaded.
func TestRuleSetErrors(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"unknown rule", "rules:\n  disable:\n    - arbitration\n    - change-at-wil\n",
			`.fineprint.yaml:4: rules.disable[1]: unknown rule or category "change-at-wil"`},
		{"unknown category", "rules:\n  enable: [arbitrage]\n",
			`.fineprint.yaml:2: rules.enable[0]: unknown rule or category "arbitrage"`},
		{"both enabled and disabled", "rules:\n  disable: [change-at-will]\n  enable: [change-at-will]\n",
			`.fineprint.yaml:3: rules.enable[0]: "change-at-will" is also disabled`},
		{"override of an unknown rule", "rules:\n  severity:\n    arbitration: low\n",
			`.fineprint.yaml:3: rules.severity.arbitration: unknown rule "arbitration"`},
		{"override of a signal", "rules:\n  severity:\n    signal-consent-withdrawal: low\n",
			`.fineprint.yaml:3: rules.severity.signal-consent-withdrawal: "signal-consent-withdrawal" is a good-practice signal: it has no severity`},
		{"ignore of an unknown rule", "ignore:\n  - rule: no-such-rule\n    reason: accepted\n",
			`.fineprint.yaml:2: ignore[0].rule: unknown rule "no-such-rule"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			c, err := Load(write(t, dir, FileName, tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			_, err = RuleSet(c)
			want := strings.ReplaceAll(tt.want, ".fineprint.yaml", filepath.Join(dir, FileName))
			if err == nil || err.Error() != want {
				t.Errorf("error:\n got %v\nwant %s", err, want)
			}
		})
	}
}

func loadSet(t *testing.T, yaml string) *rules.Set {
	t.Helper()
	dir := t.TempDir()
	c, err := Load(write(t, dir, FileName, yaml))
	if err != nil {
		t.Fatal(err)
	}
	set, err := RuleSet(c)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func TestRuleSetChoosesRules(t *testing.T) {
	builtin, err := RuleSet(nil)
	if err != nil {
		t.Fatal(err)
	}
	set := loadSet(t, `rules:
  disable: [arbitration, change-at-will]
  enable: [mandatory-arbitration]
  severity: {change-reserved: critical, publicity-use: low}
`)
	for _, tt := range []struct {
		id   string
		want bool
	}{{"mandatory-arbitration", true}, {"change-at-will", false}, {"change-reserved", true}, {"perpetual-grant", true}} {
		if got := set.Rule(tt.id) != nil; got != tt.want {
			t.Errorf("rule %s present: %v, want %v", tt.id, got, tt.want)
		}
	}
	for _, r := range builtin.Rules {
		if r.Category == "arbitration" && r.ID != "mandatory-arbitration" && set.Rule(r.ID) != nil {
			t.Errorf("%s runs, but its category is disabled", r.ID)
		}
	}
	if s := set.Rule("change-reserved").SeverityFor(true); s != rules.Critical {
		t.Errorf("change-reserved: severity %s, want critical", s)
	}
	if s := set.Rule("publicity-use").SeverityFor(true); s != rules.Low {
		t.Errorf("publicity-use in an offer: severity %s, want the override, low", s)
	}
	if s := builtin.Rule("change-reserved").SeverityFor(false); s == rules.Critical {
		t.Errorf("the override leaked into the built-in rules")
	}
}

func TestDisableAllButOne(t *testing.T) {
	set := loadSet(t, "rules:\n  disable: all\n  enable: [perpetual-grant]\n")
	if len(set.Rules) != 1 || set.Rules[0].ID != "perpetual-grant" {
		var ids []string
		for _, r := range set.Rules {
			ids = append(ids, r.ID)
		}
		t.Errorf("rules %v, want perpetual-grant only", ids)
	}
}

// A combination loses a disabled part; with no rule left for a part, it
// can no longer fire and is dropped.
func TestDisabledPartsOfCompounds(t *testing.T) {
	builtin, err := RuleSet(nil)
	if err != nil {
		t.Fatal(err)
	}
	var compound *rules.Rule
	for _, r := range builtin.Rules {
		if r.Compound != nil {
			compound = r
			break
		}
	}
	if compound == nil {
		t.Skip("no compound rule in the built-in packs")
	}
	part := compound.Compound.All[0]
	set := loadSet(t, "rules:\n  disable: ["+strings.Join(part, ", ")+"]\n")
	if set.Rule(compound.ID) != nil {
		t.Errorf("%s still runs without any of %v", compound.ID, part)
	}
}

// A "document:" part names a subject: it stays while the subject runs,
// and goes with it.
func TestDocumentPartsOfCompounds(t *testing.T) {
	builtin, err := RuleSet(nil)
	if err != nil {
		t.Fatal(err)
	}
	var compound *rules.Rule
	var subject string
	for _, r := range builtin.Rules {
		if r.Compound == nil {
			continue
		}
		for _, alts := range r.Compound.All {
			for _, a := range alts {
				if id, ok := rules.PartDocument(a); ok && compound == nil {
					compound, subject = r, id
				}
			}
		}
	}
	if compound == nil {
		t.Skip("no compound rule with a document part in the built-in packs")
	}
	if set := loadSet(t, "rules:\n  disable: [arbitration-venue]\n"); set.Rule(compound.ID) == nil {
		t.Errorf("%s dropped while %s still runs", compound.ID, subject)
	}
	if set := loadSet(t, "rules:\n  disable: ["+subject+"]\n"); set.Rule(compound.ID) != nil {
		t.Errorf("%s still runs without %s", compound.ID, subject)
	}
}

func TestPacksAreRelativeToTheConfig(t *testing.T) {
	house, err := filepath.Abs("testdata/house")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Symlink(house, filepath.Join(dir, "house")); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		yaml        string
		wantBuiltin bool
	}{
		{"rules:\n  packs: [house]\n", true},
		{"rules:\n  packs: [house]\n  replace: true\n", false},
	} {
		c, err := Load(write(t, dir, FileName, tt.yaml))
		if err != nil {
			t.Fatal(err)
		}
		set, err := RuleSet(c)
		if err != nil {
			t.Fatal(err)
		}
		if set.Rule("prize-collect-in-person") == nil {
			t.Errorf("%q: the pack's rule is missing", tt.yaml)
		}
		if got := set.Rule("perpetual-grant") != nil; got != tt.wantBuiltin {
			t.Errorf("%q: built-in rules present %v, want %v", tt.yaml, got, tt.wantBuiltin)
		}
	}
}

func TestExcluded(t *testing.T) {
	dir := t.TempDir()
	c, err := Load(write(t, dir, FileName, "exclude:\n  - drafts/**\n  - \"*.txt\"\n  - legal/old/\n  - \"**/archive-*.html\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	rel := func(p string) string { // as given on a command line run from the test's directory
		r, err := filepath.Rel(wd, filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	for _, tt := range []struct {
		source string
		want   bool
	}{
		{filepath.Join(dir, "drafts/offer.md"), true},
		{rel("drafts/2024/offer.md"), true},
		{filepath.Join(dir, "notes.txt"), true},
		{filepath.Join(dir, "legal/fr/notes.txt"), true},
		{filepath.Join(dir, "legal/old/tos.html"), true},
		{filepath.Join(dir, "legal/fr/archive-2019.html"), true},
		{filepath.Join(dir, "legal/tos.html"), false},
		{filepath.Join(dir, "legal/drafts/offer.md"), false},
		{"https://example.com/drafts/terms.txt", false},
		{"-", false},
	} {
		if got := c.Excluded(tt.source); got != tt.want {
			t.Errorf("Excluded(%q) = %v, want %v", tt.source, got, tt.want)
		}
	}
	var none *Config
	if none.Excluded("drafts/x.md") {
		t.Error("no configuration excludes nothing")
	}
}

func TestWaivers(t *testing.T) {
	dir := t.TempDir()
	c, err := Load(write(t, dir, FileName, "ignore:\n  - rule: change-at-will\n    paths: [\"us/**\"]\n    reason: reviewed by counsel\n  - rule: change-reserved\n    reason: everywhere\n"))
	if err != nil {
		t.Fatal(err)
	}
	ws := c.Waivers()
	if len(ws) != 2 || ws[0].Rule != "change-at-will" || ws[0].Reason != "reviewed by counsel" || ws[1].Applies != nil {
		t.Fatalf("waivers %+v", ws)
	}
	if !ws[0].Applies(filepath.Join(dir, "us/tos.md")) || ws[0].Applies(filepath.Join(dir, "fr/cgu.md")) {
		t.Error("the waiver's paths are not applied")
	}
}

func TestEmptyConfig(t *testing.T) {
	c, err := Load(write(t, t.TempDir(), FileName, "# nothing yet\n"))
	if err != nil || c.MinScore != -1 || c.FailOn != "" {
		t.Fatalf("Load = %+v, %v", c, err)
	}
}
