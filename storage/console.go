package storage

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// What the admin console reads beyond a brief or an account: counts from the indexes and accounts
// looked up many at a time, each in one pipeline.

// CountByStatus counts the briefs in each overall status index. Like Stats, it counts index
// entries: a brief that expired since the janitor's last pass is still counted.
func (s *Store) CountByStatus(ctx context.Context) (map[BriefStatus]int64, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	cmds := make([]*redis.IntCmd, len(briefStatuses))
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, st := range briefStatuses {
			cmds[i] = p.ZCard(ctx, s.statusKey(st))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("count briefs by status: %w", classify(err))
	}
	out := make(map[BriefStatus]int64, len(briefStatuses))
	for i, st := range briefStatuses {
		out[st] = cmds[i].Val()
	}
	return out, nil
}

// CountUserBriefs counts the briefs in each owner's index, in the order of ownerIDs.
func (s *Store) CountUserBriefs(ctx context.Context, ownerIDs []string) ([]int64, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	out := make([]int64, len(ownerIDs))
	if len(ownerIDs) == 0 {
		return out, nil
	}
	cmds := make([]*redis.IntCmd, len(ownerIDs))
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, id := range ownerIDs {
			if checkOwner(id) == nil {
				cmds[i] = p.ZCard(ctx, s.userKey(id))
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("count briefs of %d owners: %w", len(ownerIDs), classify(err))
	}
	for i, c := range cmds {
		if c != nil {
			out[i] = c.Val()
		}
	}
	return out, nil
}

// UsersByID reads the accounts with the given ids in one pipeline. Ids without an account are
// left out of the map.
func (a *Accounts) UsersByID(ctx context.Context, ids []string) (map[string]User, error) {
	hashes, err := a.userHashes(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string]User, len(ids))
	for i, f := range hashes {
		if len(f) > 0 {
			out[ids[i]] = parseUser(f)
		}
	}
	return out, nil
}

// userHashes reads the hashes of the accounts with the given ids in one pipeline, in their order;
// an id without an account gives an empty hash.
func (a *Accounts) userHashes(ctx context.Context, ids []string) ([]map[string]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	cmds := make([]*redis.MapStringStringCmd, len(ids))
	_, err := a.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, id := range ids {
			cmds[i] = p.HGetAll(ctx, a.userKey(id))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %d users: %w", len(ids), classify(err))
	}
	out := make([]map[string]string, len(ids))
	for i, c := range cmds {
		out[i] = c.Val()
	}
	return out, nil
}
