package extract

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/rules"
)

var updatePDF = flag.Bool("update-pdf", false, "rewrite the PDF fixtures in testdata/pdf")

// The PDF fixtures are written by the small PDF writer below, so that what
// they hold is readable here; TestPDFFixturesUpToDate keeps the files in
// testdata/pdf identical to what the writer makes (-update-pdf rewrites
// them).

// referralEN is a two-page English referral offer: a title, numbered bold
// headings, a list, a word hyphenated across lines, a sentence running onto
// page 2, and a running header and footer on both pages. Lines: "=" title,
// "#" heading, "" paragraph space, "\f" new page; others are body lines.
var referralEN = []string{
	"=Refer a Friend: Cash Reward Terms",
	"",
	`These terms govern the ShopCo Refer a Friend programme (the "Program") run by ShopCo Ltd`,
	`("Sponsor"). By taking part, you agree to them.`,
	"",
	"#1. Eligibility",
	"- You must be 18 years or older and resident in the United Kingdom or France.",
	"- Employees of ShopCo Ltd. and their families are not eligible.",
	"",
	"#2. How the Program works",
	"Each Member receives a personal referral link. When a friend opens an account through that",
	"link and spends at least £20 within 30 days, the Member earns a £10 cash reward. Rewards",
	"are paid into the Member's ShopCo wallet; inter-",
	"national transfers of rewards are not available. Sponsor may cancel a reward it suspects",
	"was obtained by fraud, and its decision",
	"\f",
	"is final.",
	"",
	"#7. Publicity",
	"Except where prohibited by law, participation in the Program constitutes a Member's consent",
	"for Sponsor to use and publish such Member's photo, name likeness, voice for promotional",
	"purposes in any media worldwide, in perpetuity without further review, notification,",
	"payment, or consideration.",
	"",
	"#8. Changes",
	"Sponsor may change or end the Program at any time without notice. Continued participation",
	"means acceptance of the changed terms.",
}

// parrainageFR is a two-page French offer set in Courier, one text object
// per word (no space characters: spaces come from the gaps), with keyword
// headings in body type and a footer numbering the pages "1/2".
var parrainageFR = []string{
	"=CONDITIONS GÉNÉRALES DU PROGRAMME DE PARRAINAGE",
	"",
	"ARTICLE 1 – OBJET",
	"Les présentes conditions régissent le programme de parrainage proposé par la",
	"société Acme SAS (ci-après « l'Organisateur »).",
	"",
	"Article 2 : Participation",
	"La participation au programme emporte consentement du Membre à l'utilisation",
	"et à la publication de son nom, de son image et de sa voix à des fins",
	"promotionnelles, dans le monde entier et pour une durée illimitée, sans",
	"contrepartie.",
	"\f",
	"Article 3 : Données personnelles",
	"Les données des filleuls sont conservées sans limitation de durée et peuvent",
	"être partagées avec nos partenaires commerciaux.",
	"",
	"Article 4 : Modification",
	"L'Organisateur peut modifier les présentes conditions à tout moment, sans préavis.",
}

// testDoc describes a PDF for the writer.
type testDoc struct {
	lines    []string
	header   string                       // running header on every page
	footer   func(page, pages int) string // running footer
	courier  bool                         // Courier with widths, one text object per word
	compress bool                         // FlateDecode content streams
	title    string                       // document information title
}

// textRun is a string drawn at a point in a font.
type textRun struct {
	font       string
	size, x, y float64
	text       string
}

func (d testDoc) pages() [][]textRun {
	pageTexts := [][]string{{}}
	for _, l := range d.lines {
		if l == "\f" {
			pageTexts = append(pageTexts, nil)
			continue
		}
		pageTexts[len(pageTexts)-1] = append(pageTexts[len(pageTexts)-1], l)
	}
	var pages [][]textRun
	for p, lines := range pageTexts {
		var runs []textRun
		if d.header != "" {
			runs = append(runs, d.runs("F1", 8, 800, d.header)...)
		}
		y := 760.0
		for _, l := range lines {
			switch {
			case l == "":
				y -= 8
			case l[0] == '=':
				runs = append(runs, d.runs(d.font(true), 16, y, l[1:])...)
				y -= 24
			case l[0] == '#':
				runs = append(runs, d.runs(d.font(true), 11, y, l[1:])...)
				y -= 15
			default:
				runs = append(runs, d.runs(d.font(false), 10, y, l)...)
				y -= 13
			}
		}
		if d.footer != nil {
			runs = append(runs, d.runs("F1", 8, 40, d.footer(p+1, len(pageTexts)))...)
		}
		pages = append(pages, runs)
	}
	return pages
}

