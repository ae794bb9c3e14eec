package rules

import (
	"slices"

	"go.yaml.in/yaml/v3"
)

// validate checks what a rule needs for its kind; errors point at the field.
func (d *decoder) validate(r *Rule, n *yaml.Node, m map[string]*yaml.Node, field string) {
	at := func(key string) *yaml.Node {
		if v := m[key]; v != nil {
			return v
		}
		return n
	}
	if r.ID == "" {
		d.Fail(n, JoinField(field, "id"), "missing")
	} else if !idPattern.MatchString(r.ID) {
		d.Fail(at("id"), JoinField(field, "id"), "%q: ids are lower-case words joined by -", r.ID)
	}
	switch {
	case r.Category == InheritCategory && r.Kind != KindCompound:
		d.Fail(at("category"), JoinField(field, "category"), "%q is for compound rules only", InheritCategory)
	case r.Category != InheritCategory && !slices.Contains(Categories, r.Category):
		d.Fail(at("category"), JoinField(field, "category"), "unknown category %q", r.Category)
	}
	switch r.Kind {
	case KindRisk, KindCompound:
		if r.Severity == SeverityNone {
			d.Fail(at("severity"), JoinField(field, "severity"), "missing (low, medium, high or critical)")
		}
		d.requireText(r.Fix, at("fix"), JoinField(field, "fix"))
		d.requireLegal(r, at("legal"), JoinField(field, "legal"))
	case KindSignal:
		if r.Bonus <= 0 {
			d.Fail(at("bonus"), JoinField(field, "bonus"), "a signal needs a positive bonus")
		}
	case KindSubject:
		if r.Severity != SeverityNone {
			d.Fail(at("severity"), JoinField(field, "severity"), "a subject is not reported: it has no severity")
		}
	default:
		d.Fail(at("kind"), JoinField(field, "kind"), "unknown kind %q (want risk, signal, compound or subject)", r.Kind)
	}
	d.requireText(r.Title, at("title"), JoinField(field, "title"))
	d.requireText(r.Explanation, at("explanation"), JoinField(field, "explanation"))
	if r.Direction != "" && r.Direction != "user-grants" {
		d.Fail(at("direction"), JoinField(field, "direction"), "unknown direction %q (want user-grants)", r.Direction)
	}
	switch {
	case r.DocumentPercent != 0 && r.Kind != KindSubject:
		d.Fail(at("document_percent"), JoinField(field, "document_percent"), "only subjects can hold for a whole document")
	case r.DocumentPercent < 0 || r.DocumentPercent > 100:
		d.Fail(at("document_percent"), JoinField(field, "document_percent"), "%d: want a percentage of the document's clauses, 1 to 100", r.DocumentPercent)
	}
	if r.Fallback && r.Kind != KindRisk && r.Kind != KindCompound {
		d.Fail(at("fallback"), JoinField(field, "fallback"), "only risk and compound rules can be fallbacks")
	}
	if r.Kind == KindCompound {
		if r.Compound == nil {
			d.Fail(n, JoinField(field, "compound"), "missing for a compound rule")
		}
		return
	}
	if r.Compound != nil {
		d.Fail(at("compound"), JoinField(field, "compound"), "only for kind: compound")
	}
	if len(r.Patterns) == 0 {
		d.Fail(at("match"), JoinField(field, "match"), "missing: a rule needs patterns in at least one language")
	}
	for lang := range r.Patterns {
		ex := r.Examples[lang]
		if len(ex.Match) == 0 || len(ex.NoMatch) == 0 {
			d.Fail(at("examples"), JoinField(field, "examples."+lang), "every language with patterns needs examples that must match and must not match")
		}
	}
}

func (d *decoder) requireText(t Text, n *yaml.Node, field string) {
	for _, lang := range Languages {
		if t[lang] == "" {
			d.Fail(n, JoinField(field, lang), "missing")
		}
	}
}

func (d *decoder) requireLegal(r *Rule, n *yaml.Node, field string) {
	for _, lang := range Languages {
		if len(r.Legal[lang]) == 0 {
			d.Fail(n, JoinField(field, lang), "missing: name the law behind the rule")
		}
	}
}
