package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/rules"
)

// SARIF identifiers: the format's version and the schema the log names.
const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

// RepositoryURL is fineprint's home page: the SARIF driver's
// informationUri, and the base of the links to built-in rules.
const RepositoryURL = "https://github.com/fineprint/fineprint"

// FingerprintKey names the finding fingerprint in SARIF
// partialFingerprints; the suffix versions the fingerprint's recipe.
const FingerprintKey = "fineprint/v1"

// messageQuoteLimit bounds the quote excerpt in a result's message.
const messageQuoteLimit = 200

// securitySeverity is the CVSS-like number GitHub code scanning turns
// back into critical, high, medium and low.
var securitySeverity = map[string]string{"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "2.0"}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	// ColumnKind says how columns count: fineprint's count Unicode code
	// points (an accented letter is one column), the same as UTF-16 code
	// units except after characters outside the Basic Multilingual Plane.
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifHelp      `json:"help"`
	HelpURI              string         `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
	Properties           sarifRuleProps `json:"properties"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Category         string   `json:"category"`
	Severity         string   `json:"severity"`
	SecuritySeverity string   `json:"security-severity"`
	Tags             []string `json:"tags"`
	Compound         bool     `json:"compound,omitempty"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          sarifResultProps   `json:"properties"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification,omitempty"`
}

