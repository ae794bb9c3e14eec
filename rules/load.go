package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// LoadError is a problem in a rule file, located at a line and field.
type LoadError struct {
	File  string
	Line  int
	Field string // e.g. "rules[3].severity"; "" when the whole file is at fault
	Msg   string
}

func (e *LoadError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, ": %s", e.Field)
	}
	fmt.Fprintf(&b, ": %s", e.Msg)
	return b.String()
}

// Pack is what rule files hold: rules and shared vocabularies.
type Pack struct {
	Rules []*Rule
	// Vocab maps a vocabulary name to its phrases per language; patterns
	// refer to it as "@name".
	Vocab map[string]map[string][]string
}

// LoadFS reads every .yaml/.yml file under dir in fsys, in name order.
func LoadFS(fsys fs.FS, dir string) (*Pack, error) {
	var files []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (path.Ext(p) == ".yaml" || path.Ext(p) == ".yml") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	pack := &Pack{Vocab: map[string]map[string][]string{}}
	var errs []error
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		if err := pack.parse(f, data); err != nil {
			errs = append(errs, err)
		}
	}
	return pack, errors.Join(errs...)
}

// Parse reads one rule file's content; name is used in error messages.
func Parse(name string, data []byte) (*Pack, error) {
	pack := &Pack{Vocab: map[string]map[string][]string{}}
	return pack, pack.parse(name, data)
}

// Merge adds other's rules and vocabularies to p.
// Vocabularies of other replace those of p with the same name.
func (p *Pack) Merge(other *Pack) {
	p.Rules = append(p.Rules, other.Rules...)
	for name, v := range other.Vocab {
		p.Vocab[name] = v
	}
}

func (p *Pack) parse(file string, data []byte) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return YAMLSyntaxError(file, err)
	}
	if len(doc.Content) == 0 {
		return &LoadError{File: file, Msg: "empty rule file"}
	}
	d := &decoder{YAMLDecoder{File: file}}
	top := d.Mapping(doc.Content[0], "", "rules", "vocab")
	if v := top["vocab"]; v != nil {
		d.vocab(v, p.Vocab)
	}
	// A vocabulary may be used by a file read before the one defining it;
	// references are resolved when the whole pack is compiled.
	if r := top["rules"]; r != nil {
		p.Rules = append(p.Rules, d.rules(r)...)
	}
	return errors.Join(d.Errs...)
}

var yamlLine = regexp.MustCompile(`line (\d+): `)

// YAMLSyntaxError turns a YAML parser error into a LoadError at its line,
// for rule files and for the other YAML files fineprint reads.
func YAMLSyntaxError(file string, err error) *LoadError {
	var line int
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		fmt.Sscan(m[1], &line)
	}
	msg := yamlLine.ReplaceAllString(strings.TrimPrefix(err.Error(), "yaml: "), "")
	return &LoadError{File: file, Line: line, Msg: msg}
}

// decoder turns YAML nodes into rules, collecting every error it meets.
type decoder struct{ YAMLDecoder }

// JoinField names a key under a field path ("rules[3]" + "severity").
func JoinField(field, key string) string {
	if field == "" {
		return key
	}
	return field + "." + key
}

// NodeKind describes a node for an error message: "a mapping", "a list"
// or the quoted scalar.
func NodeKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	}
	return "nothing"
}

