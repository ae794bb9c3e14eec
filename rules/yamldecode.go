package rules

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// YAMLDecoder reads YAML nodes into Go values for a file, collecting every
// error it meets as a LoadError that names file, line and field, so that
// one pass reports all the mistakes of a rule pack or a configuration.
type YAMLDecoder struct {
	File string
	Errs []error
}

// Fail records an error at node n (line 0 when n is nil).
func (d *YAMLDecoder) Fail(n *yaml.Node, field, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	d.Errs = append(d.Errs, &LoadError{File: d.File, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
}

// Mapping returns a mapping node's values by key, reporting keys not in
// allowed (none allowed means any key) and keys given twice, of which the
// first is kept.
func (d *YAMLDecoder) Mapping(n *yaml.Node, field string, allowed ...string) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	if n.Kind != yaml.MappingNode {
		d.Fail(n, field, "want a mapping, got %s", NodeKind(n))
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		switch {
		case len(allowed) > 0 && !slices.Contains(allowed, k.Value):
			d.Fail(k, JoinField(field, k.Value), "unknown field (known: %s)", strings.Join(allowed, ", "))
		case out[k.Value] != nil:
			d.Fail(k, JoinField(field, k.Value), "field given twice")
		default:
			out[k.Value] = n.Content[i+1]
		}
	}
	return out
}

// Str reads a string, trimmed; a missing node is "".
func (d *YAMLDecoder) Str(n *yaml.Node, field string) string {
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		d.Fail(n, field, "want a string, got %s", NodeKind(n))
		return ""
	}
	return strings.TrimSpace(n.Value)
}

// Bool reads true or false; a missing node is def.
func (d *YAMLDecoder) Bool(n *yaml.Node, field string, def bool) bool {
	if n == nil {
		return def
	}
	var b bool
	if err := n.Decode(&b); err != nil {
		d.Fail(n, field, "want true or false, got %s", NodeKind(n))
	}
	return b
}

// Int reads a whole number; a missing node is 0.
func (d *YAMLDecoder) Int(n *yaml.Node, field string) int {
	if n == nil {
		return 0
	}
	var v int
	if err := n.Decode(&v); err != nil {
		d.Fail(n, field, "want a whole number, got %s", NodeKind(n))
	}
	return v
}
