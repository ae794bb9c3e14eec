package audit

// Report is the audit of one document: the JSON contract's `documents`
// entry (schema fineprint/report/v1).
type Report struct {
	Source     string    `json:"source"`
	FinalURL   string    `json:"final_url,omitempty"`
	FetchedAt  string    `json:"fetched_at,omitempty"`
	SHA256     string    `json:"sha256,omitempty"`
	Language   string    `json:"language,omitempty"`
	Kind       string    `json:"kind,omitempty"`
	Score      int       `json:"score"`
	Grade      string    `json:"grade"`
	RiskPoints int       `json:"risk_points"`
	Findings   []Finding `json:"findings"`
	Signals    []Signal  `json:"signals"`
	Error      *string   `json:"error"`

	// Reward is true when the document runs a reward, referral or prize
	// scheme; it raises some severities and weights.
	Reward bool `json:"-"`
	// Clauses is how many clauses were audited.
	Clauses int `json:"-"`
	// Body is the audited clauses in document order, for reports that show
	// the document itself; Finding.ClauseIndex points into it.
	Body []Clause `json:"-"`
	// Title is the document's own title, "" when it has none.
	Title string `json:"-"`
	// Warnings are problems in the source's own suppression comments, as
	// "source:line: message"; they go to standard error, not the report.
	Warnings []string `json:"-"`
}

// Finding is a clause that fired a risk rule (or a combination of them).
type Finding struct {
	Rule        string   `json:"rule"`
	Category    string   `json:"category"`
	Severity    string   `json:"severity"`
	Title       string   `json:"title"`
	Explanation string   `json:"explanation"`
	Legal       []string `json:"legal"`
	Fix         string   `json:"fix"`
	Quote       string   `json:"quote"`
	Match       string   `json:"match"`
	Location    Location `json:"location"`
	Fingerprint string   `json:"fingerprint"`
	// Compound lists, for a combination finding, the rules it combines.
	Compound []string `json:"compound,omitempty"`
	// Whole lists, of Compound, the subjects held by the whole document
	// rather than found in the clause ("subject-minors" in a children's
	// app). Reports print it; it is not part of the JSON report, whose
	// match field says it.
	Whole []string `json:"-"`
	// Suppressed, when set, says why the finding does not count toward the
	// score and the thresholds; it is still reported.
	Suppressed *Suppression `json:"suppressed,omitempty"`
	// Points is the finding's weight before damping (see the README).
	Points float64 `json:"-"`
	// Highlights are the byte spans of Quote that triggered the rule.
	Highlights []Span `json:"-"`
	clause     int
	blocker    bool // a combination that caps the grade at E
}

// ClauseIndex is the position in Report.Body of the clause the finding is
// on (for a combination, the clause of its first part).
func (f Finding) ClauseIndex() int { return f.clause }

// Signal is a clause that shows a good practice.
type Signal struct {
	Rule     string   `json:"rule"`
	Category string   `json:"category"`
	Title    string   `json:"title"`
	Bonus    int      `json:"bonus"`
	Quote    string   `json:"quote"`
	Location Location `json:"location"`
	// Void is set when a serious finding in the same category contradicts
	// the signal; a void signal gives no bonus.
	Void bool `json:"void,omitempty"`
}

// Location says where a clause is in its source.
type Location struct {
	Page    int    `json:"page,omitempty"` // 1-based, for paged formats (PDF)
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	EndLine int    `json:"end_line"`
	Section string `json:"section,omitempty"`
	Offset  int    `json:"offset"`
}

// Span is a byte range of a quote.
type Span struct{ Start, End int }

// Failed returns the report of a source that could not be read.
func Failed(source string, err error) *Report {
	msg := err.Error()
	return &Report{Source: source, Findings: []Finding{}, Signals: []Signal{}, Error: &msg}
}
