package main

import (
	"github.com/spf13/cobra"
)

func newRootCmd(io *ioStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "fineprint",
		Short: "Read the fine print: find the clauses that put users at risk",
		Long: `fineprint audits terms of service, privacy policies and promotional-offer terms
(English and French) and reports the clauses that put users at risk — lifetime
grants over personal data, image-rights transfers, consent bought with a reward,
data sale, unilateral change, forced arbitration — with a score (0-100), a grade
(A-E) and the law behind each finding.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version(),
	}
	cmd.SetIn(io.In)
	cmd.SetOut(io.Out)
	cmd.SetErr(io.ErrOut)
	cmd.SetVersionTemplate("fineprint {{.Version}}\n")
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError(err) })
	cmd.AddCommand(newAuditCmd(io, nil), newDiffCmd(io, nil), newRulesCmd(io), newVersionCmd(io))
	return cmd
}
