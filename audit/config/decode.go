package config

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/fineprint/fineprint/rules"
)

// decoder turns YAML nodes into settings, collecting every error it meets.
type decoder struct{ rules.YAMLDecoder }

func (d *decoder) failAt(n Name, msg string) {
	d.Errs = append(d.Errs, &rules.LoadError{File: d.File, Line: n.Line, Field: n.Field, Msg: msg})
}

// list returns a sequence node's items; nil is an empty list.
func (d *decoder) list(n *yaml.Node, field string) []*yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.Fail(n, field, "want a list, got %s", rules.NodeKind(n))
		return nil
	}
	return n.Content
}

// names reads a list of strings; a single string counts as a list of one.
func (d *decoder) names(n *yaml.Node, field string) []Name {
	if n != nil && n.Kind == yaml.ScalarNode {
		return []Name{{Value: d.Str(n, field), Line: n.Line, Field: field}}
	}
	var out []Name
	for i, c := range d.list(n, field) {
		f := fmt.Sprintf("%s[%d]", field, i)
		if s := d.Str(c, f); s != "" {
			out = append(out, Name{Value: s, Line: c.Line, Field: f})
		}
	}
	return out
}
