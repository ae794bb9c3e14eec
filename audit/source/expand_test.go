package source

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// writeTree creates files (with parent directories) under root.
func writeTree(t *testing.T, root string, files ...string) {
	t.Helper()
	for _, name := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("Terms.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestExpand(t *testing.T) {
	t.Chdir(t.TempDir())
	writeTree(t, ".",
		"legal/tos.md", "legal/privacy.HTML", "legal/offer.htm", "legal/notes.markdown",
		"legal/fr/cgu.txt", "legal/fr/logo.png", "legal/fr/cgu.pdf",
		"legal/.git/HEAD.md", "legal/.drafts/old.md", "legal/.hidden.md",
		"legal/a/z.md", "legal/b.txt",
		"assets/logo.png", "assets/style.css",
		"terms.rtf",
	)
	if err := os.Mkdir("empty", 0o755); err != nil {
		t.Fatal(err)
	}
	args := []string{"legal", "-", "https://example.com/terms", "terms.rtf", "missing.html", "assets", "empty", "./legal/fr/"}
	sources, errs := Expand(args)

	want := []string{
		"legal/a/z.md", "legal/b.txt", "legal/fr/cgu.txt", "legal/notes.markdown",
		"legal/offer.htm", "legal/privacy.HTML", "legal/tos.md",
		"-", "https://example.com/terms", "terms.rtf",
		"legal/fr/cgu.txt",
	}
	if !slices.Equal(sources, want) {
		t.Errorf("sources =\n%q\nwant\n%q", sources, want)
	}
	wantErrs := []struct {
		source, msg string
		is          error
	}{
		{"missing.html", "missing.html: no such file", ErrNotFound},
		{"assets", "assets: no .html, .htm, .md, .markdown or .txt files found", ErrNoDocuments},
		{"empty", "empty: no .html, .htm, .md, .markdown or .txt files found", ErrNoDocuments},
	}
	if len(errs) != len(wantErrs) {
		t.Fatalf("errs = %v, want %d errors", errs, len(wantErrs))
	}
	for i, w := range wantErrs {
		var srcErr *Error
		if !errors.As(errs[i], &srcErr) || srcErr.Source != w.source || errs[i].Error() != w.msg || !errors.Is(errs[i], w.is) {
			t.Errorf("errs[%d] = %v, want %q (%v)", i, errs[i], w.msg, w.is)
		}
	}
}

func TestExpandHiddenRootIsWalked(t *testing.T) {
	t.Chdir(t.TempDir())
	writeTree(t, ".", ".terms/tos.md")
	sources, errs := Expand([]string{".terms", "."})
	// A hidden directory named on the command line is walked; found while
	// walking ".", it is skipped, so "." has no document.
	if len(errs) != 1 || !errors.Is(errs[0], ErrNoDocuments) {
		t.Errorf("errs = %v, want one ErrNoDocuments for \".\"", errs)
	}
	if want := []string{".terms/tos.md"}; !slices.Equal(sources, want) {
		t.Errorf("sources = %q, want %q", sources, want)
	}
}
