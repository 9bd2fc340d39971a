package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Limiter counts events in a sliding window kept in Redis, so a limit holds across every instance.
type Limiter struct {
	rdb    redis.UniversalClient
	prefix string
	now    func() time.Time
}

// NewLimiter returns a limiter under prefix.
func NewLimiter(rdb redis.UniversalClient, prefix string) *Limiter {
	return &Limiter{rdb: rdb, prefix: prefix, now: time.Now}
}

// Decision is the state of one limit.
type Decision struct {
	Allowed bool
	// Count is how many events the window holds, including this one when it was recorded.
	Count int
	// RetryAfter is how long until the oldest event leaves the window, when not allowed.
	RetryAfter time.Duration
}

// slidingWindow keeps one sorted set of event times per limit. ARGV: now (ms), window (ms), limit,
// mode (0 = only look, 1 = record if allowed, 2 = record always), a unique member.
var slidingWindow = redis.NewScript(`
local key = KEYS[1]
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local mode = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
local allowed = count < limit
if mode == 2 or (mode == 1 and allowed) then
  redis.call('ZADD', key, now, ARGV[5])
  redis.call('PEXPIRE', key, window)
  count = count + 1
end
local retry = 0
if not allowed then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  if oldest[2] then retry = tonumber(oldest[2]) + window - now end
end
return {allowed and 1 or 0, count, retry}
`)

type limitMode int

const (
	peek limitMode = iota
	takeIfAllowed
	recordAlways
)

func (l *Limiter) run(ctx context.Context, key string, limit int, window time.Duration, mode limitMode) (Decision, error) {
	res, err := slidingWindow.Run(ctx, l.rdb, []string{l.prefix + ":rl:" + key},
		l.now().UnixMilli(), window.Milliseconds(), limit, int(mode), randomToken(8)).Int64Slice()
	if err != nil {
		return Decision{}, fmt.Errorf("rate limit %s: %w", key, classify(err))
	}
	return Decision{Allowed: res[0] == 1, Count: int(res[1]), RetryAfter: time.Duration(res[2]) * time.Millisecond}, nil
}

// Take records an event if the limit allows it: for actions such as generating a brief.
func (l *Limiter) Take(ctx context.Context, key string, limit int, window time.Duration) (Decision, error) {
	ctx, cancel := boundTo(ctx, DefaultTimeout)
	defer cancel()
	return l.run(ctx, key, limit, window, takeIfAllowed)
}

// Check says whether the limit is reached without recording anything.
func (l *Limiter) Check(ctx context.Context, key string, limit int, window time.Duration) (Decision, error) {
	ctx, cancel := boundTo(ctx, DefaultTimeout)
	defer cancel()
	return l.run(ctx, key, limit, window, peek)
}

// Record counts a failure (a wrong password) whatever the limit says.
func (l *Limiter) Record(ctx context.Context, key string, limit int, window time.Duration) (Decision, error) {
	ctx, cancel := boundTo(ctx, DefaultTimeout)
	defer cancel()
	return l.run(ctx, key, limit, window, recordAlways)
}
