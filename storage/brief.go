package storage

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// idLen is the length of a brief id: 128 random bits in URL-safe base64.
const idLen = 22

func newID() string { return randomToken(16) }

// newOp names one call, so a call go-redis retries after a lost reply is recognised as applied.
func newOp() string { return randomToken(9) }

// WriteSession creates a brief with a fresh id and returns its summary. The brief is created only if
// the id was never used (NX), and its index entries are written first: an entry without a brief is
// invisible and pruned, a brief without entries would be lost to listings.
func (s *Store) WriteSession(ctx context.Context, n NewSession) (Summary, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if err := s.checkNew(n); err != nil {
		return Summary{}, fmt.Errorf("create brief: %w", err)
	}
	ttl := n.TTL
	if ttl <= 0 {
		ttl = s.opts.TTL
	}
	now := s.now()
	sum := Summary{
		OwnerID:      n.OwnerID,
		BusinessName: n.BusinessName,
		Sector:       n.Sector,
		City:         n.City,
		Country:      n.Country,
		Language:     n.Language,
		Status:       deriveStatus(n.Sections),
		Sections:     map[string]SectionState{},
		CreatedAt:    time.UnixMilli(now.UnixMilli()),
		ExpiresAt:    time.UnixMilli(now.Add(ttl).UnixMilli()),
		Fields:       map[string]string{},
		seq:          1,
	}
	fields := []any{
		"owner", n.OwnerID, "created", sum.CreatedAt.UnixMilli(), "status", string(sum.Status), "seq", 1,
		FieldBusinessName, n.BusinessName, FieldSector, n.Sector, FieldCity, n.City,
		FieldCountry, n.Country, FieldLanguage, n.Language,
	}
	for sec, st := range n.Sections {
		fields = append(fields, StatusField(sec), string(st), "since:"+sec, sum.CreatedAt.UnixMilli())
		sum.Sections[sec] = SectionState{Status: st, Since: sum.CreatedAt}
	}
	for k, v := range n.Fields {
		fields = append(fields, k, v)
		sum.Fields[k] = v
	}
	var files []any
	for name, data := range n.Files {
		v := s.storedValue(1, sum.CreatedAt, data)
		files = append(files, name, v)
		sum.StoredBytes += int64(len(v))
		sum.Versions++
	}
	if sum.StoredBytes > int64(s.opts.MaxBriefSize) {
		return Summary{}, fmt.Errorf("create brief: %w: %d stored bytes (at most %d)", ErrTooLarge, sum.StoredBytes, s.opts.MaxBriefSize)
	}
	op := newOp()
	// A collision of 128 random bits does not happen; the loop only keeps NX honest if it did.
	for range 3 {
		sum.ID = newID()
		if err := s.indexBrief(ctx, sum, true); err != nil {
			return Summary{}, fmt.Errorf("create brief: index: %w", err)
		}
		args := append([]any{op, sum.ExpiresAt.UnixMilli(), s.opts.MaxBriefSize, s.filePrefix(sum.ID), len(fields) / 2}, fields...)
		args = append(args, files...)
		res, err := s.scripts.create.Run(ctx, s.rdb, []string{s.metaKey(sum.ID)}, args...).StringSlice()
		if err != nil {
			return Summary{}, fmt.Errorf("create brief %s: %w", sum.ID, classify(err))
		}
		switch res[0] {
		case "OK":
			return sum, nil
		case "TOOLARGE":
			return Summary{}, fmt.Errorf("create brief: %w: %s stored bytes (at most %d)", ErrTooLarge, res[1], s.opts.MaxBriefSize)
		}
		// EXISTS: the entries just written point at someone else's brief; restore them.
		if err := s.repair(ctx, sum.ID, s.userKey(n.OwnerID), s.sectorKey(n.Sector), s.statusKey(sum.Status)); err != nil {
			return Summary{}, fmt.Errorf("create brief: %w", err)
		}
	}
	return Summary{}, errors.New("create brief: no unused id after 3 attempts")
}

