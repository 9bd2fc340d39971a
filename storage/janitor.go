package storage

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Janitor bounds: each pass prunes at most pruneBatches×pruneBatch expired entries and checks
// sweepBatch entries of each swept index, so a pass costs the same with a million briefs.
const (
	pruneBatch   = 500
	pruneBatches = 10
	sweepBatch   = 500
	passTimeout  = 10 * time.Second
)

// Janitor keeps the indexes clean until ctx ends: every interval it prunes entries of expired
// briefs and re-checks a slice of the generating and global indexes against the briefs (in turn,
// so every entry is checked eventually), repairing what a lost index update left stale. main runs
// it in a goroutine; errors of a pass are logged and the next pass tries again.
func (s *Store) Janitor(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	var sweeps [2]*position
	for {
		if err := s.janitorPass(ctx, &sweeps); err != nil && ctx.Err() == nil {
			s.opts.Logger.Warn("storage janitor pass failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (s *Store) janitorPass(ctx context.Context, sweeps *[2]*position) error {
	ctx, cancel := boundTo(ctx, passTimeout)
	defer cancel()
	for range pruneBatches {
		n, err := s.pruneExpired(ctx, pruneBatch)
		if err != nil {
			return err
		}
		if n < pruneBatch {
			break
		}
	}
	for i, key := range []string{s.statusKey(BriefGenerating), s.idxKey("all")} {
		next, err := s.sweep(ctx, key, sweeps[i], sweepBatch)
		if err != nil {
			return err
		}
		sweeps[i] = next
	}
	return nil
}

// PruneExpired removes the index entries of up to max briefs whose expiry time has passed and
// returns how many it looked at. An entry whose brief is still there (its expiry was extended
// and the index not yet told) is repaired instead.
func (s *Store) PruneExpired(ctx context.Context, max int) (int, error) {
	ctx, cancel := boundTo(ctx, passTimeout)
	defer cancel()
	n, err := s.pruneExpired(ctx, max)
	if err != nil {
		return n, fmt.Errorf("prune expired briefs: %w", err)
	}
	return n, nil
}

func (s *Store) pruneExpired(ctx context.Context, max int) (int, error) {
	ids, err := s.rdb.ZRangeArgs(ctx, redis.ZRangeArgs{
		Key: s.idxKey("exp"), Start: "-inf", Stop: strconv.FormatInt(s.now().UnixMilli(), 10),
		ByScore: true, Count: int64(max),
	}).Result()
	if err != nil {
		return 0, classify(err)
	}
	if len(ids) == 0 {
		return 0, nil
	}
	exists := make([]*redis.IntCmd, len(ids))
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, id := range ids {
			exists[i] = p.Exists(ctx, s.metaKey(id))
		}
		return nil
	})
	if err != nil {
		return 0, classify(err)
	}
	for i, id := range ids {
		var err error
		if exists[i].Val() == 0 {
			err = s.unindex(ctx, id, "")
		} else {
			err = s.repair(ctx, id)
		}
		if err != nil {
			return i, err
		}
	}
	return len(ids), nil
}

// sweep checks n entries of an index after cur against their briefs and returns where to go on
// next time (nil: start over).
func (s *Store) sweep(ctx context.Context, key string, cur *position, n int) (*position, error) {
	zs, err := s.rdb.ZRangeArgsWithScores(ctx, redis.ZRangeArgs{
		Key: key, Start: startAfter(cur), Stop: "+inf", ByScore: true, Count: int64(n),
	}).Result()
	if err != nil {
		return nil, classify(err)
	}
	var kept []redis.Z
	for _, z := range zs {
		if cur == nil || z.Score != cur.score || z.Member.(string) > cur.id {
			kept = append(kept, z)
		}
	}
	ids := make([]string, len(kept))
	which := make([]int, len(kept))
	for i, z := range kept {
		ids[i], which[i] = z.Member.(string), i
	}
	sums, err := s.summaries(ctx, ids, which)
	if err != nil {
		return nil, err
	}
	var recs []any
	if len(ids) > 0 {
		if recs, err = s.rdb.HMGet(ctx, s.idxKey("rec"), ids...).Result(); err != nil {
			return nil, classify(err)
		}
	}
	cutoff := float64(s.now().Add(-pruneGrace).UnixMilli())
	var stale []staleEntry
	for i, sum := range sums {
		rec, _ := recs[i].(string)
		switch {
		case sum.ID == "":
			if kept[i].Score < cutoff {
				stale = append(stale, staleEntry{id: ids[i], seenIn: []string{key}})
			}
		case rec != recordOf(sum) || key == s.statusKey(BriefGenerating) && sum.Status != BriefGenerating:
			stale = append(stale, staleEntry{id: ids[i], seenIn: []string{key}})
		}
	}
	s.repairAll(ctx, stale, "janitor")
	if len(zs) < n {
		return nil, nil
	}
	z := zs[len(zs)-1]
	return &position{score: z.Score, id: z.Member.(string)}, nil
}

// startAfter is the inclusive lower score bound for continuing after cur.
func startAfter(cur *position) string {
	if cur == nil {
		return "-inf"
	}
	return strconv.FormatInt(int64(cur.score), 10)
}

// recordOf is the rec entry the indexes hold for an up-to-date brief.
func recordOf(sum Summary) string {
	return fmt.Sprintf("%d|%d|%s|%s", sum.seq, sum.StoredBytes+sum.HistoryBytes, sum.OwnerID, sum.Sector)
}
