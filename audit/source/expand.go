package source

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Expand turns command-line arguments into the sources to read. Files are
// kept as given (whatever their extension), "-" and URLs are kept, and
// directories are walked recursively for documents (.html .htm .md
// .markdown .txt), in lexical order within each directory, skipping hidden
// files and directories such as .git. A missing path, or a directory without
// a document, is an *Error in errs; the other arguments are still expanded.
func Expand(args []string) (sources []string, errs []error) {
	for _, arg := range args {
		if arg == "-" || isURL(arg) {
			sources = append(sources, arg)
			continue
		}
		found, err := expandPath(arg)
		sources = append(sources, found...)
		errs = append(errs, err...)
	}
	return sources, errs
}

func expandPath(path string) ([]string, []error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, []error{&Error{Source: path, Err: plainFSError(err)}}
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	found, errs := walkDir(path)
	if len(found) == 0 && len(errs) == 0 {
		err := &plainError{msg: "no .html, .htm, .md, .markdown or .txt files found", kind: ErrNoDocuments}
		errs = append(errs, &Error{Source: path, Err: err})
	}
	return found, errs
}

// walkDir lists the documents under root. An unreadable subdirectory is
// reported and skipped.
func walkDir(root string) (found []string, errs []error) {
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, &Error{Source: path, Err: plainFSError(err)})
			return nil
		}
		if path != root && isHidden(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() && isDocument(d.Name()) {
			found = append(found, path)
		}
		return nil
	})
	return found, errs
}

func isHidden(name string) bool {
	return strings.HasPrefix(name, ".")
}

// isDocument reports whether a file found in a directory is worth auditing.
func isDocument(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".md", ".markdown", ".txt":
		return true
	}
	return false
}