func (d testDoc) font(bold bool) string {
	switch {
	case d.courier && bold:
		return "F4"
	case d.courier:
		return "F3"
	case bold:
		return "F2"
	}
	return "F1"
}

// runs sets a line at the left margin: one run, or one per word in Courier,
// whose glyphs are all 0.6 font sizes wide.
func (d testDoc) runs(font string, size, y float64, line string) []textRun {
	if !d.courier || (font != "F3" && font != "F4") {
		return []textRun{{font, size, 72, y, line}}
	}
	var runs []textRun
	x := 72.0
	for _, w := range strings.Fields(line) {
		runs = append(runs, textRun{font, size, x, y, w})
		x += float64(utf8.RuneCountInString(w)+1) * 0.6 * size
	}
	return runs
}

func (d testDoc) bytes() []byte {
	w := &pdfWriter{}
	pages := d.pages()
	w.add("<< /Type /Catalog /Pages 2 0 R >>")
	kids := make([]string, len(pages))
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 9+2*i)
	}
	w.add(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)))
	w.add(fmt.Sprintf("<< /Title %s /Producer (fineprint tests) >>", pdfString(d.title)))
	widths := strings.TrimSpace(strings.Repeat("600 ", 224))
	w.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	w.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
	w.add("<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [" + widths + "] >>")
	w.add("<< /Type /Font /Subtype /Type1 /BaseFont /Courier-Bold /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [" + widths + "] >>")
	w.add("<< /ProcSet [/PDF /Text] /Font << /F1 4 0 R /F2 5 0 R /F3 6 0 R /F4 7 0 R >> >>") // 8

	for i, runs := range pages {
		w.add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Resources 8 0 R /Contents %d 0 R >>", 10+2*i))
		w.addStream(content(runs), d.compress)
	}
	return w.finish(" /Info 3 0 R")
}

func content(runs []textRun) string {
	var b strings.Builder
	for _, r := range runs {
		fmt.Fprintf(&b, "BT /%s %g Tf %g %g Td %s Tj ET\n", r.font, r.size, r.x, r.y, pdfString(r.text))
	}
	return b.String()
}

