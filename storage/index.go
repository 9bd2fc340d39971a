package storage

import (
	"cmp"
	"context"
	"encoding/base64"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// pruneGrace spares index entries of briefs created this recently whose brief is not there (yet):
// WriteSession writes index entries before the brief.
const pruneGrace = time.Minute

// Listing bounds: a page reads at most pageBudget index entries, so a filter that matches almost
// nothing costs a bounded amount of work and returns a short page with a cursor to go on.
const (
	defaultLimit = 20
	maxLimit     = 100
	pageBudget   = 5000
	checkChunk   = 200
	// smallSet is the largest filter index loaded whole to sort it by expiry.
	smallSet = 2000
)

// globalKeys are the KEYS indexSyncLua and indexRemoveLua share, in their order, followed by more.
func (s *Store) globalKeys(more ...string) []string {
	keys := append(make([]string, 0, 7+len(more)),
		s.idxKey("all"), s.idxKey("exp"),
		s.statusKey(BriefGenerating), s.statusKey(BriefDone), s.statusKey(BriefFailed),
		s.idxKey("rec"), s.idxKey("bytes"))
	return append(keys, more...)
}

// indexBrief writes a brief's global index entries (and its owner's entry when withUser), from
// the state in sum.
func (s *Store) indexBrief(ctx context.Context, sum Summary, withUser bool) error {
	keys := s.globalKeys(s.sectorKey(sum.Sector))
	args := []any{
		sum.ID, sum.CreatedAt.UnixMilli(), sum.ExpiresAt.UnixMilli(), string(sum.Status),
		sum.StoredBytes + sum.HistoryBytes, sum.OwnerID, sum.Sector, s.sectorKey(""), sum.seq,
	}
	if !withUser {
		return classify(s.scripts.indexSync.Run(ctx, s.rdb, keys, args...).Err())
	}
	// Different slots: go-redis sends each to its node, in parallel on a cluster. A pipeline
	// cannot fall back from EVALSHA to EVAL, so it sends the script itself.
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.ZAdd(ctx, s.userKey(sum.OwnerID), redis.Z{Score: float64(sum.CreatedAt.UnixMilli()), Member: sum.ID})
		p.Eval(ctx, indexSyncLua, keys, args...)
		return nil
	})
	return classify(err)
}

// unindex removes a brief from every global index and from its owner's index.
func (s *Store) unindex(ctx context.Context, id, owner string) error {
	recOwner, err := s.scripts.indexRemove.Run(ctx, s.rdb, s.globalKeys(), id, s.sectorKey("")).Text()
	if err != nil {
		return classify(err)
	}
	owners := []string{owner}
	if recOwner != owner {
		owners = append(owners, recOwner)
	}
	for _, o := range owners {
		if o == "" {
			continue
		}
		if err := s.rdb.ZRem(ctx, s.userKey(o), id).Err(); err != nil {
			return classify(err)
		}
	}
	return nil
}

// repair makes every index agree with the brief as it is now: entries of a brief that is gone are
// removed, those of a live brief rewritten from its summary. seenIn are indexes the brief was
// found in; it is removed from those it does not belong to (a user index of another owner, a
// sector index without a record to name it).
func (s *Store) repair(ctx context.Context, id string, seenIn ...string) error {
	h, err := s.rdb.HGetAll(ctx, s.metaKey(id)).Result()
	if err != nil {
		return fmt.Errorf("repair index of brief %s: %w", id, classify(err))
	}
	sum, ok := parseSummary(id, h)
	var belongs []string
	if ok {
		if err := s.indexBrief(ctx, sum, true); err != nil {
			return fmt.Errorf("repair index of brief %s: %w", id, err)
		}
		belongs = []string{s.idxKey("all"), s.idxKey("exp"), s.statusKey(sum.Status), s.sectorKey(sum.Sector), s.userKey(sum.OwnerID)}
	} else if err := s.unindex(ctx, id, ""); err != nil {
		return fmt.Errorf("repair index of brief %s: %w", id, err)
	}
	for _, key := range seenIn {
		if slices.Contains(belongs, key) {
			continue
		}
		if err := s.rdb.ZRem(ctx, key, id).Err(); err != nil {
			return fmt.Errorf("repair index of brief %s: %w", id, classify(err))
		}
	}
	return nil
}

// staleEntry is an index entry found to disagree with its brief, and where it was found.
type staleEntry struct {
	id     string
	seenIn []string
}

