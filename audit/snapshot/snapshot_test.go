package snapshot

import (
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/fineprint/fineprint/audit/source"
)

const offerURL = "https://shop.example.com/legal/referral-terms?lang=en"

// rawOffer is the page as served: its terms are built by a script.
const rawOffer = `<!DOCTYPE html><html><body><h1>Refer a friend</h1><div id="terms"></div>
<script src="/terms.js"></script></body></html>`

// renderedOffer is the same page after the script ran.
const renderedOffer = `<!DOCTYPE html><html><head></head><body><h1>Refer a friend</h1><div id="terms">
<p>Taking part constitutes your consent to the use of your photo, name and voice in perpetuity.</p></div>
<script src="/terms.js"></script></body></html>`

var fetchedAt = time.Date(2025, 3, 1, 12, 30, 0, 0, time.UTC)

func offerCapture() Capture {
	return Capture{
		Source:         offerURL,
		FinalURL:       "https://shop.example.com/legal/referral-terms?lang=en&v=2",
		Status:         200,
		Header:         http.Header{"Content-Type": {"text/html; charset=utf-8"}, "Etag": {`"abc"`}},
		FetchedAt:      fetchedAt,
		Raw:            []byte(rawOffer),
		RawContentType: "text/html; charset=utf-8",
		Rendered:       []byte(renderedOffer),
		ToolVersion:    "1.2.0",
	}
}

func TestSaveThenLoadAuditsTheRenderedDOM(t *testing.T) {
	dir := t.TempDir()
	path, err := Save(dir, offerCapture())
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, Name(offerURL), "snapshot.json"); path != want {
		t.Errorf("Save returned %s, want %s", path, want)
	}
	in, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(in.Data) != renderedOffer {
		t.Errorf("Load returned %q, want the rendered DOM", in.Data)
	}
	if in.Source != offerURL || in.FinalURL != offerCapture().FinalURL || in.Status != 200 ||
		!in.FetchedAt.Equal(fetchedAt) || in.ContentType != source.RenderedContentType {
		t.Errorf("Load returned source %q, final %q, status %d, fetched %v, type %q; want the captured ones",
			in.Source, in.FinalURL, in.Status, in.FetchedAt, in.ContentType)
	}
	if in.SHA256 != digest([]byte(renderedOffer)) {
		t.Errorf("SHA256 = %s, want the rendered DOM's", in.SHA256)
	}
	// The directory works as well as its snapshot.json.
	if again, err := Load(filepath.Dir(path)); err != nil || string(again.Data) != renderedOffer {
		t.Errorf("Load(dir) = %v, %v; want the rendered DOM", again, err)
	}
}

func TestSnapshotFilesAndMetadata(t *testing.T) {
	dir := t.TempDir()
	path, err := Save(dir, offerCapture())
	if err != nil {
		t.Fatal(err)
	}
	snapDir := filepath.Dir(path)
	entries, _ := os.ReadDir(snapDir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "raw.html rendered.html snapshot.json" {
		t.Errorf("snapshot directory holds %q", got)
	}
	if raw, _ := os.ReadFile(filepath.Join(snapDir, "raw.html")); string(raw) != rawOffer {
		t.Errorf("raw.html = %q, want the served bytes", raw)
	}
	data, _ := os.ReadFile(path)
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]any{
		"schema": "fineprint/snapshot/v1", "source": offerURL, "fetched_at": "2025-03-01T12:30:00Z",
		"status": 200.0, "audited": "rendered",
	} {
		if doc[key] != want {
			t.Errorf("snapshot.json %s = %v, want %v", key, doc[key], want)
		}
	}
	for _, want := range []string{
		`"version": "1.2.0"`, `"Etag": [`, `"path": "raw.html"`, `"path": "rendered.html"`,
		`"sha256": "` + digest([]byte(rawOffer)) + `"`, `"sha256": "` + digest([]byte(renderedOffer)) + `"`,
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("snapshot.json lacks %s:\n%s", want, data)
		}
	}
}

func TestLoadWithoutRenderingDecodesTheRawBytes(t *testing.T) {
	c := Capture{
		Source: "http://mairie.example.fr/cgu", Status: 200, FetchedAt: fetchedAt,
		Raw:            []byte("<p>Vos donn\xe9es sont conserv\xe9es sans limite de dur\xe9e.</p>"),
		RawContentType: "text/html; charset=iso-8859-1",
	}
	path, err := Save(t.TempDir(), c)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), "rendered.html")); !os.IsNotExist(err) {
		t.Errorf("rendered.html written for a source that was not rendered")
	}
	in, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := "<p>Vos données sont conservées sans limite de durée.</p>"; string(in.Data) != want {
		t.Errorf("Data = %q, want %q", in.Data, want)
	}
	if in.SHA256 != digest(c.Raw) {
		t.Errorf("SHA256 = %s, want the raw bytes' digest", in.SHA256)
	}
}

func TestSaveReplacesAnEarlierSnapshot(t *testing.T) {
	dir := t.TempDir()
	if _, err := Save(dir, offerCapture()); err != nil {
		t.Fatal(err)
	}
	plain := offerCapture()
	plain.Rendered = nil
	path, err := Save(dir, plain)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), "rendered.html")); !os.IsNotExist(err) {
		t.Error("rendered.html of the earlier run is still there")
	}
	in, err := Load(path)
	if err != nil || string(in.Data) != rawOffer {
		t.Errorf("Load = %v, %v; want the raw page of the later run", in, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("snapshot root holds %d entries, want 1 (no temporary directory left)", len(entries))
	}
}

