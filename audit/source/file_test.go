package source

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

// utf16Bytes encodes s as UTF-16 with a byte order mark.
func utf16Bytes(s string, bigEndian bool) []byte {
	out := []byte{0xff, 0xfe}
	if bigEndian {
		out = []byte{0xfe, 0xff}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func TestReadFile(t *testing.T) {
	const frenchClause = "# Conditions\n\nVous consentez à l'utilisation de votre image à titre gratuit et pour une durée illimitée.\n"
	// The first accent comes after 1 KB of ASCII, where charset detection
	// stops looking.
	lateAccent := strings.Repeat("Terms of use. ", 100) + "\nCafé rewards are forfeited.\n"
	tests := []struct {
		name     string
		file     string
		content  []byte
		maxBytes int64
		wantErr  error
		wantMsg  string // whole message, {path} replaced
		wantData string // exact decoded data
	}{
		{name: "utf-8 markdown", file: "terms.md", content: []byte(frenchClause), wantData: frenchClause},
		{name: "utf-8 bom", file: "terms.md", content: append([]byte{0xef, 0xbb, 0xbf}, frenchClause...), wantData: frenchClause},
		{name: "utf-16le bom", file: "terms.txt", content: utf16Bytes(frenchClause, false), wantData: frenchClause},
		{name: "utf-16be bom", file: "terms.txt", content: utf16Bytes(frenchClause, true), wantData: frenchClause},
		{name: "latin-1 html with meta charset", file: "conditions.html", content: latin1Page,
			wantData: strings.ReplaceAll(string(latin1Page), "\xe9", "é")},
		{name: "utf-8 after a long ascii start", file: "terms.txt", content: []byte(lateAccent), wantData: lateAccent},
		{name: "latin-1 text without meta", file: "terms.txt", content: []byte("Donn\xe9es conserv\xe9es.\n"), wantData: "Données conservées.\n"},
		{name: "invalid utf-8 replaced", file: "terms.txt", content: []byte("Café \xff crème brûlée"), wantData: "Café \uFFFD crème brûlée"},
		{name: "empty file", file: "empty.md", content: nil, wantData: ""},
		{name: "binary file refused", file: "terms.html", content: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), wantErr: ErrBinary,
			wantMsg: "{path}: binary content (looks like image/png), not a text document"},
		{name: "larger than cap", file: "terms.html", content: []byte(strings.Repeat("x", 2048)), maxBytes: 1024, wantErr: ErrTooLarge,
			wantMsg: "{path}: larger than 1 KB (use --max-bytes)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tt.file)
			if err := os.WriteFile(path, tt.content, 0o644); err != nil {
				t.Fatal(err)
			}
			in, err := Read(context.Background(), path, Options{MaxBytes: tt.maxBytes})
			if tt.wantErr != nil {
				checkError(t, err, tt.wantErr, path, strings.ReplaceAll(tt.wantMsg, "{path}", path))
				return
			}
			if err != nil {
				t.Fatalf("Read(%s): %v", path, err)
			}
			if string(in.Data) != tt.wantData {
				t.Errorf("Data = %q, want %q", in.Data, tt.wantData)
			}
			sum := sha256.Sum256(tt.content)
			if in.SHA256 != hex.EncodeToString(sum[:]) {
				t.Errorf("SHA256 = %s, want the digest of the raw bytes", in.SHA256)
			}
			if in.Source != path || in.ContentType != "" || in.FinalURL != "" || !in.FetchedAt.IsZero() || in.Status != 0 {
				t.Errorf("file Input has URL fields set: %+v", in)
			}
		})
	}
}

// TestReadPDF: a PDF file or standard input is passed on as it is, for
// extraction to read, whatever its name.
func TestReadPDF(t *testing.T) {
	path := filepath.Join(t.TempDir(), "conditions")
	if err := os.WriteFile(path, pdfBytes, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{path, "-"} {
		in, err := Read(context.Background(), src, Options{Stdin: bytes.NewReader(pdfBytes)})
		if err != nil {
			t.Fatalf("Read(%s): %v", src, err)
		}
		if !bytes.Equal(in.Data, pdfBytes) || in.ContentType != "application/pdf" {
			t.Errorf("Read(%s) = %q (%q), want the PDF bytes as application/pdf", src, in.Data, in.ContentType)
		}
	}
}

func TestReadMissingFile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	_, err := Read(context.Background(), "terms.html", Options{})
	checkError(t, err, ErrNotFound, "terms.html", "terms.html: no such file")
}

func TestReadDirectoryRefused(t *testing.T) {
	dir := t.TempDir()
	_, err := Read(context.Background(), dir, Options{})
	if err == nil || err.Error() != dir+": is a directory" {
		t.Fatalf("Read(dir) = %v, want %q", err, dir+": is a directory")
	}
}

func TestReadStdin(t *testing.T) {
	tests := []struct {
		name     string
		stdin    string
		maxBytes int64
		wantErr  error
		wantData string
	}{
		{name: "text", stdin: "You waive any class action.\n", wantData: "You waive any class action.\n"},
		{name: "bom removed", stdin: "\xef\xbb\xbfNous ne vendons pas vos données.", wantData: "Nous ne vendons pas vos données."},
		{name: "empty", stdin: "", wantData: ""},
		{name: "larger than cap", stdin: strings.Repeat("y", 100), maxBytes: 99, wantErr: ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := Options{Stdin: strings.NewReader(tt.stdin), MaxBytes: tt.maxBytes}
			in, err := Read(context.Background(), "-", opts)
			if tt.wantErr != nil {
				checkError(t, err, tt.wantErr, "-", "")
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if in.Source != "-" || string(in.Data) != tt.wantData {
				t.Errorf("got Source %q Data %q, want \"-\" and %q", in.Source, in.Data, tt.wantData)
			}
		})
	}
}

func TestErrorUnwrap(t *testing.T) {
	err := error(&Error{Source: "terms.html", Err: tooLarge(20 << 20)})
	if got := err.Error(); got != "terms.html: larger than 20 MB (use --max-bytes)" {
		t.Errorf("message = %q", got)
	}
	if !errors.Is(err, ErrTooLarge) {
		t.Error("errors.Is(err, ErrTooLarge) = false")
	}
}