// repairAll repairs index entries found stale while doing something else; failures are logged,
// since the entry stays where the next listing or janitor pass finds it again.
func (s *Store) repairAll(ctx context.Context, stale []staleEntry, during string) {
	for _, st := range stale {
		if err := s.repair(ctx, st.id, st.seenIn...); err != nil {
			s.opts.Logger.Warn("index repair failed", "during", during, "brief", st.id, "err", err)
		}
	}
}

// position is a place in an index: entries are ordered by score, then by member.
type position struct {
	score float64
	id    string
}

// Cursor kinds, so a cursor from one listing is refused by another.
const (
	cursorUser    = 'u'
	cursorCreated = 'c'
	cursorExpiry  = 'e'
)

func encodeCursor(kind byte, p *position) string {
	if p == nil {
		return ""
	}
	raw := string(kind) + strconv.FormatInt(int64(p.score), 10) + "." + p.id
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

func decodeCursor(kind byte, c string) (*position, error) {
	if c == "" {
		return nil, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(raw) < 2 || raw[0] != kind {
		return nil, fmt.Errorf("%w: cursor", ErrInvalid)
	}
	score, id, ok := strings.Cut(string(raw[1:]), ".")
	n, err := strconv.ParseInt(score, 10, 64)
	if !ok || err != nil || !validID(id) {
		return nil, fmt.Errorf("%w: cursor", ErrInvalid)
	}
	return &position{score: float64(n), id: id}, nil
}

// source is an index walked in order: by score within [lo, hi], descending when desc.
type source struct {
	key    string
	lo, hi string
	desc   bool
	// byCreated says the scores are creation times (else expiry times), which decides when an
	// entry without a brief may be pruned.
	byCreated bool
}

// after reports whether member m at score sc comes after p in the walk's order.
func (src source) after(sc float64, m string, p *position) bool {
	if p == nil || sc != p.score {
		return true
	}
	if src.desc {
		return m < p.id
	}
	return m > p.id
}

// stale reports whether an entry of src at score whose brief reads sum (zero when the brief is
// gone) must be repaired: its brief is gone past the grace (created) or expiry, the brief fails
// accept, or an expiry entry disagrees with the brief's expiry.
func (src source) stale(score float64, sum Summary, accept func(Summary) bool, now int64) bool {
	switch {
	case sum.ID == "" && src.byCreated:
		return score < float64(now-pruneGrace.Milliseconds())
	case sum.ID == "":
		return score < float64(now)
	}
	return !accept(sum) || !src.byCreated && score != float64(sum.ExpiresAt.UnixMilli())
}

// walk calls visit with the entries of src after cur, a chunk at a time, until visit stops it, the
// index ends or budget entries were read. It returns the position to continue from, nil at the end.
func (s *Store) walk(ctx context.Context, src source, cur *position, chunk, budget int,
	visit func([]redis.Z) (consumed int, stop bool, err error)) (*position, error) {
	start, stop := src.lo, src.hi
	if src.desc {
		start, stop = src.hi, src.lo
	}
	if cur != nil {
		start = strconv.FormatInt(int64(cur.score), 10)
	}
	var offset int64
	var last *position
	for seen := 0; seen < budget; {
		n := min(chunk, budget-seen)
		zs, err := s.rdb.ZRangeArgsWithScores(ctx, redis.ZRangeArgs{
			Key: src.key, Start: start, Stop: stop, ByScore: true, Rev: src.desc, Offset: offset, Count: int64(n),
		}).Result()
		if err != nil {
			return nil, classify(err)
		}
		seen += len(zs)
		fresh := zs[:0:0]
		for _, z := range zs {
			if src.after(z.Score, z.Member.(string), cur) {
				fresh = append(fresh, z)
			}
		}
		if len(fresh) > 0 {
			consumed, done, err := visit(fresh)
			if err != nil {
				return nil, err
			}
			if done {
				z := fresh[consumed-1]
				return &position{score: z.Score, id: z.Member.(string)}, nil
			}
		}
		if len(zs) < n {
			return nil, nil
		}
		z := zs[len(zs)-1]
		last = &position{score: z.Score, id: z.Member.(string)}
		// Continue from the last score; the offset skips the entries at that score already read.
		next := strconv.FormatInt(int64(z.Score), 10)
		if next == start {
			offset += int64(len(zs))
		} else {
			start, offset = next, 0
			for _, y := range zs {
				if y.Score == z.Score {
					offset++
				}
			}
		}
	}
	return last, nil
}

// membership is a filter index an entry must be in.
type membership struct {
	key    string
	lo, hi float64 // score bounds, inclusive
}

// page collects up to limit summaries from src after cur that are in every index of checks and
// that accept admits, checking each against its brief. Entries whose brief is gone are pruned;
// entries that disagree with their brief are repaired.
func (s *Store) page(ctx context.Context, src source, checks []membership, accept func(Summary) bool,
	cur *position, limit int) ([]Summary, *position, error) {
	chunk := checkChunk
	if len(checks) == 0 {
		chunk = limit + limit/4 + 2
	}
	var out []Summary
	var stale []staleEntry
	seenIn := []string{src.key}
	for _, c := range checks {
		seenIn = append(seenIn, c.key)
	}
	now := s.now().UnixMilli()
	next, err := s.walk(ctx, src, cur, chunk, pageBudget, func(zs []redis.Z) (int, bool, error) {
		ids := make([]string, len(zs))
		for i, z := range zs {
			ids[i] = z.Member.(string)
		}
		in, err := s.members(ctx, ids, checks)
		if err != nil {
			return 0, false, err
		}
		for i := 0; i < len(zs); {
			// Read the briefs of the next few candidates: about as many as the page still needs.
			var batch []int
			for ; i < len(zs) && len(batch) < limit-len(out)+2; i++ {
				if in[i] {
					batch = append(batch, i)
				}
			}
			if len(batch) == 0 {
				continue
			}
			sums, err := s.summaries(ctx, ids, batch)
			if err != nil {
				return 0, false, err
			}
			for j, k := range batch {
				sum := sums[j]
				switch {
				case src.stale(zs[k].Score, sum, accept, now):
					stale = append(stale, staleEntry{id: ids[k], seenIn: seenIn})
				case sum.ID != "":
					out = append(out, sum)
					if len(out) == limit {
						return k + 1, true, nil
					}
				}
			}
		}
		return len(zs), false, nil
	})
	if err != nil {
		return nil, nil, err
	}
	s.repairAll(ctx, stale, "listing")
	return out, next, nil
}

// members reports for each id whether it is in every index of checks, within its score bounds.
func (s *Store) members(ctx context.Context, ids []string, checks []membership) ([]bool, error) {
	in := make([]bool, len(ids))
	for i := range in {
		in[i] = true
	}
	if len(checks) == 0 {
		return in, nil
	}
	cmds := make([]*redis.FloatSliceCmd, len(checks))
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, c := range checks {
			cmds[i] = p.ZMScore(ctx, c.key, ids...)
		}
		return nil
	})
	if err != nil {
		return nil, classify(err)
	}
	for ci, c := range checks {
		scores := cmds[ci].Val()
		for i := range ids {
			// ZMSCORE answers nil for a missing member, which go-redis reads as 0: no brief has
			// an index score of 0.
			if i >= len(scores) || scores[i] == 0 || scores[i] < c.lo || scores[i] > c.hi {
				in[i] = false
			}
		}
	}
	return in, nil
}