// pdfString is s in WinAnsiEncoding as a PDF literal string.
func pdfString(s string) string {
	enc, err := charmap.Windows1252.NewEncoder().String(s)
	if err != nil {
		panic(err)
	}
	r := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`)
	return "(" + r.Replace(enc) + ")"
}

// pdfWriter writes numbered objects, a cross-reference table and a trailer.
type pdfWriter struct{ objs []string }

func (w *pdfWriter) add(obj string) { w.objs = append(w.objs, obj) }

func (w *pdfWriter) addStream(data string, compress bool) {
	filter := ""
	if compress {
		var b bytes.Buffer
		zw := zlib.NewWriter(&b)
		zw.Write([]byte(data))
		zw.Close()
		data, filter = b.String(), " /Filter /FlateDecode"
	}
	w.add(fmt.Sprintf("<< /Length %d%s >>\nstream\n%s\nendstream", len(data), filter, data))
}

func (w *pdfWriter) finish(trailer string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(w.objs))
	for i, o := range w.objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(w.objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(w.objs)+1, trailer, xref)
	return b.Bytes()
}

// onePage writes a PDF with one page whose content and resources are given,
// plus extra objects (numbered from 5) and trailer entries.
func onePage(contentStream, resources, trailer string, extra ...string) []byte {
	w := &pdfWriter{}
	w.add("<< /Type /Catalog /Pages 2 0 R >>")
	w.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	w.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Resources " + resources + " /Contents 4 0 R >>")
	w.addStream(contentStream, false)
	for _, e := range extra {
		w.add(e)
	}
	return w.finish(trailer)
}

const helvetica = "<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >> >> >>"

// pdfFixtures are the files in testdata/pdf and how they are made.
func pdfFixtures() map[string][]byte {
	pageOf := func(page, pages int) string { return fmt.Sprintf("Page %d of %d", page, pages) }
	slash := func(page, pages int) string { return fmt.Sprintf("%d/%d", page, pages) }
	return map[string][]byte{
		"referral_en.pdf": testDoc{lines: referralEN, header: "ShopCo Ltd - Refer a Friend Programme", footer: pageOf,
			compress: true, title: "Microsoft Word - refer-a-friend-v3.docx"}.bytes(),
		"parrainage_fr.pdf": testDoc{lines: parrainageFR, header: "Acme SAS – Programme de parrainage", footer: slash,
			courier: true}.bytes(),
		"scanned.pdf": onePage("q 200 0 0 100 72 600 cm /Im1 Do Q\n", "<< /XObject << /Im1 5 0 R >> >>", "",
			"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream"),
		"encrypted.pdf": onePage("BT /F1 10 Tf 72 700 Td (Secret terms.) Tj ET\n", helvetica,
			" /Encrypt 5 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]",
			"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <"+strings.Repeat("ab", 32)+"> /U <"+strings.Repeat("cd", 32)+"> >>"),
	}
}

func TestPDFFixturesUpToDate(t *testing.T) {
	for name, data := range pdfFixtures() {
		path := filepath.Join("testdata", "pdf", name)
		if *updatePDF {
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s is not what the test writer makes (run go test -run TestPDFFixturesUpToDate -update-pdf): %v", path, err)
		}
	}
}

func readPDFFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "pdf", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// wantPDFClause is a clause and where a reader finds it on the page.
type wantPDFClause struct {
	text       string
	page, line int
	endLine    int
	section    string
}

func checkPDFClause(t *testing.T, clauses []audit.Clause, w wantPDFClause) {
	t.Helper()
	for _, c := range clauses {
		if c.Text != w.text {
			continue
		}
		if c.Page != w.page || c.Line != w.line || c.EndLine != w.endLine {
			t.Errorf("%q: page %d lines %d–%d, want page %d lines %d–%d", w.text, c.Page, c.Line, c.EndLine, w.page, w.line, w.endLine)
		}
		if c.SectionTitle() != w.section {
			t.Errorf("%q: section %q, want %q", w.text, c.SectionTitle(), w.section)
		}
		return
	}
	t.Errorf("no clause %q; got:\n%s", w.text, dump(clauses))
}

func TestExtractPDFReferral(t *testing.T) {
	clauses, title, err := Extract(readPDFFixture(t, "referral_en.pdf"), audit.FormatPDF)
	if err != nil {
		t.Fatal(err)
	}
	checkPDFInvariants(t, clauses)
	if title != "Refer a Friend: Cash Reward Terms" {
		t.Errorf("title = %q", title)
	}
	// Page lines count from the top of the page, running header included.
	for _, w := range []wantPDFClause{
		{`These terms govern the ShopCo Refer a Friend programme (the "Program") run by ShopCo Ltd ("Sponsor").`,
			1, 3, 4, "Refer a Friend: Cash Reward Terms"},
		{"You must be 18 years or older and resident in the United Kingdom or France.", 1, 6, 6, "1. Eligibility"},
		{"Employees of ShopCo Ltd. and their families are not eligible.", 1, 7, 7, "1. Eligibility"},
		{"Rewards are paid into the Member's ShopCo wallet; international transfers of rewards are not available.",
			1, 10, 12, "2. How the Program works"},
		{"Sponsor may cancel a reward it suspects was obtained by fraud, and its decision is final.",
			1, 12, 13, "2. How the Program works"},
		{"Except where prohibited by law, participation in the Program constitutes a Member's consent for Sponsor " +
			"to use and publish such Member's photo, name likeness, voice for promotional purposes in any media " +
			"worldwide, in perpetuity without further review, notification, payment, or consideration.",
			2, 4, 7, "7. Publicity"},
		{"Sponsor may change or end the Program at any time without notice.", 2, 9, 9, "8. Changes"},
	} {
		checkPDFClause(t, clauses, w)
	}
	for _, c := range clauses {
		if strings.Contains(c.Text, "Refer a Friend Programme") || strings.Contains(c.Text, "Page ") {
			t.Errorf("running header or footer kept in %q (page %d)", c.Text, c.Page)
		}
	}
}

func TestExtractPDFFrench(t *testing.T) {
	clauses, title, err := Extract(readPDFFixture(t, "parrainage_fr.pdf"), audit.FormatPDF)
	if err != nil {
		t.Fatal(err)
	}
	checkPDFInvariants(t, clauses)
	if title != "CONDITIONS GÉNÉRALES DU PROGRAMME DE PARRAINAGE" {
		t.Errorf("title = %q", title)
	}
	for _, w := range []wantPDFClause{
		{"Les présentes conditions régissent le programme de parrainage proposé par la société Acme SAS " +
			"(ci-après « l'Organisateur »).", 1, 4, 5, "ARTICLE 1 – OBJET"},
		{"La participation au programme emporte consentement du Membre à l'utilisation et à la publication de " +
			"son nom, de son image et de sa voix à des fins promotionnelles, dans le monde entier et pour une " +
			"durée illimitée, sans contrepartie.", 1, 7, 10, "Article 2 : Participation"},
		{"Les données des filleuls sont conservées sans limitation de durée et peuvent être partagées avec nos " +
			"partenaires commerciaux.", 2, 3, 4, "Article 3 : Données personnelles"},
		{"L'Organisateur peut modifier les présentes conditions à tout moment, sans préavis.", 2, 6, 6,
			"Article 4 : Modification"},
	} {
		checkPDFClause(t, clauses, w)
	}
	for _, c := range clauses {
		if strings.Contains(c.Text, "Programme de parrainage") || strings.Contains(c.Text, "/2") {
			t.Errorf("running header or footer kept in %q (page %d)", c.Text, c.Page)
		}
	}
}

// TestAuditPDFReferral: the lifetime-likeness-for-a-reward terms grade E
// when they come as a PDF too, and the finding says on which page.
func TestAuditPDFReferral(t *testing.T) {
	data := readPDFFixture(t, "referral_en.pdf")
	clauses, title, err := Extract(data, Sniff("referral_en.pdf", "", data))
	if err != nil {
		t.Fatal(err)
	}
	p, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	set, err := rules.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	doc := &audit.Document{Source: "referral_en.pdf", Format: audit.FormatPDF, Title: title, Clauses: clauses}
	r := audit.Audit(context.Background(), doc, set, audit.Options{})
	if r.Grade != "E" {
		t.Errorf("grade %s (score %d), want E", r.Grade, r.Score)
	}
	for _, f := range r.Findings {
		if f.Category == "image-rights" && f.Location.Page == 2 && f.Location.Section == "7. Publicity" {
			return
		}
	}
	t.Errorf("no image-rights finding on page 2 under 7. Publicity: %+v", r.Findings)
}

func TestSniffPDF(t *testing.T) {
	for _, tc := range []struct{ name, contentType, data string }{
		{"terms.PDF", "", ""},
		{"https://example.com/terms.pdf?v=3", "text/html", "<html>"},
		{"https://example.com/terms", "application/pdf", ""},
		{"https://example.com/terms", "application/x-pdf", ""},
		{"-", "", "%PDF-1.7\n"},
	} {
		if got := Sniff(tc.name, tc.contentType, []byte(tc.data)); got != audit.FormatPDF {
			t.Errorf("Sniff(%q, %q, %q) = %q, want pdf", tc.name, tc.contentType, tc.data, got)
		}
	}
}

// TestExtractPDFUnreadable: each PDF that cannot be audited says why.
func TestExtractPDFUnreadable(t *testing.T) {
	referral := readPDFFixture(t, "referral_en.pdf")
	for _, tc := range []struct {
		name string
		data []byte
		want error
		msg  string
	}{
		{"scanned", readPDFFixture(t, "scanned.pdf"), ErrScannedPDF, "scanned PDF with no text layer: OCR it first"},
		{"encrypted", readPDFFixture(t, "encrypted.pdf"), ErrEncryptedPDF, "encrypted PDF: it needs a password"},
		{"empty", nil, ErrInvalidPDF, "not a valid PDF: "},
		{"header only", []byte("%PDF-1.4\n%%EOF\n"), ErrInvalidPDF, "not a valid PDF: "},
		{"truncated", referral[:len(referral)/2], ErrInvalidPDF, "not a valid PDF: "},
		{"garbage", append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("\x00\xff obj << >> stream"), 50)...), ErrInvalidPDF, "not a valid PDF: "},
		{"html", []byte("<html><p>Terms.</p></html>"), ErrInvalidPDF, "not a valid PDF: "},
		{"page tree loop", selfParentPDF(), ErrInvalidPDF, "not a valid PDF: its page tree is too large or loops"},
		{"broken content", onePage("BT /F1 10 Tf 72 700 Td (Terms.) Tj ET Q Q\n", helvetica, ""), ErrInvalidPDF, "not a valid PDF: page 1: "},
		{"no unicode map", onePage("BT /F1 10 Tf 72 700 Td <002400460047004800490050> Tj ET\n",
			"<< /Font << /F1 << /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H >> >> >>", ""),
			ErrInvalidPDF, "not a valid PDF: its text cannot be decoded"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clauses, _, err := Extract(tc.data, audit.FormatPDF)
			if !errors.Is(err, tc.want) || !strings.HasPrefix(err.Error(), tc.msg) {
				t.Fatalf("err = %v, want %q… (%d clauses)", err, tc.msg, len(clauses))
			}
		})
	}
}

// selfParentPDF has a page tree node that lists itself among its kids.
func selfParentPDF() []byte {
	w := &pdfWriter{}
	w.add("<< /Type /Catalog /Pages 2 0 R >>")
	w.add("<< /Type /Pages /Kids [2 0 R 2 0 R] /Count 1 >>")
	return w.finish("")
}

// TestExtractPDFVersionTwoAndPrefix: a PDF 2.0 header and bytes before the
// header or after the end marker do not stop the text being read.
func TestExtractPDFVersionTwoAndPrefix(t *testing.T) {
	doc := onePage("BT /F1 10 Tf 72 700 Td (You agree to these terms.) Tj ET\n", helvetica, "")
	v2 := append([]byte("%PDF-2.0"), doc[8:]...)
	for name, data := range map[string][]byte{"2.0": v2, "trailing": append(bytes.Clone(doc), "\x00\x00\r\n"...)} {
		clauses, _, err := Extract(data, audit.FormatPDF)
		if err != nil || len(clauses) != 1 || clauses[0].Text != "You agree to these terms." {
			t.Errorf("%s: %v %v", name, err, clauses)
		}
	}
}

// checkPDFInvariants holds for the clauses of every PDF, fuzzed ones too.
func checkPDFInvariants(t *testing.T, clauses []audit.Clause) {
	t.Helper()
	lastOffset, lastBlock := 0, 0
	for _, c := range clauses {
		switch {
		case c.Text == "" || c.Text != strings.TrimSpace(c.Text) || strings.Contains(c.Text, "  "):
			t.Fatalf("clause text not folded and trimmed: %q", c.Text)
		case !utf8.ValidString(c.Text):
			t.Fatalf("clause text is not valid UTF-8: %q", c.Text)
		case !hasLetter(c.Text):
			t.Fatalf("clause without a letter: %q", c.Text)
		case c.Page < 1 || c.Line < 1 || c.EndLine < c.Line || c.Column < 1:
			t.Fatalf("clause %q at page %d lines %d–%d col %d", c.Text, c.Page, c.Line, c.EndLine, c.Column)
		case c.Offset < lastOffset:
			t.Fatalf("clause %q at offset %d, after one at %d", c.Text, c.Offset, lastOffset)
		case c.Block < lastBlock || c.Block > lastBlock+1:
			t.Fatalf("clause %q: block %d after block %d", c.Text, c.Block, lastBlock)
		}
		lastOffset, lastBlock = c.Offset, c.Block
	}
}

func FuzzExtractPDF(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "pdf", "*.pdf"))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("%PDF-1.4\n%%EOF"))
	f.Add(selfParentPDF())
	f.Add(onePage("BT /F1 10 Tf 1 0 0 1 72 700 Tm [(inter) -20 (national)] TJ T* (ﬁ-) ' ET\n", helvetica, ""))
	f.Fuzz(func(t *testing.T, data []byte) {
		clauses, _, err := Extract(data, audit.FormatPDF)
		if err != nil {
			return // a refused PDF is fine; a panic or a hang is not
		}
		checkPDFInvariants(t, clauses)
	})
}