func (s *Store) checkNew(n NewSession) error {
	if err := checkOwner(n.OwnerID); err != nil {
		return err
	}
	if len(n.Sector) > maxSector {
		return fmt.Errorf("%w: sector is %d bytes (at most %d)", ErrInvalid, len(n.Sector), maxSector)
	}
	for _, v := range []string{n.BusinessName, n.City, n.Country, n.Language} {
		if len(v) > maxFieldValue {
			return fmt.Errorf("%w: summary field of %d bytes (at most %d)", ErrTooLarge, len(v), maxFieldValue)
		}
	}
	if err := checkFields(n.Fields); err != nil {
		return err
	}
	for k := range n.Fields {
		switch k {
		case FieldBusinessName, FieldCity, FieldCountry, FieldLanguage:
			return fmt.Errorf("%w: %s is a NewSession field, not an extra field", ErrInvalid, k)
		}
		if sec, ok := strings.CutPrefix(k, "status:"); ok {
			if _, dup := n.Sections[sec]; dup {
				return fmt.Errorf("%w: status of section %s given twice", ErrInvalid, sec)
			}
		}
	}
	for sec, st := range n.Sections {
		if err := checkName("section", sec); err != nil {
			return err
		}
		if !st.valid() {
			return fmt.Errorf("%w: status %q for section %s", ErrInvalid, st, sec)
		}
	}
	for name, data := range n.Files {
		if err := checkName("file", name); err != nil {
			return err
		}
		if len(data) > s.opts.MaxFileSize {
			return fmt.Errorf("%w: file %s is %d bytes (at most %d)", ErrTooLarge, name, len(data), s.opts.MaxFileSize)
		}
	}
	return nil
}

// ReadSession reads a brief's summary and current files, in one round trip when it has only the
// usual files. Each file carries its own version, so a write landing between the reads of two
// files leaves each of them whole.
func (s *Store) ReadSession(ctx context.Context, id string) (Session, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if !validID(id) {
		return Session{}, fmt.Errorf("read brief %q: %w", id, ErrNotFound)
	}
	var meta *redis.MapStringStringCmd
	var usual *redis.SliceCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		meta = p.HGetAll(ctx, s.metaKey(id))
		usual = p.MGet(ctx, s.fileKeys(id, briefFiles)...)
		return nil
	})
	if err != nil {
		return Session{}, fmt.Errorf("read brief %s: %w", id, classify(err))
	}
	h := meta.Val()
	sum, ok := parseSummary(id, h)
	if !ok {
		return Session{}, fmt.Errorf("read brief %s: %w", id, ErrNotFound)
	}
	sess := Session{Summary: sum, Files: make(map[string]File, len(briefFiles))}
	add := func(names []string, values []any) error {
		for i, name := range names {
			raw, ok := values[i].(string)
			if !ok {
				if _, listed := h["v:"+name]; listed {
					// Listed but gone: the brief was deleted or expired between the two reads.
					return ErrNotFound
				}
				continue
			}
			f, err := s.file(id, name, []byte(raw))
			if err != nil {
				return fmt.Errorf("file %s: %w", name, err)
			}
			sess.Files[name] = f
		}
		return nil
	}
	if err := add(briefFiles, usual.Val()); err != nil {
		return Session{}, fmt.Errorf("read brief %s: %w", id, err)
	}
	var others []string
	for k := range h {
		if name, ok := strings.CutPrefix(k, "v:"); ok && !slices.Contains(briefFiles, name) {
			others = append(others, name)
		}
	}
	if len(others) > 0 {
		vals, err := s.rdb.MGet(ctx, s.fileKeys(id, others)...).Result()
		if err != nil {
			return Session{}, fmt.Errorf("read brief %s: %w", id, classify(err))
		}
		if err := add(others, vals); err != nil {
			return Session{}, fmt.Errorf("read brief %s: %w", id, err)
		}
	}
	return sess, nil
}

func (s *Store) fileKeys(id string, names []string) []string {
	prefix := s.filePrefix(id)
	keys := make([]string, len(names))
	for i, n := range names {
		keys[i] = prefix + n
	}
	return keys
}

