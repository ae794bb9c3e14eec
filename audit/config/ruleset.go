package config

import (
	"errors"
	"fmt"
	"os"
	"slices"

	"github.com/fineprint/fineprint/rules"
)

// all, in rules.disable, names every rule: only those enabled then run.
const all = "all"

// RuleSet loads the rules an audit runs: the built-in packs (unless the
// configuration replaces them), the configuration's packs and the extra
// directories (--rules), less the disabled rules, with the severity
// overrides applied. c may be nil: no configuration.
func RuleSet(c *Config, extra ...string) (*rules.Set, error) {
	if c == nil {
		c = &Config{MinScore: -1}
	}
	pack, err := c.pack(extra)
	if err != nil {
		return nil, err
	}
	if err := c.check(pack); err != nil {
		return nil, err
	}
	return rules.Compile(c.apply(pack))
}

// pack reads the built-in rules and the extra packs, uncompiled.
func (c *Config) pack(extra []string) (*rules.Pack, error) {
	pack := &rules.Pack{Vocab: map[string]map[string][]string{}}
	if !c.Rules.Replace {
		builtin, err := rules.Builtin()
		if err != nil {
			return nil, fmt.Errorf("built-in rules: %w", err)
		}
		pack = builtin
	}
	dirs := extra
	for _, p := range c.Rules.Packs {
		dirs = append(dirs, p.Value)
	}
	for _, dir := range dirs {
		p, err := rules.LoadFS(os.DirFS(dir), ".")
		if err != nil {
			return nil, err
		}
		pack.Merge(p)
	}
	return pack, nil
}

// check reports the rule ids and categories the configuration names but
// the rules do not have, and names both enabled and disabled.
func (c *Config) check(pack *rules.Pack) error {
	ids := map[string]*rules.Rule{}
	for _, r := range pack.Rules {
		ids[r.ID] = r
	}
	var errs []error
	fail := func(n Name, format string, args ...any) {
		errs = append(errs, &rules.LoadError{File: c.File, Line: n.Line, Field: n.Field, Msg: fmt.Sprintf(format, args...)})
	}
	for _, n := range slices.Concat(c.Rules.Disable, c.Rules.Enable) {
		if ids[n.Value] == nil && !slices.Contains(rules.Categories, n.Value) && n.Value != all {
			fail(n, "unknown rule or category %q", n.Value)
		}
	}
	for _, n := range c.Rules.Enable {
		if slices.ContainsFunc(c.Rules.Disable, func(d Name) bool { return d.Value == n.Value }) {
			fail(n, "%q is also disabled", n.Value)
		}
	}
	for _, o := range c.Rules.Severity {
		if r := ids[o.Rule.Value]; r == nil {
			fail(o.Rule, "unknown rule %q", o.Rule.Value)
		} else if r.Kind == rules.KindSignal {
			fail(o.Rule, "%q is a good-practice signal: it has no severity", o.Rule.Value)
		} else if r.Kind == rules.KindSubject {
			fail(o.Rule, "%q marks what a clause is about: it has no severity", o.Rule.Value)
		}
	}
	for _, ig := range c.Ignore {
		if ig.Rule.Value != "" && ids[ig.Rule.Value] == nil {
			fail(ig.Rule, "unknown rule %q", ig.Rule.Value)
		}
	}
	return errors.Join(errs...)
}

// apply returns the pack with the disabled rules left out, the severity
// overrides applied and the compound rules rid of the disabled parts. The
// rules are copied: pack is not changed.
func (c *Config) apply(pack *rules.Pack) *rules.Pack {
	severity := map[string]rules.Severity{}
	for _, o := range c.Rules.Severity {
		severity[o.Rule.Value] = o.Severity
	}
	out := &rules.Pack{Vocab: pack.Vocab}
	kept := map[string]bool{}
	for _, r := range pack.Rules {
		if !c.Enabled(r) {
			continue
		}
		cp := *r
		if s, ok := severity[r.ID]; ok {
			cp.Severity, cp.OfferSeverity = s, rules.SeverityNone
		}
		out.Rules = append(out.Rules, &cp)
		kept[r.ID] = true
	}
	out.Rules = slices.DeleteFunc(out.Rules, func(r *rules.Rule) bool { return !keepParts(r, kept) })
	return out
}

// keepParts drops the disabled rules from a compound rule's parts; it
// reports false when a part is left with no rule, so the combination can
// no longer fire.
func keepParts(r *rules.Rule, kept map[string]bool) bool {
	if r.Compound == nil {
		return true
	}
	cp := *r.Compound
	cp.All = nil
	for _, alts := range r.Compound.All {
		// A "category:" part stays: the disabled rules of the category no
		// longer fire, the others still satisfy it. A "document:" part
		// stays with its subject.
		alts = slices.DeleteFunc(slices.Clone(alts), func(id string) bool {
			if _, category := rules.PartCategory(id); category {
				return false
			}
			if subject, ok := rules.PartDocument(id); ok {
				return !kept[subject]
			}
			return !kept[id]
		})
		if len(alts) == 0 {
			return false
		}
		cp.All = append(cp.All, alts)
	}
	r.Compound = &cp
	return true
}

// Enabled reports whether a rule runs: the most specific mention wins — its
// id, then its category, then "all" — and a rule not mentioned runs.
func (c *Config) Enabled(r *rules.Rule) bool {
	for _, key := range []string{r.ID, r.Category, all} {
		if c.mentions(c.Rules.Enable, key) {
			return true
		}
		if c.mentions(c.Rules.Disable, key) {
			return false
		}
	}
	return true
}

func (c *Config) mentions(names []Name, key string) bool {
	return slices.ContainsFunc(names, func(n Name) bool { return n.Value == key })
}
