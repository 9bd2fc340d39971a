// Package storage keeps Genesis briefs in Redis as a small virtual file system: a brief is a
// directory of versioned files plus summary fields, listed through sorted-set indexes, and works the
// same on one redis-server, on Redis Cluster and behind Sentinel.
//
// Keys (p is Options.Prefix; the braces are Redis Cluster hash tags):
//
//	p:{b:ID}:m          hash   summary fields, per-brief totals, each file's version and size
//	p:{b:ID}:f:NAME     string the file's current version (see codec.go)
//	p:{b:ID}:h:NAME:V   string version V of the file, once replaced; the last 10 are kept
//	p:{b:ID}:l:SECTION  string lease on a section's generation: holder, own TTL
//	p:{b:ID}:ev         channel progress events
//	p:{u:UID}:b         zset   the owner's briefs by creation time
//	p:{idx}:all         zset   every brief by creation time
//	p:{idx}:exp         zset   every brief by expiry time
//	p:{idx}:st:STATUS   zset   briefs with that overall status, by creation time
//	p:{idx}:sec:SECTOR  zset   briefs of that sector, by creation time
//	p:{idx}:rec         hash   brief id -> "seq|stored bytes|owner|sector", for removal and Stats
//	p:{idx}:bytes       string sum of the stored bytes in rec
//
// Every key of a brief shares one slot and one expiry time, and each change to a brief is one Lua
// call. The indexes live in other slots; they are maintained by separate idempotent calls after the
// brief changes and are never trusted alone: listings check each entry against the brief and repair
// or drop stale ones, and the janitor prunes what expired.
package storage

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/klauspost/compress/zstd"
	"github.com/redis/go-redis/v9"
)

// ErrInvalid means a name, id or value the caller passed can never be stored (a malformed file
// name, a reserved field). It is the caller's mistake, not a state of the store.
var ErrInvalid = errors.New("invalid")

// Defaults for Options fields left zero.
const (
	DefaultPrefix        = "genesis"
	DefaultTTL           = 7 * 24 * time.Hour
	DefaultMaxFileSize   = 1 << 20
	DefaultMaxBriefSize  = 8 << 20
	DefaultCompressAbove = 512
	DefaultTimeout       = time.Second
	// HistoryLength is how many previous versions of a file are kept.
	HistoryLength = 10
)

// Options configure a Store; zero values take the defaults above.
type Options struct {
	// Prefix starts every key, so several deployments can share one Redis.
	Prefix string
	// TTL is a new brief's lifetime (BRIEF_TTL).
	TTL time.Duration
	// Mode is how Redis is deployed, as Connect reported it; empty means detect from the client.
	Mode Mode
	// MaxFileSize bounds one file's content, before compression.
	MaxFileSize int
	// MaxBriefSize bounds the stored bytes of a brief's current files together (history is bounded
	// separately: HistoryLength versions per file).
	MaxBriefSize int
	// CompressAbove is the size from which a file is stored zstd-compressed.
	CompressAbove int
	// Timeout bounds every call whose context has no earlier deadline.
	Timeout time.Duration
	// Clock gives the time written into briefs and the instant they expire; tests replace it. It
	// must stay close to real time: Redis deletes keys when its own clock reaches that instant.
	Clock func() time.Time
	// ReadCacheBytes bounds the cache of decompressed files (default DefaultReadCacheBytes);
	// negative turns it off.
	ReadCacheBytes int
	// Logger receives what has no caller to return to: janitor passes and index updates that
	// failed after the brief itself was written (the janitor repairs those).
	Logger *slog.Logger
}

// Store is the brief file system. It is safe for concurrent use.
type Store struct {
	rdb     redis.UniversalClient
	opts    Options
	enc     *zstd.Encoder
	dec     *zstd.Decoder
	scripts scripts
	cache   *decodedCache // nil when turned off
}

