package source

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// ErrNoChrome is returned by FindChrome and Render when no Chromium can be
// found. Its message tells the user how to get one.
var ErrNoChrome = errors.New("--render needs Chromium: install the chromium package (apt-get install chromium) or set FINEPRINT_CHROME to its path")

// ChromeEnv names the environment variable that points at the browser to run.
const ChromeEnv = "FINEPRINT_CHROME"

// chromeNames are the programs FindChrome looks for in PATH, in order.
var chromeNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Defaults applied by Render to zero-valued RenderOptions fields.
const (
	DefaultRenderTimeout = 30 * time.Second
	DefaultIdleTime      = 500 * time.Millisecond
	DefaultIdleTimeout   = 10 * time.Second
)

// RenderedContentType is the content type of a rendered DOM.
const RenderedContentType = "text/html; charset=utf-8"

// RenderOptions tunes Render. The zero value works.
type RenderOptions struct {
	// ChromePath is the browser to run; "" means FindChrome(os.Getenv).
	ChromePath string
	// Timeout bounds the whole render, browser start included; 0 means 30s.
	Timeout time.Duration
	// IdleTime is how long the network must be quiet (no request in flight)
	// after the load event before the DOM is read; 0 means 500ms.
	IdleTime time.Duration
	// IdleTimeout is how long to wait for that quiet after the load event;
	// a page that polls for ever is read as it is then. 0 means 10s.
	IdleTimeout time.Duration
	MaxBytes    int64  // cap on the rendered DOM and the raw body; 0 means 20 MB
	UserAgent   string // "" keeps Chromium's own
	Now         func() time.Time
}

func (o RenderOptions) withDefaults() RenderOptions {
	if o.Timeout <= 0 {
		o.Timeout = DefaultRenderTimeout
	}
	if o.IdleTime <= 0 {
		o.IdleTime = DefaultIdleTime
	}
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = DefaultIdleTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Rendered is a page as a browser shows it after its scripts ran.
type Rendered struct {
	// Input holds the rendered DOM: Data is the document's outer HTML
	// (UTF-8), ContentType is RenderedContentType, SHA256 is the digest of
	// Data, FinalURL is the document's URL after redirects (HTTP or script),
	// Status is the main document's HTTP status (0 for files).
	*Input
	// Raw is the main document's body as the server sent it (after
	// Content-Encoding is undone), or nil when Chromium could not give the
	// exact bytes (a text body in a charset other than UTF-8, or a body
	// evicted from its buffer): fetch it separately then.
	Raw            []byte
	RawContentType string      // the main document's Content-Type header
	Header         http.Header // the main document's response headers
}

// FindChrome returns the browser Render runs: the path in FINEPRINT_CHROME
// if set, else the first of chromium, chromium-browser, google-chrome and
// google-chrome-stable found in PATH. It returns ErrNoChrome if none is.
func FindChrome(getenv func(string) string) (string, error) {
	if p := getenv(ChromeEnv); p != "" {
		found, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("%w (%s=%s is not an executable file)", ErrNoChrome, ChromeEnv, p)
		}
		return found, nil
	}
	for _, name := range chromeNames {
		if found, err := exec.LookPath(name); err == nil {
			return found, nil
		}
	}
	return "", ErrNoChrome
}

// Render loads src — an http(s) URL, a file:// URL or a local path — in a
// fresh headless Chromium, waits for the load event and then for the network
// to be idle, and returns the DOM as scripts left it. The browser and its
// temporary profile are gone when Render returns. Any error it returns is an
// *Error naming src.
func Render(ctx context.Context, src string, opts RenderOptions) (*Rendered, error) {
	opts = opts.withDefaults()
	r, err := render(ctx, src, opts)
	if err != nil {
		return nil, &Error{Source: src, Err: err}
	}
	r.Source = src
	return r, nil
}

func render(parent context.Context, src string, opts RenderOptions) (*Rendered, error) {
	target, err := renderURL(src)
	if err != nil {
		return nil, err
	}
	if opts.ChromePath == "" {
		if opts.ChromePath, err = FindChrome(os.Getenv); err != nil {
			return nil, err
		}
	}
	// Chromium leaves files in its TMPDIR when it is killed; give it one of
	// its own, removed once the browser is gone.
	tmpDir, err := chromeTempDir()
	if err != nil {
		return nil, fmt.Errorf("cannot start Chromium: %w", err)
	}
	defer os.RemoveAll(tmpDir)
	ctx, cancel := context.WithTimeout(parent, opts.Timeout)
	defer cancel()
	allocCtx, stopBrowser := chromedp.NewExecAllocator(ctx, allocatorOptions(opts, tmpDir)...)
	// stopBrowser waits for Chromium to exit and removes its profile.
	defer stopBrowser()
	tabCtx, closeTab := chromedp.NewContext(allocCtx)
	defer closeTab()
	r, err := loadAndRead(tabCtx, target, opts)
	if err != nil {
		return nil, plainRenderError(parent, err, opts.Timeout)
	}
	return r, nil
}

