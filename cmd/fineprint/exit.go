package main

import "fmt"

// Exit codes, as DESIGN.md defines them.
const (
	exitOK        = 0 // audit done, no threshold breached
	exitThreshold = 1 // a --fail-on or --min-score threshold breached
	exitUsage     = 2 // usage, config or rule error
	exitSource    = 3 // one or more sources could not be read or fetched
)

// exitError carries the exit code a command wants; err, when set, is
// printed on stderr.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

func usageError(err error) error { return &exitError{code: exitUsage, err: err} }
