package source

import (
	"errors"
	"io/fs"
	"os"
)

// readFile reads a local file, refusing it before reading if it is larger
// than the cap, and limiting the read in case it grows meanwhile.
func readFile(path string, opts Options) (*Input, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, plainFSError(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, plainFSError(err)
	}
	if info.IsDir() {
		return nil, errors.New("is a directory")
	}
	if info.Size() > opts.MaxBytes {
		return nil, tooLarge(opts.MaxBytes)
	}
	raw, err := readAll(f, opts.MaxBytes)
	if err != nil {
		return nil, plainFSError(err)
	}
	return newInput(raw, "")
}

// readStdin reads standard input up to the cap.
func readStdin(opts Options) (*Input, error) {
	raw, err := readAll(opts.Stdin, opts.MaxBytes)
	if err != nil {
		return nil, plainFSError(err)
	}
	return newInput(raw, "")
}

// plainFSError drops the path and operation from an os error, since *Error
// already names the source: "open terms.html: no such file or directory"
// becomes "no such file".
func plainFSError(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return ErrNotFound
	}
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return pathErr.Err
	}
	return err
}
