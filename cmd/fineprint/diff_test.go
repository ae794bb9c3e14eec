package main

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

const offers = "../../testdata/offers/"

// parseDiff runs the diff command's flag parsing only; err is what the
// command returned.
func parseDiff(args ...string) (*diffOptions, error) {
	io, _, _ := testStreams(false)
	var got *diffOptions
	cmd := newDiffCmd(io, func(_ context.Context, o *diffOptions) error { got = o; return nil })
	cmd.SetArgs(args)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError(err) })
	err := cmd.Execute()
	return got, err
}

func exitCode(err error) int {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if err != nil {
		return -1
	}
	return exitOK
}

func TestDiffFlags(t *testing.T) {
	o, err := parseDiff("old.html", "new.html")
	if err != nil || o.Old != "old.html" || o.New != "new.html" || o.Format != "text" || o.FailOn != "" || o.Color != "auto" {
		t.Fatalf("defaults: %+v, %v", o, err)
	}
	o, err = parseDiff("--format", "markdown", "--fail-on", "high", "--lang", "fr", "--rules", "packs", "a", "b")
	if err != nil || o.Format != "markdown" || o.FailOn != "high" || o.Lang != "fr" || len(o.RulesDirs) != 1 {
		t.Errorf("given: %+v, %v", o, err)
	}
}

func TestDiffUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{
		{"only-one.html"},
		{"a", "b", "c"},
		{"--format", "sarif", "a", "b"},
		{"--fail-on", "severe", "a", "b"},
		{"--color", "sometimes", "a", "b"},
	} {
		if _, err := parseDiff(args...); exitCode(err) != exitUsage {
			t.Errorf("%q: exit %d (%v), want 2", args, exitCode(err), err)
		}
	}
}

// TestDiffRevisedOffer: the revised 2024 offer loses the likeness grant and
// rises from E to C; nothing new, so --fail-on passes.
func TestDiffRevisedOffer(t *testing.T) {
	io, out, _ := testStreams(false)
	opts := &diffOptions{IO: io, Old: offers + "referral-2024-en.html", New: offers + "referral-2024-revised-en.html",
		Format: "text", Lang: "auto", Color: "never", FailOn: "low", MaxBytes: 1 << 20, Timeout: "5s"}
	if err := diffRun(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Grade E", "Grade C", "grade E → C", "better", "REMOVED (7)", "[lifetime-likeness-for-reward]", "0 added · 7 removed"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q in\n%s", want, out.String())
		}
	}
}

// TestDiffFailOn: going back to the original wording brings critical
// findings: exit 1 with --fail-on critical, naming them.
func TestDiffFailOn(t *testing.T) {
	io, _, _ := testStreams(false)
	opts := &diffOptions{IO: io, Old: offers + "referral-2024-revised-fr.html", New: offers + "referral-2024-fr.html",
		Format: "json", Lang: "auto", Color: "never", FailOn: "critical", MaxBytes: 1 << 20, Timeout: "5s"}
	err := diffRun(context.Background(), opts)
	if exitCode(err) != exitThreshold || !strings.Contains(err.Error(), "publicity-use") {
		t.Errorf("exit %d: %v; want 1 naming publicity-use", exitCode(err), err)
	}
}

func TestDiffUnreadableSideExits3(t *testing.T) {
	io, out, _ := testStreams(false)
	opts := &diffOptions{IO: io, Old: offers + "no-such-offer.html", New: offers + "referral-2024-en.html",
		Format: "text", Lang: "auto", Color: "never", MaxBytes: 1 << 20, Timeout: "5s"}
	err := diffRun(context.Background(), opts)
	if exitCode(err) != exitSource || !strings.Contains(err.Error(), "no-such-offer.html") || out.Len() != 0 {
		t.Errorf("exit %d: %v, output %q; want 3 naming the file and no report", exitCode(err), err, out.String())
	}
}