// file decodes the stored value of a file of brief id, from the decoded-file cache when it holds
// that version.
func (s *Store) file(id, name string, raw []byte) (File, error) {
	st, err := s.decodeStoredCached(id, name, raw)
	if err != nil {
		return File{}, err
	}
	return File{Name: name, Version: st.version, Data: st.data, Size: len(st.data), StoredSize: len(raw), UpdatedAt: st.updated}, nil
}

// ReadFile reads one file of a brief. A missing brief or file is ErrNotFound.
func (s *Store) ReadFile(ctx context.Context, id, name string) (File, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if !validID(id) || checkName("file", name) != nil {
		return File{}, fmt.Errorf("read %s of brief %q: %w", name, id, ErrNotFound)
	}
	raw, err := s.rdb.Get(ctx, s.fileKey(id, name)).Bytes()
	if errors.Is(err, redis.Nil) {
		return File{}, fmt.Errorf("read %s of brief %s: %w", name, id, ErrNotFound)
	}
	if err != nil {
		return File{}, fmt.Errorf("read %s of brief %s: %w", name, id, classify(err))
	}
	f, err := s.file(id, name, raw)
	if err != nil {
		return File{}, fmt.Errorf("read %s of brief %s: %w", name, id, err)
	}
	return f, nil
}

// FileHistory returns a file's previous versions, newest first, at most HistoryLength.
func (s *Store) FileHistory(ctx context.Context, id, name string) ([]File, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if !validID(id) || checkName("file", name) != nil {
		return nil, fmt.Errorf("history of %s of brief %q: %w", name, id, ErrNotFound)
	}
	cur, err := s.rdb.HMGet(ctx, s.metaKey(id), "owner", "v:"+name).Result()
	if err != nil {
		return nil, fmt.Errorf("history of %s of brief %s: %w", name, id, classify(err))
	}
	if cur[0] == nil {
		return nil, fmt.Errorf("history of %s of brief %s: %w", name, id, ErrNotFound)
	}
	v, _ := strconv.ParseInt(fmt.Sprint(cur[1]), 10, 64)
	hist, err := s.histories(ctx, id, map[string]int64{name: v})
	return hist[name], err
}

// FileHistories returns the previous versions of several files of a brief, newest first, in one
// round trip, from their current versions (as ReadSession gave them).
func (s *Store) FileHistories(ctx context.Context, id string, versions map[string]int64) (map[string][]File, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if !validID(id) {
		return nil, fmt.Errorf("history of brief %q: %w", id, ErrNotFound)
	}
	for name := range versions {
		if err := checkName("file", name); err != nil {
			return nil, fmt.Errorf("history of %s of brief %s: %w", name, id, err)
		}
	}
	return s.histories(ctx, id, versions)
}

// histories reads the previous versions of files at the given current versions with one MGET:
// they share the brief's hash slot.
func (s *Store) histories(ctx context.Context, id string, versions map[string]int64) (map[string][]File, error) {
	var keys, names []string
	for name, v := range versions {
		for k := v - 1; k >= max(1, v-HistoryLength); k-- {
			keys = append(keys, s.histKey(id, name, k))
			names = append(names, name)
		}
	}
	out := make(map[string][]File, len(versions))
	if len(keys) == 0 {
		return out, nil
	}
	hist, err := s.rdb.MGet(ctx, keys...).Result()
	if err != nil {
		return nil, fmt.Errorf("history of brief %s: %w", id, classify(err))
	}
	for i, v := range hist {
		raw, ok := v.(string)
		if !ok {
			// Dropped by a write since the version was read.
			continue
		}
		f, err := s.file(id, names[i], []byte(raw))
		if err != nil {
			return nil, fmt.Errorf("history of %s of brief %s: %w", names[i], id, err)
		}
		out[names[i]] = append(out[names[i]], f)
	}
	return out, nil
}

