// Command fineprint reads the fine print: it audits terms of service,
// privacy policies and promotional-offer terms, and reports the clauses
// that put users at risk, with a score, a grade and the law behind each
// finding.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
)

func main() {
	os.Exit(run())
}

func run() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	io := systemIO()
	cmd := newRootCmd(io)
	err := cmd.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(io.ErrOut, "fineprint:", ee.err)
		}
		return ee.code
	}
	fmt.Fprintln(io.ErrOut, "fineprint:", err)
	return exitUsage // cobra's own errors: unknown flags, bad arguments
}
