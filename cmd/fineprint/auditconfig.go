package main

import (
	"fmt"
	"os"
	"slices"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/audit/batch"
	"github.com/fineprint/fineprint/audit/config"
	"github.com/fineprint/fineprint/rules"
)

// auditSetup is what the configuration and the flags decide together: the
// rules to run, the sources to leave out and the processors that suppress
// accepted findings.
type auditSetup struct {
	rules      *rules.Set
	config     *config.Config // nil without a configuration file
	processors []audit.Processor
}

// configure reads --config (or the .fineprint.yaml found upward from the
// working directory) and --baseline, lets the configuration's thresholds
// stand in for the flags that were not given, and loads the rules.
func (o *auditOptions) configure() (*auditSetup, error) {
	cfg, err := o.loadConfig()
	if err != nil {
		return nil, err
	}
	if cfg != nil {
		if !o.failOnGiven && cfg.FailOn != "" {
			o.FailOn = cfg.FailOn
		}
		if !o.minScoreGiven && cfg.MinScore >= 0 {
			o.MinScore = cfg.MinScore
		}
	}
	if err := checkRuleDirs(o.RulesDirs); err != nil {
		return nil, err
	}
	set, err := config.RuleSet(cfg, o.RulesDirs...)
	if err != nil {
		return nil, err
	}
	s := &auditSetup{rules: set, config: cfg}
	if ws := cfg.Waivers(); len(ws) > 0 {
		s.processors = append(s.processors, ws)
	}
	if o.Baseline != "" {
		b, err := readBaseline(o.Baseline)
		if err != nil {
			return nil, err
		}
		s.processors = append(s.processors, b)
	}
	return s, nil
}

func (o *auditOptions) loadConfig() (*config.Config, error) {
	path := o.ConfigFile
	if path == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		if path, err = config.Find(wd); err != nil || path == "" {
			return nil, err
		}
	}
	return config.Load(path)
}

func readBaseline(path string) (*audit.Baseline, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--baseline: %w", err)
	}
	defer f.Close()
	return audit.ReadBaseline(path, f)
}

// keep drops the items the configuration excludes.
func (s *auditSetup) keep(items []batch.Item) []batch.Item {
	return slices.DeleteFunc(items, func(it batch.Item) bool { return s.config.Excluded(it.Source) })
}

// process applies the suppressions to a finished report.
func (s *auditSetup) process(r *audit.Report) {
	audit.Process(r, s.processors...)
}