// WriteFile writes one file of a brief if its version is opts.ExpectVersion (ErrConflict
// otherwise), and sets opts.Fields in the same atomic call. The file's previous version moves to
// its history. The brief's expiry does not change.
func (s *Store) WriteFile(ctx context.Context, id, name string, data []byte, opts WriteOptions) (File, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if !validID(id) {
		return File{}, fmt.Errorf("write %s of brief %q: %w", name, id, ErrNotFound)
	}
	if err := checkName("file", name); err != nil {
		return File{}, fmt.Errorf("write %s of brief %s: %w", name, id, err)
	}
	if len(data) > s.opts.MaxFileSize {
		return File{}, fmt.Errorf("write %s of brief %s: %w: %d bytes (at most %d)", name, id, ErrTooLarge, len(data), s.opts.MaxFileSize)
	}
	if opts.ExpectVersion < AnyVersion {
		return File{}, fmt.Errorf("write %s of brief %s: %w: expected version %d", name, id, ErrInvalid, opts.ExpectVersion)
	}
	if err := checkFields(opts.Fields); err != nil {
		return File{}, fmt.Errorf("write %s of brief %s: %w", name, id, err)
	}
	now := s.now()
	// With an expected version the new one is known, and so is the whole value; otherwise the
	// script puts the header it decides on in front of the payload.
	var value []byte
	prebuilt := opts.ExpectVersion != AnyVersion
	if prebuilt {
		value = s.storedValue(opts.ExpectVersion+1, now, data)
	} else {
		value = s.encodePayload(data)
	}
	res, err := s.mutate(ctx, id, name, opts.ExpectVersion, value, prebuilt, now, opts.Fields)
	if err != nil {
		return File{}, fmt.Errorf("write %s of brief %s: %w", name, id, err)
	}
	stored := len(value)
	if !prebuilt {
		stored += len(strconv.FormatInt(res.version, 10)) + len(strconv.FormatInt(now.UnixMilli(), 10)) + 2
	}
	return File{
		Name: name, Version: res.version, Data: data, Size: len(data), StoredSize: stored,
		UpdatedAt: time.UnixMilli(now.UnixMilli()),
	}, nil
}

// UpdateFields sets summary fields of a brief in one atomic call, such as a section's status, and
// returns the brief's overall status after it.
func (s *Store) UpdateFields(ctx context.Context, id string, fields map[string]string) (BriefStatus, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if !validID(id) {
		return "", fmt.Errorf("update brief %q: %w", id, ErrNotFound)
	}
	if err := checkFields(fields); err != nil {
		return "", fmt.Errorf("update brief %s: %w", id, err)
	}
	if len(fields) == 0 {
		return "", fmt.Errorf("update brief %s: %w: no fields", id, ErrInvalid)
	}
	res, err := s.mutate(ctx, id, "", AnyVersion, nil, false, s.now(), fields)
	if err != nil {
		return "", fmt.Errorf("update brief %s: %w", id, err)
	}
	return res.summary.Status, nil
}

type mutation struct {
	version int64
	summary Summary // only the fields the indexes need
}

// mutate runs mutateLua, then brings the global indexes up to date when the brief's status changed.
func (s *Store) mutate(ctx context.Context, id, name string, expect int64, value []byte, prebuilt bool, now time.Time, fields map[string]string) (mutation, error) {
	if marksGenerating(fields) {
		// Before the write: should the index update after it be lost, the brief is where the
		// janitor looks for briefs whose status index may be stale.
		if err := s.rdb.ZAddNX(ctx, s.statusKey(BriefGenerating), redis.Z{Score: float64(now.UnixMilli()), Member: id}).Err(); err != nil {
			return mutation{}, classify(err)
		}
	}
	hasHeader := "0"
	if prebuilt {
		hasHeader = "1"
	}
	args := make([]any, 0, 10+2*len(fields))
	args = append(args, name, expect, value, hasHeader, now.UnixMilli(), s.opts.MaxBriefSize, HistoryLength, newOp(),
		s.histPrefix(id)+name+":", len(fields))
	for k, v := range fields {
		args = append(args, k, v)
	}
	keys := []string{s.metaKey(id), s.fileKey(id, name)}
	res, err := s.scripts.mutate.Run(ctx, s.rdb, keys, args...).Slice()
	if err != nil {
		return mutation{}, classify(err)
	}
	switch res[0] {
	case "NOTFOUND":
		return mutation{}, ErrNotFound
	case "CONFLICT":
		return mutation{}, fmt.Errorf("%w: file is at version %v, expected %d", ErrConflict, res[1], expect)
	case "TOOLARGE":
		return mutation{}, fmt.Errorf("%w: brief would take %v stored bytes (at most %d)", ErrTooLarge, res[1], s.opts.MaxBriefSize)
	}
	str := func(i int) string { v, _ := res[i].(string); return v }
	num := func(i int) int64 { n, _ := strconv.ParseInt(str(i), 10, 64); return n }
	version, _ := res[1].(int64)
	m := mutation{
		version: version,
		summary: Summary{
			ID: id, Status: BriefStatus(str(2)), CreatedAt: time.UnixMilli(num(4)), ExpiresAt: time.UnixMilli(num(5)),
			OwnerID: str(6), Sector: str(7), StoredBytes: num(8), HistoryBytes: num(9), seq: num(10),
		},
	}
	// The indexes hold the status (and the sizes Stats adds up): they are updated when the
	// status changes. Sizes changed by other writes reach them at the brief's next status change
	// or the janitor's sweep; an extra call on every write would cost more than they are worth.
	if str(2) != str(3) {
		s.syncAfterWrite(ctx, m.summary)
	}
	return m, nil
}

