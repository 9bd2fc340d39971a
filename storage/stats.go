package storage

import (
	"context"
	"fmt"
	"strconv"

	"github.com/redis/go-redis/v9"
)

// HealthCheck reports whether Redis answers: every master, on a cluster.
func (s *Store) HealthCheck(ctx context.Context) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var err error
	if c, ok := s.rdb.(*redis.ClusterClient); ok {
		err = c.ForEachMaster(ctx, func(ctx context.Context, node *redis.Client) error {
			return node.Ping(ctx).Err()
		})
	} else {
		err = s.rdb.Ping(ctx).Err()
	}
	if err != nil {
		return fmt.Errorf("redis health check: %w", classify(err))
	}
	return nil
}

// Stats is what the admin console shows about the store.
type Stats struct {
	// Briefs counts the live briefs; StoredBytes what their files and kept versions take as
	// stored. Both come from the indexes: a brief's size reaches them when it is created, when its
	// status changes (every generation ends with one) and at the janitor's sweep, and a brief that
	// expired since the janitor's last pass is no longer counted in Briefs but may still be in
	// StoredBytes.
	Briefs      int64
	StoredBytes int64
	Server      ServerInfo
}

// Stats reads the brief count, stored bytes and the Redis server's state.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var all, expired *redis.IntCmd
	var bytes *redis.StringCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		all = p.ZCard(ctx, s.idxKey("all"))
		expired = p.ZCount(ctx, s.idxKey("exp"), "-inf", strconv.FormatInt(s.now().UnixMilli(), 10))
		bytes = p.Get(ctx, s.idxKey("bytes"))
		return nil
	})
	if err != nil && err != redis.Nil {
		return Stats{}, fmt.Errorf("storage stats: %w", classify(err))
	}
	n, _ := strconv.ParseInt(bytes.Val(), 10, 64)
	info, err := ReadServerInfo(ctx, s.rdb, s.opts.Mode)
	if err != nil {
		return Stats{}, fmt.Errorf("storage stats: %w", classify(err))
	}
	return Stats{Briefs: max(0, all.Val()-expired.Val()), StoredBytes: n, Server: info}, nil
}
