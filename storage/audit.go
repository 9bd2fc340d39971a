package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// AuditLength bounds the admin audit log: once it is full, each new entry drops the oldest.
const AuditLength = 1000

// maxAuditDetail bounds an entry's free text, so the log stays small enough to read whole.
const maxAuditDetail = 200

// AuditEntry is one admin action: who did what to which brief or account, and when.
type AuditEntry struct {
	At      time.Time `json:"at"`
	ActorID string    `json:"actor_id"`
	// Actor is the admin's email when they acted, kept so the entry still reads after the account goes.
	Actor  string `json:"actor"`
	Action string `json:"action"`
	// Target is the brief id or user id acted on.
	Target string `json:"target"`
	Detail string `json:"detail,omitempty"`
}

// auditKey is the audit log (p:audit): a list of JSON entries, newest first, at most AuditLength.
func (s *Store) auditKey() string { return s.opts.Prefix + ":audit" }

// RecordAudit puts e at the head of the audit log and trims the log to AuditLength entries, in
// one MULTI so the log never grows past its bound. A zero At is now.
func (s *Store) RecordAudit(ctx context.Context, e AuditEntry) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if e.Action == "" || e.ActorID == "" {
		return fmt.Errorf("record audit: %w: an entry needs an actor and an action", ErrInvalid)
	}
	if e.At.IsZero() {
		e.At = s.now()
	}
	e.At = e.At.UTC().Truncate(time.Millisecond)
	if r := []rune(e.Detail); len(r) > maxAuditDetail {
		e.Detail = string(r[:maxAuditDetail])
	}
	raw, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("record audit %s: %w", e.Action, err)
	}
	key := s.auditKey()
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.LPush(ctx, key, raw)
		p.LTrim(ctx, key, 0, AuditLength-1)
		return nil
	})
	if err != nil {
		return fmt.Errorf("record audit %s: %w", e.Action, classify(err))
	}
	return nil
}

// AuditLog returns audit entries, newest first: at most limit of them, and only those whose target
// is target unless target is "".
func (s *Store) AuditLog(ctx context.Context, target string, limit int) ([]AuditEntry, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if limit <= 0 || limit > AuditLength {
		limit = AuditLength
	}
	stop := int64(limit - 1)
	if target != "" {
		// Entries about one target are found by reading the whole (bounded) log.
		stop = -1
	}
	raws, err := s.rdb.LRange(ctx, s.auditKey(), 0, stop).Result()
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", classify(err))
	}
	out := make([]AuditEntry, 0, min(len(raws), limit))
	for _, raw := range raws {
		var e AuditEntry
		if err := json.Unmarshal([]byte(raw), &e); err != nil {
			return nil, fmt.Errorf("read audit log: entry %.60q: %w", raw, err)
		}
		if target != "" && e.Target != target {
			continue
		}
		out = append(out, e)
		if len(out) == limit {
			break
		}
	}
	return out, nil
}