// syncAfterWrite updates the global indexes once a brief has changed. The brief's change is
// committed by then, so a failure here is not the caller's: it is logged, and listings and the
// janitor repair the entry.
func (s *Store) syncAfterWrite(ctx context.Context, sum Summary) {
	ctx, cancel := s.detached(ctx)
	defer cancel()
	if err := s.indexBrief(ctx, sum, false); err != nil {
		s.opts.Logger.Warn("brief index update deferred to repair", "brief", sum.ID, "err", err)
	}
}

// ExtendSessionTTL gives the brief, all its keys and its expiry index entry the expiry ttl from now,
// and returns that time.
func (s *Store) ExtendSessionTTL(ctx context.Context, id string, ttl time.Duration) (time.Time, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if !validID(id) {
		return time.Time{}, fmt.Errorf("extend brief %q: %w", id, ErrNotFound)
	}
	if ttl < time.Second {
		return time.Time{}, fmt.Errorf("extend brief %s: %w: ttl %v (at least 1s)", id, ErrInvalid, ttl)
	}
	exp := time.UnixMilli(s.now().Add(ttl).UnixMilli())
	res, err := s.scripts.extend.Run(ctx, s.rdb, []string{s.metaKey(id)},
		s.filePrefix(id), s.histPrefix(id), HistoryLength, exp.UnixMilli()).StringSlice()
	if err != nil {
		return time.Time{}, fmt.Errorf("extend brief %s: %w", id, classify(err))
	}
	if res[0] == "NOTFOUND" {
		return time.Time{}, fmt.Errorf("extend brief %s: %w", id, ErrNotFound)
	}
	num := func(i int) int64 { n, _ := strconv.ParseInt(res[i], 10, 64); return n }
	s.syncAfterWrite(ctx, Summary{
		ID: id, CreatedAt: time.UnixMilli(num(1)), ExpiresAt: exp, Status: BriefStatus(res[2]),
		OwnerID: res[3], Sector: res[4], StoredBytes: num(5), HistoryBytes: num(6), seq: num(7),
	})
	return exp, nil
}

// DeleteSession deletes a brief with all its files, history and leases, then its index entries.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if !validID(id) {
		return fmt.Errorf("delete brief %q: %w", id, ErrNotFound)
	}
	res, err := s.scripts.remove.Run(ctx, s.rdb, []string{s.metaKey(id)},
		s.filePrefix(id), s.histPrefix(id), HistoryLength, s.leasePrefix(id)).StringSlice()
	if err != nil {
		return fmt.Errorf("delete brief %s: %w", id, classify(err))
	}
	if res[0] == "NOTFOUND" {
		return fmt.Errorf("delete brief %s: %w", id, ErrNotFound)
	}
	ictx, icancel := s.detached(ctx)
	defer icancel()
	if err := s.unindex(ictx, id, res[1]); err != nil {
		s.opts.Logger.Warn("brief index removal deferred to repair", "brief", id, "err", err)
	}
	return nil
}
