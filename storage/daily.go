package storage

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// maxDays bounds CreatedPerDay: one ZCOUNT per day.
const maxDays = 366

// DayCount is how many briefs were created on one day.
type DayCount struct {
	// Day is the midnight that starts the day, in the location of the time CreatedPerDay was given.
	Day   time.Time
	Count int64
}

// CreatedPerDay counts the briefs created on each of the days days that end with the day of now
// (in now's location), oldest first. It reads the creation index with one ZCOUNT per day, all in
// one pipeline, so it counts the briefs still stored: expired ones have left the index.
func (s *Store) CreatedPerDay(ctx context.Context, now time.Time, days int) ([]DayCount, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if days < 1 || days > maxDays {
		return nil, fmt.Errorf("briefs per day: %w: %d days (1 to %d)", ErrInvalid, days, maxDays)
	}
	y, m, d := now.Date()
	out := make([]DayCount, days)
	cmds := make([]*redis.IntCmd, days)
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i := range days {
			// time.Date normalises day numbers below 1, and finds midnight across DST changes.
			start := time.Date(y, m, d-(days-1-i), 0, 0, 0, 0, now.Location())
			end := time.Date(y, m, d-(days-1-i)+1, 0, 0, 0, 0, now.Location())
			out[i].Day = start
			cmds[i] = p.ZCount(ctx, s.idxKey("all"),
				strconv.FormatInt(start.UnixMilli(), 10), "("+strconv.FormatInt(end.UnixMilli(), 10))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("briefs per day: %w", classify(err))
	}
	for i, c := range cmds {
		out[i].Count = c.Val()
	}
	return out, nil
}