// summaries reads the briefs ids[k] for k in which, in one pipeline; a missing brief gives a zero
// Summary.
func (s *Store) summaries(ctx context.Context, ids []string, which []int) ([]Summary, error) {
	cmds := make([]*redis.MapStringStringCmd, len(which))
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for j, k := range which {
			cmds[j] = p.HGetAll(ctx, s.metaKey(ids[k]))
		}
		return nil
	})
	if err != nil {
		return nil, classify(err)
	}
	out := make([]Summary, len(which))
	for j, k := range which {
		if sum, ok := parseSummary(ids[k], cmds[j].Val()); ok {
			out[j] = sum
		}
	}
	return out, nil
}

func clampLimit(limit int) int {
	if limit <= 0 {
		return defaultLimit
	}
	return min(limit, maxLimit)
}

// ListUserSessions lists an owner's briefs, newest first, limit per page (20 by default, at most
// 100). cursor is "" for the first page and the returned next cursor after it; next is "" on the
// last page.
func (s *Store) ListUserSessions(ctx context.Context, ownerID, cursor string, limit int) ([]Summary, string, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if checkOwner(ownerID) != nil {
		return nil, "", nil
	}
	cur, err := decodeCursor(cursorUser, cursor)
	if err != nil {
		return nil, "", fmt.Errorf("list briefs of %s: %w", ownerID, err)
	}
	src := source{key: s.userKey(ownerID), lo: "-inf", hi: "+inf", desc: true, byCreated: true}
	accept := func(sum Summary) bool { return sum.OwnerID == ownerID }
	out, next, err := s.page(ctx, src, nil, accept, cur, clampLimit(limit))
	if err != nil {
		return nil, "", fmt.Errorf("list briefs of %s: %w", ownerID, err)
	}
	return out, encodeCursor(cursorUser, next), nil
}