// allocatorOptions are Chromium's flags. The machine may have no network
// but the page's: background networking, component updates, sync and QUIC
// would only make connections that fail. chromedp adds a fresh temporary
// --user-data-dir and removes it, and any leftover child process, when the
// browser stops.
func allocatorOptions(opts RenderOptions, tmpDir string) []chromedp.ExecAllocatorOption {
	options := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(opts.ChromePath),
		chromedp.Env("TMPDIR=" + tmpDir),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("password-store", "basic"),
	}
	if opts.UserAgent != "" {
		options = append(options, chromedp.UserAgent(opts.UserAgent))
	}
	return options
}

// maxTempDirLen keeps Chromium's socket path, which it makes under TMPDIR
// (TMPDIR/org.chromium.Chromium.XXXXXX/SingletonSocket), within the 107
// bytes a Unix socket path may have.
const maxTempDirLen = 60

// chromeTempDir makes a fresh directory for Chromium's temporary files, in
// /tmp if the usual temporary directory has too long a path.
func chromeTempDir() (string, error) {
	dir, err := os.MkdirTemp("", "fp-chrome-")
	if err != nil || len(dir) <= maxTempDirLen {
		return dir, err
	}
	os.RemoveAll(dir)
	return os.MkdirTemp("/tmp", "fp-chrome-")
}

// renderURL turns a source argument into the URL Chromium loads.
func renderURL(src string) (string, error) {
	lower := strings.ToLower(src)
	switch {
	case src == "-":
		return "", errors.New("standard input cannot be rendered; save it to a file first")
	case isURL(src) || strings.HasPrefix(lower, "file://"):
		return src, nil
	}
	abs, err := filepath.Abs(src)
	if err != nil {
		return "", err
	}
	info, err := os.Stat(abs)
	if err != nil {
		return "", plainFSError(err)
	}
	if info.IsDir() {
		return "", errors.New("is a directory")
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String(), nil
}

// loadAndRead navigates the tab to target, waits for the network to settle
// and reads the DOM, the final URL and the main document's response.
func loadAndRead(ctx context.Context, target string, opts RenderOptions) (*Rendered, error) {
	tracker := &netTracker{inflight: map[network.RequestID]bool{}, last: time.Now()}
	if err := chromedp.Listen(ctx, tracker.observe); err != nil {
		return nil, err
	}
	tracker.setMainFrame(cdp.FrameID(chromedp.FromContext(ctx).Target.TargetID))
	if err := chromedp.Do(ctx, chromedp.Navigate(target)); err != nil {
		return nil, err
	}
	fetchedAt := opts.Now()
	if err := tracker.waitIdle(ctx, opts.IdleTime, opts.IdleTimeout); err != nil {
		return nil, err
	}
	main := tracker.mainDocument()
	if err := checkRendered(main); err != nil {
		return nil, err
	}
	html, err := chromedp.Run(ctx, outerHTML())
	if err != nil {
		return nil, err
	}
	if int64(len(html)) > opts.MaxBytes {
		return nil, tooLarge(opts.MaxBytes)
	}
	finalURL, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return nil, err
	}
	in, err := newInput([]byte(html), RenderedContentType)
	if err != nil {
		return nil, err
	}
	in.FinalURL, in.FetchedAt = finalURL, fetchedAt
	r := &Rendered{Input: in}
	if main.response != nil {
		in.Status = int(main.response.Status)
		r.Header = httpHeader(main.response.Headers)
		r.RawContentType = r.Header.Get("Content-Type")
		r.Raw = rawBody(ctx, main, opts.MaxBytes)
	}
	return r, nil
}

// checkRendered refuses a main document that is an HTTP error or binary,
// as a plain fetch would.
func checkRendered(main mainDoc) error {
	if main.failure != "" {
		return &chromedp.LoadError{ErrorText: main.failure}
	}
	if main.response == nil {
		return nil
	}
	if code := int(main.response.Status); code != 0 && (code < 200 || code > 299) {
		return &StatusError{Code: code}
	}
	switch mt := strings.ToLower(main.response.MimeType); {
	case isPDFType(mt):
		return errors.New("is a PDF, which --render cannot show; audit it without --render")
	case isBinaryType(mt):
		return binary(mt)
	}
	return nil
}

// outerHTML reads the whole document, doctype included.
func outerHTML() chromedp.Action[string] {
	return func(ctx context.Context, t *chromedp.Target) (string, error) {
		doc, err := cdp.Call(ctx, t, dom.GetDocument, dom.GetDocumentParams{})
		if err != nil {
			return "", err
		}
		res, err := cdp.Call(ctx, t, dom.GetOuterHTML, dom.GetOuterHTMLParams{NodeID: doc.Root.NodeID})
		return res.OuterHTML, err
	}
}

