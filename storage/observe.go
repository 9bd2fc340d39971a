package storage

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// CommandObserver is told about the commands a Redis client sends, for metrics.
type CommandObserver interface {
	// RedisCommand is one command by its lower-case name; failed when Redis or the connection
	// answered with an error. A missing key is an answer, not a failure.
	RedisCommand(name string, failed bool)
	// RedisRoundTrip is one call to Redis, a single command or a pipeline, and how long it took.
	RedisRoundTrip(pipeline bool, d time.Duration)
}

// ObserveCommands returns a go-redis hook that reports every command to o; add it with AddHook.
func ObserveCommands(o CommandObserver) redis.Hook { return commandHook{o: o} }

type commandHook struct{ o CommandObserver }

func (commandHook) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h commandHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		start := time.Now()
		err := next(ctx, cmd)
		h.o.RedisRoundTrip(false, time.Since(start))
		h.o.RedisCommand(cmd.Name(), commandFailed(err))
		return err
	}
}

func (h commandHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		start := time.Now()
		err := next(ctx, cmds)
		h.o.RedisRoundTrip(true, time.Since(start))
		for _, c := range cmds {
			cerr := c.Err()
			if cerr == nil && err != nil && !errors.Is(err, redis.Nil) {
				// The pipeline failed before this command had an answer of its own.
				cerr = err
			}
			h.o.RedisCommand(c.Name(), commandFailed(cerr))
		}
		return err
	}
}

// commandFailed leaves out the answers that are part of normal work: a missing key, and the
// NOSCRIPT that makes a script call load its script once per server.
func commandFailed(err error) bool {
	return err != nil && !errors.Is(err, redis.Nil) && !redis.HasErrorPrefix(err, "NOSCRIPT")
}

// PoolStats is the state of a client's connection pool: counters since the client opened, and
// the connections it holds now.
type PoolStats struct {
	Hits, Misses, Timeouts, StaleConns uint32
	TotalConns, IdleConns              uint32
}

// ReadPoolStats reads rdb's connection pool (every node's, summed, on a cluster).
func ReadPoolStats(rdb redis.UniversalClient) PoolStats {
	p := rdb.PoolStats()
	if p == nil {
		return PoolStats{}
	}
	return PoolStats{
		Hits: p.Hits, Misses: p.Misses, Timeouts: p.Timeouts, StaleConns: p.StaleConns,
		TotalConns: p.TotalConns, IdleConns: p.IdleConns,
	}
}
