package snapshot

import (
	"mime"
	"net/url"
	"path"
	"path/filepath"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// maxSlug bounds the readable part of a snapshot directory name.
const maxSlug = 60

// Name is the directory a source's snapshot goes in: a readable slug of the
// source (host and path for a URL, the path for a file) and a short hash of
// the whole source, so that two sources never share a name and the same
// source always gets the same one. Names hold only [a-z0-9.-] and never
// start with a dot.
func Name(src string) string {
	return slug(readablePart(src)) + "-" + digest([]byte(src))[:10]
}

// readablePart is what a person recognises in a source.
func readablePart(src string) string {
	if src == "-" {
		return "stdin"
	}
	u, err := url.Parse(src)
	if err != nil || u.Scheme == "" || len(u.Scheme) == 1 { // "C:" is a drive
		return filepath.ToSlash(src)
	}
	return u.Host + "/" + u.Path
}

// slug lower-cases s, drops accents ("générales" → "generales"), and turns
// every run of characters outside [a-z0-9.] into one "-", trimmed of leading
// and trailing "-" and "." and bounded in length.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '.' {
			b.WriteRune(r)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	out := b.String()
	if len(out) > maxSlug {
		out = out[:maxSlug]
	}
	out = strings.Trim(out, "-.")
	if out == "" {
		return "source"
	}
	return out
}

// extByType maps media types to the extension of the raw file.
var extByType = map[string]string{
	"text/html":             ".html",
	"application/xhtml+xml": ".html",
	"text/markdown":         ".md",
	"text/x-markdown":       ".md",
	"text/plain":            ".txt",
	"application/pdf":       ".pdf",
	"application/x-pdf":     ".pdf",
	"application/json":      ".json",
	"text/xml":              ".xml",
	"application/xml":       ".xml",
}

// knownExts are the source extensions kept as they are for the raw file.
var knownExts = map[string]bool{".html": true, ".htm": true, ".md": true, ".markdown": true, ".txt": true, ".pdf": true}

// rawExt picks the raw file's extension: from the content type, else from
// the source's own name, else ".bin".
func rawExt(src, contentType string) string {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil && extByType[mt] != "" {
		return extByType[mt]
	}
	name := src
	if u, err := url.Parse(src); err == nil && u.Scheme != "" && len(u.Scheme) > 1 {
		name = u.Path
	}
	if ext := strings.ToLower(path.Ext(filepath.ToSlash(name))); knownExts[ext] {
		return ext
	}
	return ".bin"
}
