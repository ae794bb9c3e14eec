package config

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/fineprint/fineprint/rules"
)

// decoder turns YAML nodes into settings, collecting every error it meets.
type decoder struct {
	file string
	errs []error
}

func (d *decoder) fail(n *yaml.Node, field, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	d.errs = append(d.errs, &rules.LoadError{File: d.file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
}

func (d *decoder) failAt(n Name, msg string) {
	d.errs = append(d.errs, &rules.LoadError{File: d.file, Line: n.Line, Field: n.Field, Msg: msg})
}

// mapping returns a mapping node's values by key; keys not in allowed are
// errors (none allowed means any key).
func (d *decoder) mapping(n *yaml.Node, field string, allowed ...string) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	if n.Kind != yaml.MappingNode {
		d.fail(n, field, "want a mapping, got %s", rules.NodeKind(n))
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		switch {
		case len(allowed) > 0 && !slices.Contains(allowed, k.Value):
			d.fail(k, rules.JoinField(field, k.Value), "unknown field (known: %s)", strings.Join(allowed, ", "))
		case out[k.Value] != nil:
			d.fail(k, rules.JoinField(field, k.Value), "field given twice")
		default:
			out[k.Value] = n.Content[i+1]
		}
	}
	return out
}

// list returns a sequence node's items; nil is an empty list.
func (d *decoder) list(n *yaml.Node, field string) []*yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.fail(n, field, "want a list, got %s", rules.NodeKind(n))
		return nil
	}
	return n.Content
}

// names reads a list of strings; a single string counts as a list of one.
func (d *decoder) names(n *yaml.Node, field string) []Name {
	if n != nil && n.Kind == yaml.ScalarNode {
		return []Name{{Value: d.str(n, field), Line: n.Line, Field: field}}
	}
	var out []Name
	for i, c := range d.list(n, field) {
		f := fmt.Sprintf("%s[%d]", field, i)
		if s := d.str(c, f); s != "" {
			out = append(out, Name{Value: s, Line: c.Line, Field: f})
		}
	}
	return out
}

func (d *decoder) str(n *yaml.Node, field string) string {
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		d.fail(n, field, "want a string, got %s", rules.NodeKind(n))
		return ""
	}
	return strings.TrimSpace(n.Value)
}

func (d *decoder) bool(n *yaml.Node, field string) bool {
	var b bool
	if n != nil && n.Decode(&b) != nil {
		d.fail(n, field, "want true or false, got %s", rules.NodeKind(n))
	}
	return b
}

func (d *decoder) int(n *yaml.Node, field string) int {
	var v int
	if n.Decode(&v) != nil {
		d.fail(n, field, "want a whole number, got %s", rules.NodeKind(n))
	}
	return v
}
