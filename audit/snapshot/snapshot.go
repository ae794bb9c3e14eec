// Package snapshot keeps the evidence of an audit: for each source, the
// bytes as served, the DOM as rendered when it was, and a snapshot.json
// saying where they came from, when, and their SHA-256. A snapshot can be
// loaded back to re-audit, offline, exactly what was captured.
//
// Layout, one directory per source:
//
//	DIR/NAME/snapshot.json   metadata, schema "fineprint/snapshot/v1"
//	DIR/NAME/raw.EXT         the bytes read (decompressed), if available
//	DIR/NAME/rendered.html   the DOM after scripts ran, with --render
package snapshot

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/fineprint/fineprint/audit/source"
)

// Schema identifies the metadata format.
const Schema = "fineprint/snapshot/v1"

// MetaFile is the name of the metadata file in each snapshot directory.
const MetaFile = "snapshot.json"

// renderedFile holds the rendered DOM.
const renderedFile = "rendered.html"

// ErrTampered means a snapshot file no longer has the SHA-256 recorded for it.
var ErrTampered = errors.New("snapshot file changed")

// Capture is what was read for one source, as Save records it.
type Capture struct {
	Source         string      // the argument as given: URL or path
	FinalURL       string      // after redirects; "" for files and stdin
	Status         int         // HTTP status; 0 for files and stdin
	Header         http.Header // response headers; nil for files and stdin
	FetchedAt      time.Time   // when it was read
	Raw            []byte      // the bytes read (decompressed), nil if not kept
	RawContentType string      // Content-Type of Raw, "" if unknown
	Rendered       []byte      // the rendered DOM (UTF-8), nil without --render
	ToolVersion    string      // fineprint's version
}

// Meta is the content of snapshot.json.
type Meta struct {
	Schema    string      `json:"schema"`
	Tool      Tool        `json:"tool"`
	Source    string      `json:"source"`
	FinalURL  string      `json:"final_url,omitempty"`
	Status    int         `json:"status,omitempty"`
	Headers   http.Header `json:"headers,omitempty"`
	FetchedAt string      `json:"fetched_at"` // RFC 3339
	// Audited names the file an audit of this snapshot reads: "rendered"
	// when there is a rendered DOM, else "raw".
	Audited  string `json:"audited"`
	Raw      *File  `json:"raw,omitempty"`
	Rendered *File  `json:"rendered,omitempty"`
}

// Tool names what made the snapshot.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// File describes one saved file.
type File struct {
	Path        string `json:"path"` // relative to snapshot.json's directory
	ContentType string `json:"content_type,omitempty"`
	Bytes       int    `json:"bytes"`
	SHA256      string `json:"sha256"`
}

// Save writes c under dir, in the directory Name(c.Source), replacing a
// previous snapshot of the same source, and returns the path of its
// snapshot.json.
func Save(dir string, c Capture) (string, error) {
	if c.Raw == nil && c.Rendered == nil {
		return "", fmt.Errorf("snapshot of %s: nothing to save", c.Source)
	}
	final := filepath.Join(dir, Name(c.Source))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("snapshot of %s: %w", c.Source, err)
	}
	// Write into a fresh directory, then swap it in, so that a snapshot
	// directory never mixes files of two runs.
	tmp, err := os.MkdirTemp(dir, ".tmp-")
	if err != nil {
		return "", fmt.Errorf("snapshot of %s: %w", c.Source, err)
	}
	defer os.RemoveAll(tmp)
	if err := writeAll(tmp, c); err != nil {
		return "", fmt.Errorf("snapshot of %s: %w", c.Source, err)
	}
	if err := replaceDir(tmp, final); err != nil {
		return "", fmt.Errorf("snapshot of %s: %w", c.Source, err)
	}
	return filepath.Join(final, MetaFile), nil
}

// writeAll writes the captured files and, last, snapshot.json into dir.
func writeAll(dir string, c Capture) error {
	meta := newMeta(c)
	if c.Raw != nil {
		name := "raw" + rawExt(c.Source, c.RawContentType)
		meta.Raw = describe(name, c.RawContentType, c.Raw)
		if err := os.WriteFile(filepath.Join(dir, name), c.Raw, 0o644); err != nil {
			return err
		}
	}
	if c.Rendered != nil {
		meta.Rendered = describe(renderedFile, source.RenderedContentType, c.Rendered)
		meta.Audited = "rendered"
		if err := os.WriteFile(filepath.Join(dir, renderedFile), c.Rendered, 0o644); err != nil {
			return err
		}
	}
	data, err := json.MarshalIndent(meta, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, MetaFile), append(data, '\n'), 0o644)
}

