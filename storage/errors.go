package storage

import "errors"

// Errors callers tell apart. Every storage error wraps one of these when it is one of these cases.
var (
	// ErrNotFound: the brief, file or version does not exist (or has expired).
	ErrNotFound = errors.New("not found")
	// ErrConflict: the file changed since the version the caller expected.
	ErrConflict = errors.New("version conflict")
	// ErrTooLarge: a file or a brief would exceed its size bound.
	ErrTooLarge = errors.New("too large")
	// ErrUnavailable: Redis is down, loading, failing over or did not answer in time.
	ErrUnavailable = errors.New("storage unavailable")
	// ErrFull: Redis refused the write because it is out of memory under noeviction.
	ErrFull = errors.New("storage full")
)