func TestLoadDetectsTampering(t *testing.T) {
	for _, file := range []string{"rendered.html", "raw.html"} {
		t.Run(file, func(t *testing.T) {
			path, err := Save(t.TempDir(), offerCapture())
			if err != nil {
				t.Fatal(err)
			}
			changed := filepath.Join(filepath.Dir(path), file)
			data, _ := os.ReadFile(changed)
			edited := strings.Replace(string(data), "Refer a friend", "Refer a fiend", 1)
			if err := os.WriteFile(changed, []byte(edited), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err = Load(path)
			if !errors.Is(err, ErrTampered) {
				t.Fatalf("Load of a changed %s: err = %v, want ErrTampered", file, err)
			}
			var srcErr *source.Error
			if !errors.As(err, &srcErr) || srcErr.Source != path {
				t.Errorf("err = %v, want a *source.Error naming %s", err, path)
			}
			if !strings.Contains(err.Error(), changed+" was changed after the snapshot was taken") {
				t.Errorf("err = %q, want it to name %s", err, changed)
			}
		})
	}
}

func TestLoadRefusesBadSnapshots(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct{ name, path, msg string }{
		{"missing", filepath.Join(dir, "nope.json"), "no such file"},
		{"not json", write("a.json", "<html>"), "not a snapshot.json"},
		{"other schema", write("b.json", `{"schema": "fineprint/report/v1"}`), `schema is "fineprint/report/v1"`},
		{"escaping path", write("c.json", `{"schema": "fineprint/snapshot/v1", "raw": {"path": "../../etc/passwd", "sha256": "x"}}`),
			`file "../../etc/passwd" is not a plain name beside snapshot.json`},
		{"no file", write("d.json", `{"schema": "fineprint/snapshot/v1"}`), "snapshot lists no file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.path)
			if err == nil || !strings.HasPrefix(err.Error(), tt.path+": ") || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v, want %q naming %s", err, tt.msg, tt.path)
			}
		})
	}
}

func TestNamesAreSafeStableAndUnique(t *testing.T) {
	sources := []string{
		offerURL,
		"https://shop.example.com/legal/referral-terms?lang=fr",
		"https://SHOP.example.com/legal/referral-terms?lang=en",
		"https://shop.example.com:8443/legal/referral-terms",
		"https://shop.example.com/",
		"https://shop.example.com",
		"http://shop.example.com/",
		"https://exemple.fr/conditions-générales/données personnelles",
		"https://exemple.fr/../../etc/passwd",
		"https://exemple.fr/" + strings.Repeat("very-long-segment/", 40),
		"https://exemple.fr/" + strings.Repeat("very-long-segment/", 41),
		"file:///home/ana/terms.html",
		"legal/tos.md",
		"legal/fr/cgu.md",
		"./legal/tos.md",
		"../outside/terms.html",
		"/abs/path/.hidden",
		"C:\\Users\\ana\\terms.html",
		"-",
		"",
		"...",
		"con",
		"https://例え.jp/規約",
	}
	safe := regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*-[0-9a-f]{10}$`)
	seen := map[string]string{}
	for _, src := range sources {
		name := Name(src)
		if !safe.MatchString(name) || len(name) > 80 {
			t.Errorf("Name(%q) = %q, not a safe directory name", src, name)
		}
		if prev, dup := seen[name]; dup {
			t.Errorf("Name(%q) = Name(%q) = %q", src, prev, name)
		}
		seen[name] = src
		if again := Name(src); again != name {
			t.Errorf("Name(%q) changed between calls: %q, %q", src, name, again)
		}
	}
	for src, prefix := range map[string]string{
		offerURL: "shop.example.com-legal-referral-terms-",
		"https://exemple.fr/conditions-générales": "exemple.fr-conditions-generales-",
		"legal/fr/cgu.md": "legal-fr-cgu.md-",
		"-":               "stdin-",
	} {
		if got := Name(src); !strings.HasPrefix(got, prefix) {
			t.Errorf("Name(%q) = %q, want it to start with %q", src, got, prefix)
		}
	}
	// Each name really is a directory a snapshot can be saved in.
	dir := t.TempDir()
	for _, src := range sources {
		c := Capture{Source: src, Raw: []byte("Terms."), FetchedAt: fetchedAt}
		if _, err := Save(dir, c); err != nil {
			t.Errorf("Save(%q): %v", src, err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != len(sources) {
		t.Errorf("%d directories for %d sources", len(entries), len(sources))
	}
}

func TestRawFileExtension(t *testing.T) {
	tests := []struct{ src, contentType, want string }{
		{offerURL, "text/html; charset=utf-8", "raw.html"},
		{"https://example.com/terms.pdf", "application/pdf", "raw.pdf"},
		{"https://example.com/terms", "text/plain", "raw.txt"},
		{"legal/tos.md", "", "raw.md"},
		{"legal/cgu.HTM", "", "raw.htm"},
		{"https://example.com/download", "application/octet-stream", "raw.bin"},
	}
	for _, tt := range tests {
		c := Capture{Source: tt.src, Raw: []byte("x"), RawContentType: tt.contentType, FetchedAt: fetchedAt}
		path, err := Save(t.TempDir(), c)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(filepath.Dir(path), tt.want)); err != nil {
			t.Errorf("%s (%s): %v", tt.src, tt.contentType, err)
		}
	}
}
