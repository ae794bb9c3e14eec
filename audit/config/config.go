// Package config reads .fineprint.yaml, the project settings of an audit:
// which rules run and how severe they are, extra rule packs, paths left
// out, accepted findings and default thresholds. Every error names the
// file, the line and the field at fault.
//
//	rules:
//	  disable: [arbitration, perpetual-grant]  # rule ids or categories; "all" for every rule
//	  enable: [class-action-waiver]            # beats a disabled category (or "all")
//	  severity: {unilateral-change: low}       # per rule id
//	  packs: [legal/rules]                     # rule directories, relative to this file
//	  replace: false                           # true: the packs replace the built-in rules
//	exclude: ["drafts/**", "*.txt"]            # globs, relative to this file
//	ignore:                                    # accepted findings (suppressed, kind "config")
//	  - {rule: arbitration-mandatory, paths: ["us/**"], reason: "reviewed by counsel"}
//	fail_on: high                              # defaults for --fail-on and --min-score
//	min_score: 55
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"go.yaml.in/yaml/v3"

	"github.com/fineprint/fineprint/rules"
)

// FileName is the configuration searched for upward from the working
// directory.
const FileName = ".fineprint.yaml"

// Config is a parsed configuration file.
type Config struct {
	File    string // the path it was read from
	Dir     string // its directory, which relative paths start from
	Rules   RuleSettings
	Exclude []Glob
	Ignore  []Ignore
	// FailOn is the default for --fail-on, "" when unset.
	FailOn string
	// MinScore is the default for --min-score, -1 when unset.
	MinScore int
}

// RuleSettings choose and tune the rules.
type RuleSettings struct {
	Disable  []Name
	Enable   []Name
	Severity []Override
	Packs    []Name // directories, made absolute
	Replace  bool
}

// Name is a rule id, category or path, with where the file gives it.
type Name struct {
	Value string
	Line  int
	Field string
}

// Override sets the severity of one rule.
type Override struct {
	Rule     Name
	Severity rules.Severity
}

// Ignore accepts a rule's findings in some paths (all when Paths is empty).
type Ignore struct {
	Rule   Name
	Paths  []Glob
	Reason string
}

// Glob is a path pattern: "*" and "?" within a name, "**" across
// directories; a pattern without "/" matches a name at any depth.
type Glob struct {
	Pattern string
	Line    int
}

// Find looks for FileName in dir and each of its parents, and returns its
// path, or "" when there is none.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, FileName)
		st, err := os.Stat(p)
		switch {
		case err == nil && !st.IsDir():
			return p, nil
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return "", err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// Load reads and checks the configuration file at path.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return Parse(path, data)
}

// Parse checks the configuration data read from file. Rule ids and
// categories are checked later, against the rules (see RuleSet).
func Parse(file string, data []byte) (*Config, error) {
	dir, err := filepath.Abs(filepath.Dir(file))
	if err != nil {
		return nil, err
	}
	c := &Config{File: file, Dir: dir, MinScore: -1}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, rules.YAMLSyntaxError(file, err)
	}
	if len(doc.Content) == 0 {
		return c, nil // an empty file: the defaults
	}
	d := &decoder{rules.YAMLDecoder{File: file}}
	d.config(doc.Content[0], c)
	slices.SortStableFunc(d.Errs, func(a, b error) int { return lineOf(a) - lineOf(b) })
	if err := errors.Join(d.Errs...); err != nil {
		return nil, err
	}
	return c, nil
}

var topFields = []string{"rules", "exclude", "ignore", "fail_on", "min_score"}

