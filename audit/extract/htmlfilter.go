package extract

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// isNoise reports elements whose text is not part of the document a reader
// agrees to: scripts, navigation, page chrome, form controls, consent
// banners and hidden elements.
func isNoise(n *html.Node) bool {
	if n.Namespace != "" { // SVG and MathML
		return true
	}
	switch n.DataAtom {
	case atom.Head, atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe,
		atom.Object, atom.Embed, atom.Canvas, atom.Audio, atom.Video, atom.Map,
		atom.Nav, atom.Button, atom.Select, atom.Option, atom.Datalist, atom.Input, atom.Textarea:
		return true
	case atom.Header, atom.Footer:
		// Page chrome; but an article's own header holds its title.
		return !inSectioningContent(n)
	case atom.Dialog:
		return !hasAttr(n, "open")
	}
	return isHidden(n) || isConsentBanner(n)
}

func inSectioningContent(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		switch p.DataAtom {
		case atom.Article, atom.Main, atom.Section, atom.Aside:
			return true
		}
	}
	return false
}

// isHidden reports elements a browser would not show.
func isHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if strings.EqualFold(strings.TrimSpace(a.Val), "true") {
				return true
			}
		case "role":
			if strings.EqualFold(strings.TrimSpace(a.Val), "navigation") {
				return true
			}
		case "style":
			if hidesByStyle(a.Val) {
				return true
			}
		}
	}
	return false
}

// hidesByStyle reports inline styles such as "display: none" or
// "visibility:hidden".
func hidesByStyle(style string) bool {
	s := strings.ToLower(strings.Join(strings.Fields(style), ""))
	return strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden")
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// consentVendors are id/class fragments of consent-management platforms.
var consentVendors = [...]string{
	"onetrust", "optanon", "cookiebot", "didomi", "cc-window", "cc-banner", "cookiebar",
	"gdpr-banner", "gdpr-consent", "consent-banner", "consent-manager", "cookieconsent",
	"usercentrics", "trustarc", "truste-consent", "qc-cmp", "axeptio", "tarteaucitron",
	"cmp-banner", "cmp-container", "sp-message-container", "osano", "iubenda-cs", "klaro",
	"termly-consent", "borlabs-cookie", "cookie-law",
}

// cookieWidgets follow "cookie" in the id or class of a banner
// ("cookie-banner", "cookie_notice"); "cookie-policy" or id="cookies"
// name a section of a privacy policy and are kept.
var cookieWidgets = [...]string{
	"banner", "consent", "notice", "bar", "popup", "pop-up", "modal", "dialog", "alert",
	"overlay", "wall", "message", "disclaimer", "layer", "prompt",
}

// isConsentBanner reports cookie and consent banners by id and class. The
// page's own containers are never banners, whatever their class says.
func isConsentBanner(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main, atom.Article:
		return false
	}
	for _, a := range n.Attr {
		if a.Key != "id" && a.Key != "class" {
			continue
		}
		if consent, ok := asciiConsentNames(a.Val); ok {
			if consent {
				return true
			}
			continue
		}
		for _, name := range strings.Fields(strings.ToLower(a.Val)) {
			if isConsentName(strings.ReplaceAll(name, "_", "-")) {
				return true
			}
		}
	}
	return false
}

// asciiConsentNames is the loop of isConsentBanner over one attribute value
// without allocating, for short ASCII values; ok is false for others.
func asciiConsentNames(val string) (consent, ok bool) {
	var buf [128]byte
	if len(val) > len(buf) {
		return false, false
	}
	for i := 0; i < len(val); i++ {
		c := val[i]
		switch {
		case c >= utf8.RuneSelf:
			return false, false
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == '_':
			c = '-'
		}
		buf[i] = c
	}
	s := buf[:len(val)]
	for i := 0; i < len(s); {
		for i < len(s) && isASCIISpace(s[i]) {
			i++
		}
		j := i
		for j < len(s) && !isASCIISpace(s[j]) {
			j++
		}
		if j > i && isConsentName(string(s[i:j])) { // no allocation: not kept
			return true, true
		}
		i = j
	}
	return false, true
}

// isASCIISpace is unicode.IsSpace for ASCII bytes.
func isASCIISpace(c byte) bool {
	return c == ' ' || '\t' <= c && c <= '\r'
}

// vendorsByFirstByte lists consentVendors by their first byte.
var vendorsByFirstByte = func() (m [256][]string) {
	for _, v := range consentVendors {
		m[v[0]] = append(m[v[0]], v)
	}
	return m
}()

func isConsentName(name string) bool {
	// Does name contain one of consentVendors?
	for p := 0; p < len(name); p++ {
		for _, v := range vendorsByFirstByte[name[p]] {
			if strings.HasPrefix(name[p:], v) {
				return true
			}
		}
	}
	i := strings.Index(name, "cookie")
	if i < 0 || strings.Contains(name, "policy") || strings.Contains(name, "table") || strings.Contains(name, "list") {
		return false
	}
	rest := name[i+len("cookie"):]
	for _, w := range cookieWidgets {
		if strings.Contains(rest, w) {
			return true
		}
	}
	return false
}

func headingLevel(n *html.Node) int {
	switch n.DataAtom {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// isBlockElement reports elements that start and end a block of text;
// everything else (span, a, em, b…) flows inside the current block.
func isBlockElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Li, atom.Td, atom.Th, atom.Dd, atom.Dt, atom.Blockquote, atom.Pre,
		atom.Div, atom.Section, atom.Article, atom.Main, atom.Aside, atom.Ul, atom.Ol, atom.Dl,
		atom.Table, atom.Tr, atom.Thead, atom.Tbody, atom.Tfoot, atom.Caption, atom.Figure,
		atom.Figcaption, atom.Address, atom.Details, atom.Summary, atom.Hr, atom.Body,
		atom.Html, atom.Fieldset, atom.Legend, atom.Center, atom.Dialog, atom.Menu,
		atom.Header, atom.Footer, atom.Form, atom.Listing, atom.Label:
		return true
	}
	return false
}