func newMeta(c Capture) *Meta {
	return &Meta{
		Schema:    Schema,
		Tool:      Tool{Name: "fineprint", Version: c.ToolVersion},
		Source:    c.Source,
		FinalURL:  c.FinalURL,
		Status:    c.Status,
		Headers:   c.Header,
		FetchedAt: c.FetchedAt.UTC().Format(time.RFC3339),
		Audited:   "raw",
	}
}

func describe(name, contentType string, data []byte) *File {
	return &File{Path: name, ContentType: contentType, Bytes: len(data), SHA256: digest(data)}
}

func digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// replaceDir moves the directory from to the path to, removing what was
// there before.
func replaceDir(from, to string) error {
	if err := os.RemoveAll(to); err != nil {
		return err
	}
	return os.Rename(from, to)
}

// Load reads the snapshot whose snapshot.json is at path (or the directory
// holding it), checks every file against its recorded SHA-256, and returns
// the document to audit: the rendered DOM if there is one, else the raw
// bytes, named after the original source. Errors are *source.Error naming
// path; a changed file matches ErrTampered and names the file.
func Load(path string) (*source.Input, error) {
	in, err := load(path)
	if err != nil {
		return nil, &source.Error{Source: path, Err: err}
	}
	return in, nil
}

func load(path string) (*source.Input, error) {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		path = filepath.Join(path, MetaFile)
	}
	meta, err := ReadMeta(path)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(path)
	raw, err := readVerified(dir, meta.Raw)
	if err != nil {
		return nil, err
	}
	rendered, err := readVerified(dir, meta.Rendered)
	if err != nil {
		return nil, err
	}
	data, file := raw, meta.Raw
	if meta.Rendered != nil {
		data, file = rendered, meta.Rendered
	}
	return toInput(meta, data, file)
}

func toInput(meta *Meta, data []byte, file *File) (*source.Input, error) {
	in, err := source.FromBytes(meta.Source, data, file.ContentType)
	if err != nil {
		return nil, errors.Unwrap(err) // Load names the snapshot instead
	}
	in.FinalURL, in.Status = meta.FinalURL, meta.Status
	in.FetchedAt, _ = time.Parse(time.RFC3339, meta.FetchedAt)
	return in, nil
}

// ReadMeta reads and checks a snapshot.json, without reading its files.
func ReadMeta(path string) (*Meta, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, source.ErrNotFound
		}
		return nil, err
	}
	var meta Meta
	if err := json.Unmarshal(data, &meta); err != nil {
		return nil, fmt.Errorf("not a snapshot.json: %w", err)
	}
	if meta.Schema != Schema {
		return nil, fmt.Errorf("not a snapshot.json: schema is %q, want %q", meta.Schema, Schema)
	}
	if meta.Raw == nil && meta.Rendered == nil {
		return nil, errors.New("snapshot lists no file")
	}
	return &meta, nil
}

// readVerified reads a listed file and checks its digest. A nil f reads
// nothing. Paths must name a file beside snapshot.json, so that a crafted
// snapshot cannot read elsewhere.
func readVerified(dir string, f *File) ([]byte, error) {
	if f == nil {
		return nil, nil
	}
	if f.Path == "" || f.Path != filepath.Base(f.Path) || f.Path == "." || f.Path == ".." {
		return nil, fmt.Errorf("file %q is not a plain name beside %s", f.Path, MetaFile)
	}
	data, err := os.ReadFile(filepath.Join(dir, f.Path))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Path, err)
	}
	if got := digest(data); got != f.SHA256 {
		return nil, &tamperedError{file: filepath.Join(dir, f.Path), recorded: f.SHA256, got: got}
	}
	return data, nil
}

// tamperedError names a file whose bytes differ from the recorded ones.
type tamperedError struct {
	file, recorded, got string
}

func (e *tamperedError) Error() string {
	return fmt.Sprintf("%s was changed after the snapshot was taken: its SHA-256 is %s, the snapshot recorded %s",
		e.file, e.got, e.recorded)
}

func (e *tamperedError) Unwrap() error { return ErrTampered }
