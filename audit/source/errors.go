package source

import (
	"errors"
	"fmt"
	"net/http"
)

// Sentinel errors, matched with errors.Is on an *Error.
var (
	ErrNotFound    = errors.New("no such file")
	ErrTooLarge    = errors.New("too large")
	ErrHTTPStatus  = errors.New("HTTP error status")
	ErrBinary      = errors.New("binary content")
	ErrNoDocuments = errors.New("no documents")
	ErrRedirect    = errors.New("redirect error")
)

// Error is a failure to expand or read one source. Its message names the
// source and says what went wrong in plain words.
type Error struct {
	Source string
	Err    error
}

func (e *Error) Error() string { return e.Source + ": " + e.Err.Error() }

func (e *Error) Unwrap() error { return e.Err }

// StatusError is a non-2xx HTTP response. It matches ErrHTTPStatus.
type StatusError struct {
	Code int
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("HTTP %d %s", e.Code, http.StatusText(e.Code))
}

// Is makes errors.Is(err, ErrHTTPStatus) true.
func (e *StatusError) Is(target error) bool { return target == ErrHTTPStatus }

// plainError gives a sentinel a message with the details a user needs, while
// errors.Is still finds the sentinel.
type plainError struct {
	msg  string
	kind error
}

func (e *plainError) Error() string { return e.msg }

func (e *plainError) Unwrap() error { return e.kind }

func tooLarge(limit int64) error {
	msg := fmt.Sprintf("larger than %s (use --max-bytes)", formatSize(limit))
	return &plainError{msg: msg, kind: ErrTooLarge}
}

func binary(why string) error {
	return &plainError{msg: "binary content (" + why + "), not a text document", kind: ErrBinary}
}

// formatSize writes n bytes the way a user would write a size limit.
func formatSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}
