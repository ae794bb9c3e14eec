package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestConfigFlags(t *testing.T) {
	o := parseAudit(t, "a.md")
	if o.ConfigFile != "" || o.Baseline != "" || o.failOnGiven || o.minScoreGiven {
		t.Errorf("defaults: %+v", o)
	}
	o = parseAudit(t, "--config", "ci.yaml", "--baseline", "old.json", "--fail-on", "high", "a.md")
	if o.ConfigFile != "ci.yaml" || o.Baseline != "old.json" || !o.failOnGiven || o.minScoreGiven {
		t.Errorf("given: %+v", o)
	}
}

// The configuration's thresholds stand in for the flags not given.
func TestConfigureThresholds(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "ci.yaml")
	if err := os.WriteFile(cfg, []byte("fail_on: medium\nmin_score: 70\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	o := parseAudit(t, "--config", cfg, "--fail-on", "critical", "a.md")
	if _, err := o.configure(); err != nil {
		t.Fatal(err)
	}
	if o.FailOn != "critical" || o.MinScore != 70 {
		t.Errorf("fail-on %q min-score %d, want critical (flag) and 70 (config)", o.FailOn, o.MinScore)
	}
}

func TestConfigErrorExits2(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "ci.yaml")
	if err := os.WriteFile(cfg, []byte("rules:\n  disable: [no-such-rule]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	o := parseAudit(t, "--config", cfg, "a.md")
	err := auditRun(context.Background(), o)
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != exitUsage {
		t.Fatalf("error %v, want exit %d", err, exitUsage)
	}
	if want := cfg + `:2: rules.disable[0]: unknown rule or category "no-such-rule"`; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}
