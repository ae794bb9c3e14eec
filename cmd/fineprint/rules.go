package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/fineprint/fineprint/audit/report"
	"github.com/fineprint/fineprint/rules"
)

func newRulesCmd(io *ioStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List, show and test the rules",
	}
	cmd.AddCommand(newRulesListCmd(io), newRulesShowCmd(io), newRulesTestCmd(io))
	return cmd
}

type rulesListOptions struct {
	Category  string
	Kind      string
	RulesDirs []string
}

func newRulesListCmd(io *ioStreams) *cobra.Command {
	opts := &rulesListOptions{}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the rules: id, category, severity, title",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			set, err := loadRules(opts.RulesDirs)
			if err != nil {
				return usageError(err)
			}
			return rulesList(io.Out, set, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Category, "category", "", "only rules of this category")
	cmd.Flags().StringVar(&opts.Kind, "kind", "", "only rules of this kind: risk, signal, compound or subject")
	cmd.Flags().StringSliceVar(&opts.RulesDirs, "rules", nil, "extra rule pack `DIR`")
	return cmd
}

func rulesList(w io.Writer, set *rules.Set, opts *rulesListOptions) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tCATEGORY\tKIND\tSEVERITY\tTITLE")
	n := 0
	for _, r := range sortedRules(set) {
		if opts.Category != "" && r.Category != opts.Category || opts.Kind != "" && string(r.Kind) != opts.Kind {
			continue
		}
		sev := r.Severity.String()
		if r.OfferSeverity > r.Severity {
			sev += "/" + r.OfferSeverity.String() + " in offers"
		}
		if r.Kind == rules.KindSignal {
			sev = fmt.Sprintf("+%d", r.Bonus)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Category, r.Kind, sev, r.Title.In("en"))
		n++
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%d rules\n", n)
	return err
}

// sortedRules orders rules by category (in DESIGN order), kind and id.
func sortedRules(set *rules.Set) []*rules.Rule {
	out := slices.Clone(set.Rules)
	kindRank := map[rules.Kind]int{rules.KindRisk: 0, rules.KindCompound: 1, rules.KindSignal: 2, rules.KindSubject: 3}
	slices.SortStableFunc(out, func(a, b *rules.Rule) int {
		if d := slices.Index(rules.Categories, a.Category) - slices.Index(rules.Categories, b.Category); d != 0 {
			return d
		}
		if d := kindRank[a.Kind] - kindRank[b.Kind]; d != 0 {
			return d
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

func newRulesShowCmd(io *ioStreams) *cobra.Command {
	var dirs []string
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one rule in full: explanation, law, fix, patterns and examples",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			set, err := loadRules(dirs)
			if err != nil {
				return usageError(err)
			}
			r := set.Rule(args[0])
			if r == nil {
				return usageError(fmt.Errorf("no rule %q (see fineprint rules list)", args[0]))
			}
			return report.RuleText(io.Out, r)
		},
	}
	cmd.Flags().StringSliceVar(&dirs, "rules", nil, "extra rule pack `DIR`")
	return cmd
}

func newRulesTestCmd(io *ioStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "test [DIR]",
		Short: "Run every rule's examples (the built-in rules, or the packs in DIR)",
		Long: `Test runs each rule's examples: every "match" example must fire the rule and
every "no_match" example must not. With DIR, the packs in DIR are tested (they
may use the built-in vocabularies). Exit status 1 when an example fails, 2 when
a rule file does not load.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return rulesTest(io.Out, args)
		},
	}
}

func rulesTest(w io.Writer, args []string) error {
	var dirs []string
	if len(args) == 1 {
		dirs = args
	}
	set, err := loadRules(dirs)
	if err != nil {
		return usageError(err)
	}
	only := map[string]bool{}
	if len(dirs) == 1 {
		p, err := rules.LoadFS(os.DirFS(dirs[0]), ".")
		if err != nil {
			return usageError(err)
		}
		for _, r := range p.Rules {
			only[r.ID] = true
		}
	}
	failures := set.TestExamples()
	tested, examples := 0, 0
	for _, r := range set.Rules {
		if len(only) > 0 && !only[r.ID] {
			continue
		}
		tested++
		for _, ex := range r.Examples {
			examples += len(ex.Match) + len(ex.NoMatch)
		}
	}
	failed := 0
	for _, f := range failures {
		if len(only) > 0 && !only[f.Rule.ID] {
			continue
		}
		failed++
		want := "should fire"
		if !f.WantMatch {
			want = "should not fire"
		}
		fmt.Fprintf(w, "FAIL %s (%s:%d) %s on [%s] %q\n", f.Rule.ID, f.Rule.File, f.Rule.Line, want, f.Lang, f.Text)
	}
	fmt.Fprintf(w, "%d rules, %d examples, %d failed\n", tested, examples, failed)
	if failed > 0 {
		return &exitError{code: exitThreshold, err: errors.New("some rule examples failed")}
	}
	return nil
}