// SortKey orders an admin listing.
type SortKey string

const (
	SortCreated SortKey = "created"
	SortExpiry  SortKey = "expiry"
)

// Filter narrows an admin listing; zero fields match everything. CreatedTo is exclusive.
type Filter struct {
	OwnerID     string
	Sector      string
	Status      BriefStatus
	CreatedFrom time.Time
	CreatedTo   time.Time
	Sort        SortKey
	Desc        bool
}

func (f Filter) accept(sum Summary) bool {
	created := sum.CreatedAt.UnixMilli()
	return (f.OwnerID == "" || sum.OwnerID == f.OwnerID) &&
		(f.Sector == "" || sum.Sector == f.Sector) &&
		(f.Status == "" || sum.Status == f.Status) &&
		(f.CreatedFrom.IsZero() || created >= f.CreatedFrom.UnixMilli()) &&
		(f.CreatedTo.IsZero() || created < f.CreatedTo.UnixMilli())
}

// createdBounds are the filter's creation range as inclusive scores.
func (f Filter) createdBounds() (lo, hi float64) {
	lo, hi = 1, float64(1<<53)
	if !f.CreatedFrom.IsZero() {
		lo = float64(f.CreatedFrom.UnixMilli())
	}
	if !f.CreatedTo.IsZero() {
		hi = float64(f.CreatedTo.UnixMilli() - 1)
	}
	return lo, hi
}

// ListAll lists every user's briefs for the admin console, from the indexes only (never by
// scanning keys): the filter's most selective index is walked in order and the others are checked
// per entry, with bounded work per page. A page may come back short with a next cursor when the
// filter matches few entries of a long index; "" means the end.
func (s *Store) ListAll(ctx context.Context, f Filter, cursor string, limit int) ([]Summary, string, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	out, next, err := s.listAll(ctx, f, cursor, clampLimit(limit))
	if err != nil {
		return nil, "", fmt.Errorf("list all briefs: %w", err)
	}
	return out, next, nil
}

func (s *Store) listAll(ctx context.Context, f Filter, cursor string, limit int) ([]Summary, string, error) {
	if f.Status != "" && !f.Status.valid() {
		return nil, "", fmt.Errorf("%w: status %q", ErrInvalid, f.Status)
	}
	if f.OwnerID != "" && checkOwner(f.OwnerID) != nil {
		return nil, "", nil
	}
	kind := byte(cursorCreated)
	switch f.Sort {
	case "", SortCreated:
	case SortExpiry:
		kind = cursorExpiry
	default:
		return nil, "", fmt.Errorf("%w: sort %q", ErrInvalid, f.Sort)
	}
	cur, err := decodeCursor(kind, cursor)
	if err != nil {
		return nil, "", err
	}
	lo, hi := f.createdBounds()
	// The filter's indexes, all scored by creation time.
	var filters []membership
	if f.OwnerID != "" {
		filters = append(filters, membership{key: s.userKey(f.OwnerID), lo: lo, hi: hi})
	}
	if f.Sector != "" {
		filters = append(filters, membership{key: s.sectorKey(f.Sector), lo: lo, hi: hi})
	}
	if f.Status != "" {
		filters = append(filters, membership{key: s.statusKey(f.Status), lo: lo, hi: hi})
	}
	counts, err := s.counts(ctx, filters)
	if err != nil {
		return nil, "", err
	}
	// Most selective first.
	order := make([]int, len(filters))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(counts[a], counts[b]) })
	sorted := make([]membership, len(filters))
	for i, k := range order {
		sorted[i] = filters[k]
	}
	filters = sorted
	if len(filters) > 0 && counts[order[0]] == 0 {
		return nil, "", nil
	}
	var out []Summary
	var next *position
	switch {
	case kind == cursorCreated && len(filters) > 0:
		d := filters[0]
		src := source{key: d.key, lo: score(d.lo), hi: score(d.hi), desc: f.Desc, byCreated: true}
		out, next, err = s.page(ctx, src, filters[1:], f.accept, cur, limit)
	case kind == cursorCreated:
		src := source{key: s.idxKey("all"), lo: score(lo), hi: score(hi), desc: f.Desc, byCreated: true}
		out, next, err = s.page(ctx, src, nil, f.accept, cur, limit)
	case len(filters) > 0 && counts[order[0]] <= smallSet:
		out, next, err = s.pageByExpirySmall(ctx, filters, f, cur, limit)
	default:
		checks := filters
		if !f.CreatedFrom.IsZero() || !f.CreatedTo.IsZero() {
			checks = append(checks, membership{key: s.idxKey("all"), lo: lo, hi: hi})
		}
		src := source{key: s.idxKey("exp"), lo: "-inf", hi: "+inf", desc: f.Desc}
		out, next, err = s.page(ctx, src, checks, f.accept, cur, limit)
	}
	if err != nil {
		return nil, "", err
	}
	return out, encodeCursor(kind, next), nil
}

