package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// A lease says which process is generating a section. It lives in its own key with its own TTL,
// renewed while the generation runs; when its holder dies it expires, and OrphanedSections finds the
// section for another process to take over. Only one holder has a section's lease at a time.

// AcquireLease takes the lease on a section for holder for ttl. It reports false while someone
// else holds it; the holder itself may acquire it again, which renews it. A missing brief is
// ErrNotFound.
func (s *Store) AcquireLease(ctx context.Context, id, section, holder string, ttl time.Duration) (bool, error) {
	return s.lease(ctx, "acquire lease on", s.scripts.acquire, id, section, holder, ttl)
}

// RenewLease extends holder's lease on a section to ttl from now. It reports false when holder no
// longer has the lease (it expired and someone else may have taken it): the holder must stop.
func (s *Store) RenewLease(ctx context.Context, id, section, holder string, ttl time.Duration) (bool, error) {
	return s.lease(ctx, "renew lease on", s.scripts.renew, id, section, holder, ttl)
}

func (s *Store) lease(ctx context.Context, what string, script *redis.Script, id, section, holder string, ttl time.Duration) (bool, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if !validID(id) {
		return false, fmt.Errorf("%s %s of brief %q: %w", what, section, id, ErrNotFound)
	}
	if err := checkName("section", section); err != nil {
		return false, fmt.Errorf("%s %s of brief %s: %w", what, section, id, err)
	}
	if holder == "" || ttl < time.Millisecond {
		return false, fmt.Errorf("%s %s of brief %s: %w: holder %q, ttl %v", what, section, id, ErrInvalid, holder, ttl)
	}
	n, err := script.Run(ctx, s.rdb, []string{s.metaKey(id), s.leaseKey(id, section)}, holder, ttl.Milliseconds()).Int()
	if err != nil {
		return false, fmt.Errorf("%s %s of brief %s: %w", what, section, id, classify(err))
	}
	if n < 0 {
		return false, fmt.Errorf("%s %s of brief %s: %w", what, section, id, ErrNotFound)
	}
	return n == 1, nil
}

// ReleaseLease gives up holder's lease on a section. Releasing a lease one does not hold (any
// more) does nothing.
func (s *Store) ReleaseLease(ctx context.Context, id, section, holder string) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if !validID(id) || checkName("section", section) != nil {
		return nil
	}
	if err := s.scripts.release.Run(ctx, s.rdb, []string{s.leaseKey(id, section)}, holder).Err(); err != nil {
		return fmt.Errorf("release lease on %s of brief %s: %w", section, id, classify(err))
	}
	return nil
}

// SectionRef names a section of a brief and the status it was left in.
type SectionRef struct {
	BriefID string
	Section string
	Status  SectionStatus
	Since   time.Time
}

// orphanScan bounds how many generating briefs one OrphanedSections call reads.
const orphanScan = 1000

// OrphanedSections finds sections left queued or running for longer than grace with nobody holding
// their lease: their process died. It looks at most at the orphanScan oldest generating briefs and
// returns at most max sections. Whoever takes one over acquires its lease first.
func (s *Store) OrphanedSections(ctx context.Context, grace time.Duration, max int) ([]SectionRef, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	out, err := s.orphans(ctx, grace, max)
	if err != nil {
		return nil, fmt.Errorf("find orphaned sections: %w", err)
	}
	return out, nil
}

func (s *Store) orphans(ctx context.Context, grace time.Duration, max int) ([]SectionRef, error) {
	ids, err := s.rdb.ZRange(ctx, s.statusKey(BriefGenerating), 0, orphanScan-1).Result()
	if err != nil {
		return nil, classify(err)
	}
	which := make([]int, len(ids))
	for i := range which {
		which[i] = i
	}
	sums, err := s.summaries(ctx, ids, which)
	if err != nil {
		return nil, err
	}
	cutoff := s.now().Add(-grace)
	var candidates []SectionRef
	var stale []staleEntry
	for i, sum := range sums {
		if sum.ID == "" || sum.Status != BriefGenerating {
			stale = append(stale, staleEntry{id: ids[i], seenIn: []string{s.statusKey(BriefGenerating)}})
			continue
		}
		for sec, st := range sum.Sections {
			if (st.Status == SectionQueued || st.Status == SectionRunning) && st.Since.Before(cutoff) {
				candidates = append(candidates, SectionRef{BriefID: sum.ID, Section: sec, Status: st.Status, Since: st.Since})
			}
		}
	}
	s.repairAll(ctx, stale, "orphan scan")
	if len(candidates) == 0 {
		return nil, nil
	}
	held := make([]*redis.IntCmd, len(candidates))
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, c := range candidates {
			held[i] = p.Exists(ctx, s.leaseKey(c.BriefID, c.Section))
		}
		return nil
	})
	if err != nil {
		return nil, classify(err)
	}
	var out []SectionRef
	for i, c := range candidates {
		if held[i].Val() == 0 && len(out) < max {
			out = append(out, c)
		}
	}
	return out, nil
}