// strings reads a list of strings; a single string counts as a list of one.
func (d *decoder) strings(n *yaml.Node, field string) []string {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		return []string{strings.TrimSpace(n.Value)}
	}
	if n.Kind != yaml.SequenceNode {
		d.Fail(n, field, "want a list of strings, got %s", NodeKind(n))
		return nil
	}
	var out []string
	for i, c := range n.Content {
		if s := d.Str(c, fmt.Sprintf("%s[%d]", field, i)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (d *decoder) text(n *yaml.Node, field string) Text {
	if n == nil {
		return nil
	}
	t := Text{}
	for lang, v := range d.Mapping(n, field, Languages...) {
		t[lang] = d.Str(v, JoinField(field, lang))
	}
	return t
}

func (d *decoder) vocab(n *yaml.Node, into map[string]map[string][]string) {
	for name, v := range d.Mapping(n, "vocab") {
		field := "vocab." + name
		if !idPattern.MatchString(name) {
			d.Fail(v, field, "vocabulary names are lower-case words joined by - or _")
		}
		byLang := map[string][]string{}
		for lang, list := range d.Mapping(v, field, Languages...) {
			byLang[lang] = d.strings(list, JoinField(field, lang))
		}
		if _, dup := into[name]; dup {
			d.Fail(v, field, "vocabulary defined twice (names are shared by all rule files)")
		}
		into[name] = byLang
	}
}

var idPattern = regexp.MustCompile(`^[a-z0-9]+([-_][a-z0-9]+)*$`)

var ruleFields = []string{
	"id", "category", "kind", "severity", "offer_severity", "blocker", "bonus", "direction",
	"negation", "title", "explanation", "fix", "legal", "match", "unless", "compound", "examples",
	"fallback", "document_percent",
}

func (d *decoder) rules(n *yaml.Node) []*Rule {
	if n.Kind != yaml.SequenceNode {
		d.Fail(n, "rules", "want a list of rules, got %s", NodeKind(n))
		return nil
	}
	var out []*Rule
	for i, rn := range n.Content {
		if r := d.rule(rn, fmt.Sprintf("rules[%d]", i)); r != nil {
			out = append(out, r)
		}
	}
	return out
}

func (d *decoder) rule(n *yaml.Node, field string) *Rule {
	if id := scalarField(n, "id"); id != "" {
		field = id // messages name the rule by its id when it has one
	}
	m := d.Mapping(n, field, ruleFields...)
	r := &Rule{File: d.File, Line: n.Line, Kind: KindRisk, Negation: true}
	r.ID = d.Str(m["id"], JoinField(field, "id"))
	r.Category = d.Str(m["category"], JoinField(field, "category"))
	if k := d.Str(m["kind"], JoinField(field, "kind")); k != "" {
		r.Kind = Kind(k)
	}
	r.Severity = d.severity(m["severity"], JoinField(field, "severity"))
	r.OfferSeverity = d.severity(m["offer_severity"], JoinField(field, "offer_severity"))
	r.Blocker = d.Bool(m["blocker"], JoinField(field, "blocker"), false)
	r.Fallback = d.Bool(m["fallback"], JoinField(field, "fallback"), false)
	r.Negation = d.Bool(m["negation"], JoinField(field, "negation"), true)
	r.Bonus = d.Int(m["bonus"], JoinField(field, "bonus"))
	r.DocumentPercent = d.Int(m["document_percent"], JoinField(field, "document_percent"))
	r.Direction = d.Str(m["direction"], JoinField(field, "direction"))
	r.Title = d.text(m["title"], JoinField(field, "title"))
	r.Explanation = d.text(m["explanation"], JoinField(field, "explanation"))
	r.Fix = d.text(m["fix"], JoinField(field, "fix"))
	r.Legal = d.byLang(m["legal"], JoinField(field, "legal"))
	r.Patterns = d.patterns(m["match"], JoinField(field, "match"))
	r.Unless = d.byLang(m["unless"], JoinField(field, "unless"))
	r.Compound = d.compound(m["compound"], JoinField(field, "compound"))
	r.Examples = d.examples(m["examples"], JoinField(field, "examples"))
	before := len(d.Errs)
	d.validate(r, n, m, field)
	if len(d.Errs) > before {
		return nil
	}
	return r
}

// scalarField returns the string value of key in a mapping node, or "".
func scalarField(n *yaml.Node, key string) string {
	if n.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key && n.Content[i+1].Kind == yaml.ScalarNode {
			return strings.TrimSpace(n.Content[i+1].Value)
		}
	}
	return ""
}

func (d *decoder) severity(n *yaml.Node, field string) Severity {
	s := d.Str(n, field)
	if s == "" {
		return SeverityNone
	}
	sev, err := ParseSeverity(s)
	if err != nil {
		d.Fail(n, field, "%v", err)
	}
	return sev
}

func (d *decoder) byLang(n *yaml.Node, field string) map[string][]string {
	if n == nil {
		return nil
	}
	out := map[string][]string{}
	for lang, v := range d.Mapping(n, field, Languages...) {
		out[lang] = d.strings(v, JoinField(field, lang))
	}
	return out
}

// patterns reads match: {en: [pattern...], fr: [...]}, where a pattern is
// {all: [group...], denied: group, within: N, ordered: bool} and a group is
// a phrase or a list of phrases. A bare list of phrases is shorthand for
// one group.
func (d *decoder) patterns(n *yaml.Node, field string) map[string][]Pattern {
	if n == nil {
		return nil
	}
	out := map[string][]Pattern{}
	for lang, v := range d.Mapping(n, field, Languages...) {
		lf := JoinField(field, lang)
		if v.Kind != yaml.SequenceNode {
			d.Fail(v, lf, "want a list of patterns, got %s", NodeKind(v))
			continue
		}
		for i, pn := range v.Content {
			out[lang] = append(out[lang], d.pattern(pn, fmt.Sprintf("%s[%d]", lf, i)))
		}
	}
	return out
}

const defaultWithin = 20

func (d *decoder) pattern(n *yaml.Node, field string) Pattern {
	if n.Kind == yaml.ScalarNode {
		return Pattern{All: [][]string{{strings.TrimSpace(n.Value)}}, Within: defaultWithin}
	}
	m := d.Mapping(n, field, "all", "any", "denied", "within", "ordered")
	p := Pattern{Within: d.Int(m["within"], JoinField(field, "within")), Ordered: d.Bool(m["ordered"], JoinField(field, "ordered"), false)}
	if p.Within == 0 {
		p.Within = defaultWithin
	}
	if any := m["any"]; any != nil {
		p.All = append(p.All, d.strings(any, JoinField(field, "any")))
	}
	if all := m["all"]; all != nil {
		if all.Kind != yaml.SequenceNode {
			d.Fail(all, JoinField(field, "all"), "want a list of groups, got %s", NodeKind(all))
			return p
		}
		for i, g := range all.Content {
			p.All = append(p.All, d.strings(g, fmt.Sprintf("%s.all[%d]", field, i)))
		}
	}
	if denied := m["denied"]; denied != nil {
		p.Denied = d.strings(denied, JoinField(field, "denied"))
	}
	if len(p.All) == 0 && len(p.Denied) == 0 {
		d.Fail(n, field, "a pattern needs `all` (groups that must all match), `any` (phrases) or `denied` (phrases said with a negation)")
	}
	return p
}

func (d *decoder) compound(n *yaml.Node, field string) *Compound {
	if n == nil {
		return nil
	}
	m := d.Mapping(n, field, "scope", "all", "context")
	c := &Compound{Scope: d.Str(m["scope"], JoinField(field, "scope")), Context: d.Str(m["context"], JoinField(field, "context"))}
	if c.Scope == "" {
		c.Scope = "section"
	}
	if !slices.Contains([]string{"clause", "block", "section", "document"}, c.Scope) {
		d.Fail(m["scope"], JoinField(field, "scope"), "unknown scope %q (want clause, block, section or document)", c.Scope)
	}
	if c.Context != "" && c.Context != "reward" {
		d.Fail(m["context"], JoinField(field, "context"), "unknown context %q (want reward)", c.Context)
	}
	if all := m["all"]; all != nil && all.Kind == yaml.SequenceNode {
		for i, g := range all.Content {
			c.All = append(c.All, d.strings(g, fmt.Sprintf("%s.all[%d]", field, i)))
		}
	}
	if len(c.All) == 0 {
		d.Fail(n, JoinField(field, "all"), "a compound rule needs `all`: the rules that must fire together")
	}
	return c
}

func (d *decoder) examples(n *yaml.Node, field string) map[string]Examples {
	if n == nil {
		return nil
	}
	out := map[string]Examples{}
	for lang, v := range d.Mapping(n, field, Languages...) {
		lf := JoinField(field, lang)
		m := d.Mapping(v, lf, "match", "no_match")
		out[lang] = Examples{Match: d.strings(m["match"], JoinField(lf, "match")), NoMatch: d.strings(m["no_match"], JoinField(lf, "no_match"))}
	}
	return out
}
