package storage

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/redis/go-redis/v9"
)

// redisErr tells apart the Redis failures callers act on: out of memory under noeviction is
// ErrFull; a server that is down, loading, failing over or too slow is ErrUnavailable. Anything
// else is returned as it is.
func redisErr(err error) error {
	if err == nil || errors.Is(err, redis.Nil) {
		return err
	}
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "OOM "):
		return fmt.Errorf("%w: %v", ErrFull, err)
	case errors.Is(err, context.DeadlineExceeded),
		errors.Is(err, context.Canceled),
		errors.Is(err, redis.ErrClosed),
		errors.Is(err, redis.ErrPoolTimeout),
		isNetErr(err),
		strings.HasPrefix(msg, "LOADING "),
		strings.HasPrefix(msg, "CLUSTERDOWN "),
		strings.HasPrefix(msg, "TRYAGAIN "),
		strings.HasPrefix(msg, "MASTERDOWN "),
		strings.HasPrefix(msg, "READONLY "),
		strings.Contains(msg, "connection refused"),
		strings.Contains(msg, "broken pipe"),
		strings.Contains(msg, "connection reset"),
		msg == "EOF" || strings.HasSuffix(msg, ": EOF"):
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	return err
}

func isNetErr(err error) bool {
	var ne net.Error
	return errors.As(err, &ne)
}
