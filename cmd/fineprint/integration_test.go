package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestPreCommitHook runs the hook's entry, as pre-commit would, on a fair
// and on a risky document: it passes on the first and fails on the second.
func TestPreCommitHook(t *testing.T) {
	var hooks []struct {
		ID, Entry, Language, Files string
	}
	readYAML(t, "../../.pre-commit-hooks.yaml", &hooks)
	if len(hooks) != 1 || hooks[0].ID != "fineprint" || hooks[0].Language != "golang" {
		t.Fatalf("unexpected hooks: %+v", hooks)
	}
	args := strings.Fields(hooks[0].Entry)
	if args[0] != "fineprint" {
		t.Fatalf("entry %q does not run fineprint", hooks[0].Entry)
	}
	bin := buildFineprint(t)
	fair, _ := filepath.Abs("../../testdata/offers/referral-fair-en.md")
	risky, _ := filepath.Abs("../../testdata/offers/referral-2024-en.html")
	if out, err := exec.Command(bin, append(args[1:], fair)...).CombinedOutput(); err != nil {
		t.Errorf("hook fails on a fair document: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, append(args[1:], risky)...).CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != exitThreshold {
		t.Errorf("hook on a risky document: %v, want exit %d\n%s", err, exitThreshold, out)
	}
}

// TestActionRunsTheCLI checks that the GitHub Action's audit step uses
// flags the CLI has, and runs that step's command line on a fixture.
func TestActionRunsTheCLI(t *testing.T) {
	var action struct {
		Inputs map[string]struct{ Default string }
		Runs   struct {
			Using string
			Steps []struct {
				Name, Run, Uses string
				Env             map[string]string
			}
		}
	}
	readYAML(t, "../../action.yml", &action)
	if action.Runs.Using != "composite" {
		t.Fatalf("runs.using = %q", action.Runs.Using)
	}
	var script string
	var uploads bool
	for _, s := range action.Runs.Steps {
		if s.Name == "Audit" {
			script = s.Run
		}
		uploads = uploads || strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif")
	}
	if script == "" || !uploads {
		t.Fatal("the action needs an Audit step and a SARIF upload step")
	}
	bin := buildFineprint(t)
	dir := t.TempDir()
	sarif := filepath.Join(dir, "out.sarif")
	cmd := exec.Command("bash", "-c", script)
	cmd.Dir = "../.."
	cmd.Env = append(os.Environ(), "RUNNER_TEMP="+filepath.Dir(bin),
		"FP_PATHS=testdata/offers/referral-fair-en.md testdata/offers/referral-fair-fr.md",
		"FP_FAIL_ON="+action.Inputs["fail-on"].Default, "FP_MIN_SCORE=", "FP_SARIF="+sarif)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("the action's audit step failed: %v\n%s", err, out.String())
	}
	data, err := os.ReadFile(sarif)
	if err != nil || !bytes.Contains(data, []byte(`"version": "2.1.0"`)) {
		t.Fatalf("no SARIF report written: %v", err)
	}
}

func readYAML(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// buildFineprint builds the binary, named as the action and hook expect.
func buildFineprint(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "fineprint")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}