// New returns a Store over rdb. It does not contact Redis; HealthCheck does.
func New(rdb redis.UniversalClient, opts Options) *Store {
	if opts.Prefix == "" {
		opts.Prefix = DefaultPrefix
	}
	if opts.TTL <= 0 {
		opts.TTL = DefaultTTL
	}
	if opts.Mode == "" {
		opts.Mode = Standalone
		if _, ok := rdb.(*redis.ClusterClient); ok {
			opts.Mode = Cluster
		}
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	if opts.MaxBriefSize <= 0 {
		opts.MaxBriefSize = DefaultMaxBriefSize
	}
	if opts.CompressAbove <= 0 {
		opts.CompressAbove = DefaultCompressAbove
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	enc, dec := newCodec()
	st := &Store{rdb: rdb, opts: opts, enc: enc, dec: dec, scripts: newScripts()}
	if opts.ReadCacheBytes == 0 {
		opts.ReadCacheBytes = DefaultReadCacheBytes
	}
	if opts.ReadCacheBytes > 0 {
		st.cache = newDecodedCache(opts.ReadCacheBytes)
	}
	return st
}

// Prefix is the key prefix in use.
func (s *Store) Prefix() string { return s.opts.Prefix }

// TTL is the lifetime of a new brief.
func (s *Store) TTL() time.Duration { return s.opts.TTL }

// bound gives ctx a deadline no later than the store's Timeout from now.
func (s *Store) bound(ctx context.Context) (context.Context, context.CancelFunc) {
	return boundTo(ctx, s.opts.Timeout)
}

func boundTo(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) <= d {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, d)
}

// detached is for index maintenance after a brief was written: the caller going away must not
// leave the indexes behind the brief, so it keeps the values of ctx but not its cancellation.
func (s *Store) detached(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), s.opts.Timeout)
}

func (s *Store) now() time.Time { return s.opts.Clock() }

// Key names. Hash tags keep a brief's keys in one cluster slot, a user's in another, and all global
// indexes in a third, so each group can change in one Lua call.

func (s *Store) briefTag(id string) string      { return s.opts.Prefix + ":{b:" + id + "}" }
func (s *Store) metaKey(id string) string       { return s.briefTag(id) + ":m" }
func (s *Store) filePrefix(id string) string    { return s.briefTag(id) + ":f:" }
func (s *Store) fileKey(id, name string) string { return s.filePrefix(id) + name }
func (s *Store) histPrefix(id string) string    { return s.briefTag(id) + ":h:" }
func (s *Store) histKey(id, name string, v int64) string {
	return s.histPrefix(id) + name + ":" + strconv.FormatInt(v, 10)
}
func (s *Store) leasePrefix(id string) string    { return s.briefTag(id) + ":l:" }
func (s *Store) leaseKey(id, sec string) string  { return s.leasePrefix(id) + sec }
func (s *Store) eventsChannel(id string) string  { return s.briefTag(id) + ":ev" }
func (s *Store) userKey(uid string) string       { return s.opts.Prefix + ":{u:" + uid + "}:b" }
func (s *Store) idxKey(name string) string       { return s.opts.Prefix + ":{idx}:" + name }
func (s *Store) statusKey(st BriefStatus) string { return s.idxKey("st:" + string(st)) }
func (s *Store) sectorKey(sector string) string  { return s.idxKey("sec:" + sector) }

// classify maps a go-redis error to the typed errors callers tell apart. Replies Redis gives for a
// bad request (WRONGTYPE, a script error) stay as they are: they are bugs, not states of the store.
func classify(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	var reply redis.Error
	if !errors.As(err, &reply) {
		// Not a reply: the connection failed, timed out or the pool had none to give.
		return fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	switch {
	case redis.IsOOMError(err):
		return fmt.Errorf("%w: %w", ErrFull, err)
	case redis.IsLoadingError(err), redis.IsClusterDownError(err), redis.IsTryAgainError(err),
		redis.IsMasterDownError(err), redis.IsReadOnlyError(err), redis.IsMaxClientsError(err),
		redis.IsNoReplicasError(err), redis.HasErrorPrefix(err, "BUSY"), redis.HasErrorPrefix(err, "MISCONF"):
		return fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	return err
}
