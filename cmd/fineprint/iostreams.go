package main

import (
	"io"
	"os"

	"github.com/mattn/go-isatty"
)

// ioStreams are the command's input and outputs, injected so tests run
// in memory.
type ioStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// OutTTY says whether Out is a terminal; ErrTTY the same for ErrOut.
	OutTTY, ErrTTY bool
	Getenv         func(string) string
}

func systemIO() *ioStreams {
	return &ioStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		OutTTY: isTerminal(os.Stdout), ErrTTY: isTerminal(os.Stderr),
		Getenv: os.Getenv,
	}
}

func isTerminal(f *os.File) bool {
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}

// colorEnabled decides colour for a --color mode: "auto" means a terminal,
// without NO_COLOR, and not TERM=dumb.
func (s *ioStreams) colorEnabled(mode string, tty bool) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	return tty && s.Getenv("NO_COLOR") == "" && s.Getenv("TERM") != "dumb"
}