func score(f float64) string { return strconv.FormatInt(int64(f), 10) }

// counts is how many entries each filter index has in its score bounds.
func (s *Store) counts(ctx context.Context, filters []membership) ([]int64, error) {
	if len(filters) == 0 {
		return nil, nil
	}
	cmds := make([]*redis.IntCmd, len(filters))
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, m := range filters {
			cmds[i] = p.ZCount(ctx, m.key, score(m.lo), score(m.hi))
		}
		return nil
	})
	if err != nil {
		return nil, classify(err)
	}
	out := make([]int64, len(cmds))
	for i, c := range cmds {
		out[i] = c.Val()
	}
	return out, nil
}

// pageByExpirySmall orders a small filter index by expiry in memory: all its entries (at most
// smallSet), their expiry scores, then the page after cur.
func (s *Store) pageByExpirySmall(ctx context.Context, filters []membership, f Filter, cur *position, limit int) ([]Summary, *position, error) {
	d := filters[0]
	ids, err := s.rdb.ZRangeArgs(ctx, redis.ZRangeArgs{Key: d.key, Start: score(d.lo), Stop: score(d.hi), ByScore: true}).Result()
	if err != nil {
		return nil, nil, classify(err)
	}
	in, err := s.members(ctx, ids, filters[1:])
	if err != nil {
		return nil, nil, err
	}
	exps, err := s.rdb.ZMScore(ctx, s.idxKey("exp"), ids...).Result()
	if err != nil {
		return nil, nil, classify(err)
	}
	order := func(a, b redis.Z) int {
		if f.Desc {
			return -cmpZ(a, b)
		}
		return cmpZ(a, b)
	}
	var zs []redis.Z
	for i, id := range ids {
		if !in[i] || i >= len(exps) || exps[i] == 0 {
			continue
		}
		z := redis.Z{Score: exps[i], Member: id}
		if cur == nil || order(z, redis.Z{Score: cur.score, Member: cur.id}) > 0 {
			zs = append(zs, z)
		}
	}
	slices.SortFunc(zs, order)
	batchIDs := make([]string, len(zs))
	for k, z := range zs {
		batchIDs[k] = z.Member.(string)
	}
	var out []Summary
	var stale []staleEntry
	var seenIn []string
	for _, m := range filters {
		seenIn = append(seenIn, m.key)
	}
	byExpiry := source{} // the entries are scored by expiry time
	now := s.now().UnixMilli()
	for i := 0; i < len(zs) && len(out) < limit; {
		var batch []int
		for ; i < len(zs) && len(batch) < limit-len(out)+2; i++ {
			batch = append(batch, i)
		}
		sums, err := s.summaries(ctx, batchIDs, batch)
		if err != nil {
			return nil, nil, err
		}
		for j, k := range batch {
			sum := sums[j]
			switch {
			case byExpiry.stale(zs[k].Score, sum, f.accept, now):
				stale = append(stale, staleEntry{id: batchIDs[k], seenIn: seenIn})
			case sum.ID != "":
				out = append(out, sum)
			}
			if len(out) == limit {
				s.repairAll(ctx, stale, "listing")
				if k == len(zs)-1 {
					return out, nil, nil
				}
				return out, &position{score: zs[k].Score, id: batchIDs[k]}, nil
			}
		}
	}
	s.repairAll(ctx, stale, "listing")
	return out, nil, nil
}

func cmpZ(a, b redis.Z) int {
	switch {
	case a.Score < b.Score:
		return -1
	case a.Score > b.Score:
		return 1
	}
	return strings.Compare(a.Member.(string), b.Member.(string))
}
