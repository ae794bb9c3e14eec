package audit

import "testing"

func finding(rule, category, severity string, clause int) Finding {
	return Finding{Rule: rule, Category: category, Severity: severity, clause: clause}
}

func TestScore(t *testing.T) {
	tests := []struct {
		name      string
		reward    bool
		findings  []Finding
		signals   []Signal
		wantScore int
		wantGrade string
		wantRisk  int
	}{
		{name: "nothing found", wantScore: 100, wantGrade: "A"},
		{
			name:      "one medium finding",
			findings:  []Finding{finding("cap", "liability", "medium", 0)},
			wantScore: 96, wantGrade: "A", wantRisk: 4,
		},
		{
			name:      "a signal offsets a medium finding, never more",
			findings:  []Finding{finding("cap", "liability", "medium", 0)},
			signals:   []Signal{{Rule: "dpo", Category: "user-rights", Bonus: 10}},
			wantScore: 100, wantGrade: "A", wantRisk: 4,
		},
		{
			name:      "one high finding caps at B",
			findings:  []Finding{finding("change", "unilateral-change", "high", 0)},
			wantScore: 84, wantGrade: "B", wantRisk: 10,
		},
		{
			name:      "a signal does not offset a high finding",
			findings:  []Finding{finding("change", "unilateral-change", "high", 0), finding("x", "liability", "high", 1)},
			signals:   []Signal{{Rule: "notice", Category: "unilateral-change", Bonus: 2}},
			wantScore: 80, wantGrade: "B", wantRisk: 20,
		},
		{
			name:      "one critical finding caps at D",
			findings:  []Finding{finding("sale", "data-sharing", "critical", 0)},
			wantScore: 54, wantGrade: "D", wantRisk: 30,
		},
		{
			name:      "two distinct critical rules cap at E",
			findings:  []Finding{finding("sale", "data-sharing", "critical", 0), finding("bio", "sensitive-data", "critical", 3)},
			wantScore: 39, wantGrade: "E", wantRisk: 60,
		},
		{
			name: "a blocker combination counts in full and caps at E",
			findings: []Finding{
				finding("pub", "image-rights", "high", 0),
				{Rule: "combo", Category: "image-rights", Severity: "critical", Compound: []string{"pub"}, blocker: true},
			},
			wantScore: 39, wantGrade: "E", wantRisk: 40,
		},
		{
			name: "a combination that is no blocker counts half",
			findings: []Finding{
				finding("a", "unilateral-change", "medium", 0),
				{Rule: "combo", Category: "unilateral-change", Severity: "medium", Compound: []string{"a"}},
			},
			wantScore: 94, wantGrade: "A", wantRisk: 6,
		},
		{
			name:      "repeats of one rule add 10% each, up to 30%",
			findings:  []Finding{finding("r", "termination", "medium", 0), finding("r", "termination", "medium", 1), finding("r", "termination", "medium", 2), finding("r", "termination", "medium", 3), finding("r", "termination", "medium", 4)},
			wantScore: 95, wantGrade: "A", wantRisk: 5,
		},
		{
			name:      "several rules on one clause count each, damped by category group",
			findings:  []Finding{finding("a", "liability", "medium", 0), finding("b", "termination", "low", 0), finding("c", "unilateral-change", "medium", 0)},
			wantScore: 92, wantGrade: "A", wantRisk: 8, // 4 + (4 + 1×0.4)
		},
		{
			name:      "adding a finding never lowers the risk",
			findings:  []Finding{finding("a", "liability", "high", 0), finding("b", "consumer-rights", "high", 0), finding("c", "reward", "high", 0), finding("c", "reward", "high", 1)},
			wantScore: 75, wantGrade: "B", wantRisk: 25, // liability group 10 + 10×0.4, reward 10×1.1
		},
		{
			name:      "category damping: the second rule of a category counts 40%",
			findings:  []Finding{finding("a", "liability", "medium", 0), finding("b", "liability", "medium", 1)},
			wantScore: 94, wantGrade: "A", wantRisk: 6,
		},
		{
			name:      "data grants and image rights are damped together",
			findings:  []Finding{finding("a", "data-grant", "medium", 0), finding("b", "image-rights", "medium", 1)},
			wantScore: 94, wantGrade: "A", wantRisk: 6,
		},
		{
			name:      "reward context weighs consent 1.25x",
			reward:    true,
			findings:  []Finding{finding("bundled", "consent", "medium", 0)},
			wantScore: 95, wantGrade: "A", wantRisk: 5,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := &Report{Reward: tc.reward, Findings: tc.findings, Signals: tc.signals}
			Score(r)
			if r.Score != tc.wantScore || r.Grade != tc.wantGrade || r.RiskPoints != tc.wantRisk {
				t.Errorf("score %d grade %s risk %d; want %d %s %d", r.Score, r.Grade, r.RiskPoints, tc.wantScore, tc.wantGrade, tc.wantRisk)
			}
		})
	}
}

func TestGradeBoundaries(t *testing.T) {
	for score, want := range map[int]string{100: "A", 85: "A", 84: "B", 70: "B", 69: "C", 55: "C", 54: "D", 40: "D", 39: "E", 0: "E"} {
		if got := Grade(score); got != want {
			t.Errorf("Grade(%d) = %s, want %s", score, got, want)
		}
	}
}

// TestScoreMonotone: adding a finding never lowers the risk points, so a
// document cannot improve its grade by having one more problem.
func TestScoreMonotone(t *testing.T) {
	cats := []string{"liability", "consumer-rights", "reward", "termination", "unilateral-change", "data-grant", "image-rights", "consent"}
	sevs := []string{"low", "medium", "high", "critical"}
	seed := uint32(1)
	next := func(n int) int {
		seed = seed*1664525 + 1013904223
		return int(seed>>16) % n
	}
	for trial := 0; trial < 500; trial++ {
		var fs []Finding
		reward := next(2) == 0
		prev := 0.0
		for k := 0; k < 12; k++ {
			c := cats[next(len(cats))]
			fs = append(fs, finding(c+string(rune('a'+next(3))), c, sevs[next(len(sevs))], next(5)))
			r := &Report{Reward: reward, Findings: append([]Finding(nil), fs...)}
			Score(r)
			risk, _ := riskPoints(r.Findings)
			if risk < prev-1e-9 {
				t.Fatalf("trial %d: adding %+v lowered the risk from %.2f to %.2f", trial, fs[len(fs)-1], prev, risk)
			}
			prev = risk
		}
	}
}