func (d *decoder) config(n *yaml.Node, c *Config) {
	m := d.Mapping(n, "", topFields...)
	if r := m["rules"]; r != nil {
		d.ruleSettings(r, c)
	}
	c.Exclude = d.globs(m["exclude"], "exclude")
	c.Ignore = d.ignores(m["ignore"])
	if v := m["fail_on"]; v != nil {
		c.FailOn = d.Str(v, "fail_on")
		if _, err := rules.ParseSeverity(c.FailOn); err != nil {
			d.Fail(v, "fail_on", "%v", err)
		}
	}
	if v := m["min_score"]; v != nil {
		c.MinScore = d.Int(v, "min_score")
		if c.MinScore < 0 || c.MinScore > 100 {
			d.Fail(v, "min_score", "%d: want a score from 0 to 100", c.MinScore)
		}
	}
}

var ruleSettingFields = []string{"disable", "enable", "severity", "packs", "replace"}

func (d *decoder) ruleSettings(n *yaml.Node, c *Config) {
	m := d.Mapping(n, "rules", ruleSettingFields...)
	r := &c.Rules
	r.Disable = d.names(m["disable"], "rules.disable")
	r.Enable = d.names(m["enable"], "rules.enable")
	r.Severity = d.overrides(m["severity"])
	r.Replace = d.Bool(m["replace"], "rules.replace", false)
	for _, p := range d.names(m["packs"], "rules.packs") {
		p.Value = d.packDir(c.Dir, p)
		r.Packs = append(r.Packs, p)
	}
	if r.Replace && len(r.Packs) == 0 {
		d.Fail(m["replace"], "rules.replace", "true without packs would leave no rules to run")
	}
	for _, e := range r.Enable {
		if e.Value == all {
			d.failAt(e, `"all" can only be disabled`)
		}
	}
}

// packDir resolves a pack directory against the configuration's directory
// and checks it is there.
func (d *decoder) packDir(dir string, p Name) string {
	path := p.Value
	if !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	if st, err := os.Stat(path); err != nil || !st.IsDir() {
		d.failAt(p, fmt.Sprintf("%s: not a directory", path))
	}
	return path
}

func (d *decoder) overrides(n *yaml.Node) []Override {
	if n == nil {
		return nil
	}
	var out []Override
	if d.Mapping(n, "rules.severity"); n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i].Value, n.Content[i+1]
		field := "rules.severity." + k
		sev, err := rules.ParseSeverity(d.Str(v, field))
		if err != nil {
			d.Fail(v, field, "%v", err)
		}
		out = append(out, Override{Rule: Name{Value: k, Line: v.Line, Field: field}, Severity: sev})
	}
	return out
}

var ignoreFields = []string{"rule", "paths", "reason"}

func (d *decoder) ignores(n *yaml.Node) []Ignore {
	var out []Ignore
	for i, e := range d.list(n, "ignore") {
		field := fmt.Sprintf("ignore[%d]", i)
		m := d.Mapping(e, field, ignoreFields...)
		ig := Ignore{
			Rule:   Name{Value: d.Str(m["rule"], field+".rule"), Line: e.Line, Field: field + ".rule"},
			Paths:  d.globs(m["paths"], field+".paths"),
			Reason: d.Str(m["reason"], field+".reason"),
		}
		if m["rule"] != nil {
			ig.Rule.Line = m["rule"].Line
		}
		if ig.Rule.Value == "" {
			d.Fail(e, field+".rule", "missing: name the rule whose findings are accepted")
		}
		if ig.Reason == "" {
			d.Fail(e, field+".reason", "missing: say why these findings are accepted")
		}
		out = append(out, ig)
	}
	return out
}

func (d *decoder) globs(n *yaml.Node, field string) []Glob {
	var out []Glob
	for _, p := range d.names(n, field) {
		if err := checkGlob(p.Value); err != nil {
			d.failAt(p, fmt.Sprintf("%q: %v", p.Value, err))
			continue
		}
		out = append(out, Glob{Pattern: p.Value, Line: p.Line})
	}
	return out
}

func lineOf(err error) int {
	var le *rules.LoadError
	if errors.As(err, &le) {
		return le.Line
	}
	return 0
}
