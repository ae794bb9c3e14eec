package rules

import (
	"embed"
	"fmt"
	"io/fs"
)

//go:embed builtin
var builtinFS embed.FS

// Builtin returns the built-in rule packs, uncompiled.
func Builtin() (*Pack, error) {
	return LoadFS(builtinFS, "builtin")
}

// Load reads the built-in packs plus the packs in each extra directory,
// opened with fsys (os.DirFS for real directories; unused, and may be nil,
// without extra directories), and compiles them into one Set.
func Load(fsys func(dir string) fs.FS, extra ...string) (*Set, error) {
	pack, err := Builtin()
	if err != nil {
		return nil, fmt.Errorf("built-in rules: %w", err)
	}
	for _, dir := range extra {
		p, err := LoadFS(fsys(dir), ".")
		if err != nil {
			return nil, err
		}
		pack.Merge(p)
	}
	return Compile(pack)
}
