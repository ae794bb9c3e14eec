package config

import (
	"path"
	"path/filepath"
	"strings"

	"github.com/fineprint/fineprint/audit"
)

// checkGlob reports a malformed pattern.
func checkGlob(pattern string) error {
	if pattern == "" {
		return path.ErrBadPattern
	}
	_, err := path.Match(strings.ReplaceAll(pattern, "**", "*"), "")
	return err
}

// Excluded reports whether a source (a path as given on the command line
// or found in a directory) matches one of the exclude globs. URLs and
// standard input are never excluded.
func (c *Config) Excluded(source string) bool {
	return c != nil && c.matchAny(c.Exclude, source)
}

// Waivers are the ignore entries as a report processor.
func (c *Config) Waivers() audit.Waivers {
	if c == nil {
		return nil
	}
	var ws audit.Waivers
	for _, ig := range c.Ignore {
		w := audit.Waiver{Rule: ig.Rule.Value, Reason: ig.Reason}
		if len(ig.Paths) > 0 {
			w.Applies = func(source string) bool { return c.matchAny(ig.Paths, source) }
		}
		ws = append(ws, w)
	}
	return ws
}

// matchAny matches a source against globs relative to the configuration's
// directory.
func (c *Config) matchAny(globs []Glob, source string) bool {
	if source == "-" || strings.Contains(source, "://") || len(globs) == 0 {
		return false
	}
	rel := c.relative(source)
	for _, g := range globs {
		if matchGlob(g.Pattern, rel) {
			return true
		}
	}
	return false
}

// relative is the source's path from the configuration's directory, with
// forward slashes; a path outside it stays absolute.
func (c *Config) relative(source string) string {
	abs, err := filepath.Abs(source)
	if err != nil {
		return filepath.ToSlash(source)
	}
	rel, err := filepath.Rel(c.Dir, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(rel)
}

// matchGlob matches a slash-separated path as .gitignore does: a pattern
// with no "/" but a trailing one matches a name at any depth, and
// everything under it; "**" stands for any number of directories.
func matchGlob(pattern, name string) bool {
	pattern = strings.TrimSuffix(strings.TrimPrefix(pattern, "./"), "/")
	if !strings.Contains(pattern, "/") {
		pattern = "**/" + pattern
	}
	pattern += "/**" // and everything under a matched directory
	return matchParts(strings.Split(pattern, "/"), strings.Split(strings.TrimPrefix(name, "/"), "/"))
}

// matchParts matches path segments; "**" stands for zero or more of them.
func matchParts(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(name); i++ {
				if matchParts(pat[1:], name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], name[0]); !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}
