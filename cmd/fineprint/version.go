package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/rules"
)

// buildVersion is set at link time (-ldflags "-X main.buildVersion=v1.2.3").
var buildVersion = ""

// version is the release, or the module version go install recorded, or
// "dev".
func version() string {
	if buildVersion != "" {
		return buildVersion
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}

func newVersionCmd(io *ioStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of fineprint, its rules and its scoring formula",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			n := 0
			if p, err := rules.Builtin(); err == nil {
				n = len(p.Rules)
			}
			_, err := fmt.Fprintf(io.Out, "fineprint %s (%d built-in rules, scoring v%s)\n", version(), n, audit.ScoringVersion)
			return err
		},
	}
}