type sarifResultProps struct {
	Severity string   `json:"severity"`
	Category string   `json:"category"`
	Section  string   `json:"section,omitempty"`
	Page     int      `json:"page,omitempty"`
	Compound []string `json:"compound,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
	Message          *sarifText    `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int        `json:"startLine"`
	StartColumn int        `json:"startColumn,omitempty"`
	EndLine     int        `json:"endLine"`
	Snippet     *sarifText `json:"snippet,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level      string          `json:"level"`
	Message    sarifText       `json:"message"`
	Locations  []sarifLocation `json:"locations"`
	Descriptor sarifReference  `json:"descriptor"`
}

type sarifReference struct {
	ID string `json:"id"`
}

// SARIF writes the reports as one SARIF 2.1.0 log with a single run, as
// GitHub code scanning reads it: every rule that fired described in
// tool.driver.rules (with help text, law, fix and a link), one result per
// finding located by file URI, line and column, and a fingerprint that
// survives line moves. Sources that could not be read become error
// notifications of the run's invocation. set supplies the rules' texts;
// when it is nil, or lacks a rule, the finding's own texts are used.
func SARIF(w io.Writer, reports []*audit.Report, set *rules.Set, tool Tool) error {
	descriptors, index := sarifRules(reports, set, tool)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: cmp.Or(tool.Name, "fineprint"), Version: tool.Version,
			InformationURI: RepositoryURL, Rules: descriptors,
		}},
		Invocations: []sarifInvocation{sarifInvocationOf(reports)},
		ColumnKind:  "unicodeCodePoints",
		Results:     []sarifResult{},
	}
	for _, r := range reports {
		for _, f := range r.Findings {
			run.Results = append(run.Results, sarifResultOf(r.Source, f, index[f.Rule]))
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

// firedRule is a rule as it fired in the run: the first finding of it (for
// its language and texts) and its highest severity.
type firedRule struct {
	lang     string
	first    audit.Finding
	severity rules.Severity
}

// sarifRules describes every rule that fired, sorted by id, and returns
// each rule's index in that list.
func sarifRules(reports []*audit.Report, set *rules.Set, tool Tool) ([]sarifRule, map[string]int) {
	seen := map[string]*firedRule{}
	for _, r := range reports {
		for _, f := range r.Findings {
			sev, _ := rules.ParseSeverity(f.Severity)
			if s, ok := seen[f.Rule]; ok {
				s.severity = max(s.severity, sev)
				continue
			}
			seen[f.Rule] = &firedRule{lang: r.Language, first: f, severity: sev}
		}
	}
	ids := make([]string, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	descriptors := make([]sarifRule, len(ids))
	index := make(map[string]int, len(ids))
	for i, id := range ids {
		var rule *rules.Rule
		if set != nil {
			rule = set.Rule(id)
		}
		descriptors[i] = sarifRuleOf(seen[id], rule, tool)
		index[id] = i
	}
	return descriptors, index
}

func sarifRuleOf(fr *firedRule, rule *rules.Rule, tool Tool) sarifRule {
	f := fr.first
	title, explanation, legal, fix := f.Title, f.Explanation, f.Legal, f.Fix
	compound, helpURI := len(f.Compound) > 0, ""
	if rule != nil {
		title, explanation, fix = rule.Title.In(fr.lang), rule.Explanation.In(fr.lang), rule.Fix.In(fr.lang)
		legal, compound, helpURI = rule.LegalIn(fr.lang), rule.Kind == rules.KindCompound, ruleURL(rule, tool)
	}
	severity := fr.severity.String()
	tags := []string{"security", "legal", f.Category}
	if compound {
		tags = append(tags, "compound")
	}
	return sarifRule{
		ID: f.Rule, Name: ruleName(f.Rule),
		ShortDescription: sarifText{title}, FullDescription: sarifText{explanation},
		Help:                 sarifHelp{Text: helpText(explanation, legal, fix), Markdown: helpMarkdown(explanation, legal, fix)},
		HelpURI:              helpURI,
		DefaultConfiguration: sarifConfig{Level: sarifLevel(severity)},
		Properties: sarifRuleProps{
			Category: f.Category, Severity: severity, SecuritySeverity: securitySeverity[severity],
			Tags: tags, Compound: compound,
		},
	}
}

// ruleName turns a rule id into the PascalCase name SARIF viewers show.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

var releaseTag = regexp.MustCompile(`^v\d+\.\d+\.\d+$`)

// ruleURL links a built-in rule to its YAML definition in the repository,
// at the release's tag when the version is one; rules from the user's own
// packs have no public page.
func ruleURL(rule *rules.Rule, tool Tool) string {
	if !strings.HasPrefix(rule.File, "builtin/") {
		return ""
	}
	ref := "main"
	if releaseTag.MatchString(tool.Version) {
		ref = tool.Version
	}
	u := fmt.Sprintf("%s/blob/%s/rules/%s", RepositoryURL, ref, rule.File)
	if rule.Line > 0 {
		u += fmt.Sprintf("#L%d", rule.Line)
	}
	return u
}

func helpText(explanation string, legal []string, fix string) string {
	parts := []string{explanation}
	if len(legal) > 0 {
		parts = append(parts, "Law: "+strings.Join(legal, "; "))
	}
	return strings.Join(append(parts, "Fix: "+fix), "\n\n")
}

func helpMarkdown(explanation string, legal []string, fix string) string {
	var b strings.Builder
	b.WriteString(mdText(explanation) + "\n\n")
	if len(legal) > 0 {
		b.WriteString("**Law**\n\n")
		for _, l := range legal {
			b.WriteString("- " + mdText(l) + "\n")
		}
		b.WriteString("\n")
	}
	b.WriteString("**Fix:** " + mdInline(fix))
	return b.String()
}

// sarifLevel maps a severity onto SARIF's levels.
func sarifLevel(severity string) string {
	switch severity {
	case "critical", "high":
		return "error"
	case "low":
		return "note"
	default:
		return "warning"
	}
}

func sarifResultOf(source string, f audit.Finding, ruleIndex int) sarifResult {
	return sarifResult{
		RuleID: f.Rule, RuleIndex: ruleIndex, Level: sarifLevel(f.Severity),
		Message:             sarifText{fmt.Sprintf("%s: “%s”", f.Title, excerpt(f, messageQuoteLimit))},
		Locations:           []sarifLocation{sarifLocationOf(source, f.Location, f.Quote)},
		PartialFingerprints: map[string]string{FingerprintKey: f.Fingerprint},
		Suppressions:        sarifSuppressions(f.Suppressed),
		Properties: sarifResultProps{
			Severity: f.Severity, Category: f.Category, Section: f.Location.Section,
			Page: f.Location.Page, Compound: f.Compound,
		},
	}
}

// sarifSuppressions maps a suppression onto SARIF's: a fineprint-ignore
// comment is "inSource"; a configuration waiver or a baseline is
// "external". Either way the suppression is accepted, which GitHub code
// scanning shows as a dismissed alert.
func sarifSuppressions(s *audit.Suppression) []sarifSuppression {
	if s == nil {
		return nil
	}
	kind := "external"
	if s.Kind == audit.SuppressedInSource {
		kind = "inSource"
	}
	return []sarifSuppression{{Kind: kind, Status: "accepted", Justification: s.Justification}}
}

// sarifLocationOf places a clause in its source. Lines of a paged format
// (PDF) count within their page, which SARIF regions cannot say: such a
// location names the file and says the page and line in its message.
func sarifLocationOf(source string, loc audit.Location, quote string) sarifLocation {
	l := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{artifactURI(source)}}}
	if loc.Page > 0 {
		l.Message = &sarifText{fmt.Sprintf("page %d, line %d", loc.Page, loc.Line)}
		return l
	}
	if loc.Line > 0 {
		l.PhysicalLocation.Region = &sarifRegion{
			StartLine: loc.Line, StartColumn: loc.Column, EndLine: max(loc.EndLine, loc.Line),
			Snippet: &sarifText{quote},
		}
	}
	return l
}

// sarifInvocationOf reports the sources that could not be read; the run
// succeeded when there are none.
func sarifInvocationOf(reports []*audit.Report) sarifInvocation {
	inv := sarifInvocation{ExecutionSuccessful: true}
	for _, r := range reports {
		if r.Error == nil {
			continue
		}
		inv.ExecutionSuccessful = false
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
			Level: "error", Message: sarifText{*r.Error}, Descriptor: sarifReference{"source-unreadable"},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{artifactURI(r.Source)}}}},
		})
	}
	return inv
}

// artifactURI turns a source as given into a URI: URLs stay as they are
// (characters a URI cannot hold percent-encoded), absolute paths become
// file URIs, and relative paths relative URIs with forward slashes.
func artifactURI(source string) string {
	if u, err := url.Parse(source); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		return escapeURI(source)
	}
	p := filepath.ToSlash(source)
	if filepath.IsAbs(source) || path.IsAbs(p) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a Windows drive: C:/x → /C:/x
		}
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	return (&url.URL{Path: path.Clean(p)}).String()
}

// escapeURI percent-encodes the bytes RFC 3986 does not allow in a URI.
func escapeURI(s string) string {
	const allowed = "-._~:/?#[]@!$&'()*+,;=%"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(allowed, c) >= 0) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}