// rawBody asks Chromium for the main document's body. Chromium hands a text
// body over decoded to UTF-8, so only a base64 body, or a UTF-8 one, is the
// server's bytes; anything else gives nil.
func rawBody(ctx context.Context, main mainDoc, maxBytes int64) []byte {
	res, err := chromedp.Call(ctx, network.GetResponseBody, network.GetResponseBodyParams{RequestID: main.requestID})
	if err != nil || int64(len(res.Body)) > maxBytes {
		return nil
	}
	if !res.Base64encoded && !isUTF8Charset(main.response) {
		return nil
	}
	return res.Body
}

// isUTF8Charset reports whether a response's text is UTF-8 (or ASCII), so
// that Chromium's decoded text is the same bytes as the body.
func isUTF8Charset(resp *network.Response) bool {
	cs := strings.ToLower(resp.Charset)
	if cs == "" {
		_, params, _ := mime.ParseMediaType(httpHeader(resp.Headers).Get("Content-Type"))
		cs = strings.ToLower(params["charset"])
	}
	return cs == "utf-8" || cs == "utf8" || cs == "us-ascii"
}

// httpHeader converts CDP headers; Chromium joins repeated headers with "\n".
func httpHeader(h network.Headers) http.Header {
	out := http.Header{}
	for name, v := range h {
		s, ok := v.(string)
		if !ok {
			continue
		}
		for _, value := range strings.Split(s, "\n") {
			out.Add(name, value)
		}
	}
	return out
}

// plainRenderError words chromedp's errors for a user: our own deadline
// reads as a timeout, a failed load names Chromium's reason.
func plainRenderError(parent context.Context, err error, timeout time.Duration) error {
	if parent.Err() != nil {
		return parent.Err()
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		msg := "rendering timed out after " + timeout.String()
		return &plainError{msg: msg, kind: context.DeadlineExceeded}
	}
	var loadErr *chromedp.LoadError
	if errors.As(err, &loadErr) {
		return fmt.Errorf("Chromium could not load the page: %s", loadErr.ErrorText)
	}
	return err
}

// mainDoc is what the tracker saw of the main frame's document request.
type mainDoc struct {
	requestID network.RequestID
	response  *network.Response
	failure   string // Chromium's error text if the request failed
}

// netTracker counts the requests in flight, remembers when the network was
// last active, and keeps the main frame's latest document response. Its
// observe method runs on chromedp's reader goroutine, so it only records.
type netTracker struct {
	mu        sync.Mutex
	inflight  map[network.RequestID]bool
	last      time.Time
	mainFrame cdp.FrameID
	main      mainDoc
}

func (t *netTracker) setMainFrame(id cdp.FrameID) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.mainFrame = id
}

func (t *netTracker) observe(ev any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		t.inflight[ev.RequestID] = true
		if ev.Type == network.ResourceTypeDocument && ev.FrameID == t.mainFrame {
			t.main = mainDoc{requestID: ev.RequestID}
		}
	case *network.EventResponseReceived:
		if ev.RequestID == t.main.requestID {
			t.main.response = ev.Response
		}
	case *network.EventLoadingFinished:
		delete(t.inflight, ev.RequestID)
	case *network.EventLoadingFailed:
		delete(t.inflight, ev.RequestID)
		if ev.RequestID == t.main.requestID && !ev.Canceled {
			t.main.failure = ev.ErrorText
		}
	default:
		return
	}
	t.last = time.Now()
}

func (t *netTracker) mainDocument() mainDoc {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.main
}

// quietFor reports whether no request has been in flight for d.
func (t *netTracker) quietFor(d time.Duration) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.inflight) == 0 && time.Since(t.last) >= d
}

// waitIdle returns once the network has been quiet for idle, or once limit
// has passed (the page is then read as it is), or when ctx ends.
func (t *netTracker) waitIdle(ctx context.Context, idle, limit time.Duration) error {
	giveUp := time.NewTimer(limit)
	defer giveUp.Stop()
	tick := time.NewTicker(max(idle/10, 10*time.Millisecond))
	defer tick.Stop()
	for !t.quietFor(idle) {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-giveUp.C:
			return nil
		case <-tick.C:
		}
	}
	return nil
}

// FromBytes makes an Input from bytes read elsewhere — a rendered DOM, a
// saved snapshot — decoding them as Read would bytes served with that
// content type. SHA256 is the digest of raw.
func FromBytes(src string, raw []byte, contentType string) (*Input, error) {
	in, err := newInput(raw, contentType)
	if err != nil {
		return nil, &Error{Source: src, Err: err}
	}
	in.Source = src
	return in, nil
}
