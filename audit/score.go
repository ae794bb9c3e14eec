package audit

import (
	"math"
	"slices"
	"sort"
)

// ScoringVersion names the formula below; it changes whenever the formula
// does, so that a grade can be traced to the rules that produced it.
const ScoringVersion = "2"

// Weights per severity: the penalty of one finding before context and
// damping.
var severityWeight = map[string]float64{"critical": 30, "high": 10, "medium": 4, "low": 1}

// rewardCategories weigh 1.25× in documents with a reward context: there,
// consent and data given up are the price of the reward.
var rewardCategories = map[string]bool{
	"data-grant": true, "image-rights": true, "consent": true, "data-sharing": true, "reward": true,
}

// categoryDamping multiplies the 1st, 2nd, 3rd… rule of one category, so a
// topic counts heavily once and less each time it comes back.
var categoryDamping = []float64{1, 0.4, 0.2, 0.1}

// Other weights of the formula (see the README).
const (
	repeatStep         = 0.1 // each further clause firing the same rule
	repeatMax          = 0.3
	nonBlockerCompound = 0.5 // a combination that only restates its parts
)

// Score caps: any high finding keeps the grade at B or below, any critical
// at D or below, two critical rules or a blocker combination at E.
const (
	capHigh     = 84
	capCritical = 54
	capBlocker  = 39
	maxBonus    = 15
)

// Score computes the report's risk points, score and grade from its
// findings and signals (see the README for the formula, step by step).
// Suppressed findings do not count.
func Score(r *Report) {
	for i := range r.Findings {
		f := &r.Findings[i]
		f.Points = severityWeight[f.Severity]
		if r.Reward && rewardCategories[f.Category] {
			f.Points *= 1.25
		}
	}
	counted := Counted(r.Findings)
	risk, medLow := riskPoints(counted)
	bonus := math.Min(maxBonus, math.Min(float64(validBonus(r.Signals, counted)), medLow))
	score := int(math.Round(100 - risk + bonus))
	score = min(max(score, 0), scoreCap(counted))
	r.RiskPoints = int(math.Round(risk))
	r.Score = score
	r.Grade = Grade(score)
}

// Grade maps a score to a letter: A 85–100, B 70–84, C 55–69, D 40–54, E 0–39.
func Grade(score int) string {
	switch {
	case score >= 85:
		return "A"
	case score >= 70:
		return "B"
	case score >= 55:
		return "C"
	case score >= 40:
		return "D"
	}
	return "E"
}

// riskPoints sums the damped penalties; it also returns the part that came
// from medium and low findings, the only part bonuses may offset.
func riskPoints(fs []Finding) (total, medLow float64) {
	perRule := map[string]float64{}
	count := map[string]int{}
	for _, f := range fs {
		if len(f.Compound) > 0 {
			total += compoundPoints(f)
			continue
		}
		count[f.Rule]++
		perRule[f.Rule] = math.Max(perRule[f.Rule], f.Points)
	}
	byGroup := map[string][]float64{}
	for _, id := range sortedKeys(perRule) {
		p := perRule[id] * (1 + math.Min(repeatMax, repeatStep*float64(count[id]-1)))
		g := dampingGroup(fs, id)
		byGroup[g] = append(byGroup[g], p)
	}
	for _, g := range sortedKeys(byGroup) {
		ps := byGroup[g]
		sort.Sort(sort.Reverse(sort.Float64Slice(ps)))
		for i, p := range ps {
			total += p * categoryDamping[min(i, len(categoryDamping)-1)]
		}
	}
	return total, mediumLowShare(fs, total)
}

// compoundPoints is what a combination adds: in full for a blocker (the
// pattern is worse than its parts), half otherwise.
func compoundPoints(f Finding) float64 {
	if f.blocker {
		return f.Points
	}
	return f.Points * nonBlockerCompound
}

// dampingGroups merge categories that describe one problem in different
// words, so that it is not counted once per rule that words it: a grant of
// rights over your data and over your image; the provider's power to
// change, end or take down at will; the ways your day in court is taken.
var dampingGroups = map[string]string{
	"image-rights":    "data-grant",
	"termination":     "unilateral-change",
	"content-removal": "unilateral-change",
	"class-action":    "arbitration",
	"jurisdiction":    "arbitration",
	"choice-of-law":   "arbitration",
	"contract-by-use": "unilateral-change",
	"consumer-rights": "liability",
}

// dampingGroup is the group a rule is damped with.
func dampingGroup(fs []Finding, id string) string {
	for _, f := range fs {
		if f.Rule == id {
			if g, ok := dampingGroups[f.Category]; ok {
				return g
			}
			return f.Category
		}
	}
	return ""
}

// mediumLowShare estimates the risk points owed to medium and low findings,
// in proportion to their undamped weight.
func mediumLowShare(fs []Finding, total float64) float64 {
	var all, ml float64
	for _, f := range fs {
		all += f.Points
		if f.Severity == "medium" || f.Severity == "low" {
			ml += f.Points
		}
	}
	if all == 0 {
		return 0
	}
	return total * ml / all
}

// validBonus adds the bonuses of distinct signals not contradicted by a
// high or critical finding in their category; it marks the others void.
func validBonus(signals []Signal, fs []Finding) int {
	serious := map[string]bool{}
	for _, f := range fs {
		if f.Severity == "high" || f.Severity == "critical" {
			serious[f.Category] = true
		}
	}
	seen := map[string]bool{}
	total := 0
	for i := range signals {
		s := &signals[i]
		s.Void = serious[s.Category]
		if s.Void || seen[s.Rule] {
			continue
		}
		seen[s.Rule] = true
		total += s.Bonus
	}
	return total
}

// scoreCap is the highest score the findings allow.
func scoreCap(fs []Finding) int {
	limit := 100
	critical := map[string]bool{}
	for _, f := range fs {
		switch {
		case f.blocker:
			return capBlocker
		case f.Severity == "critical":
			critical[f.Rule] = true
			limit = min(limit, capCritical)
		case f.Severity == "high":
			limit = min(limit, capHigh)
		}
	}
	if len(critical) >= 2 {
		return capBlocker
	}
	return limit
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
