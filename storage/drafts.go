package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Drafts keep what an owner typed in the new-brief form, one draft per user, for a day: the form
// saves it as they type and restores it when they come back.
type Drafts struct {
	rdb    redis.UniversalClient
	prefix string
}

// DraftTTL is how long an untouched draft is kept.
const DraftTTL = 24 * time.Hour

// MaxDraftSize bounds a draft, in bytes.
const MaxDraftSize = 64 << 10

// NewDrafts returns the draft store under prefix.
func NewDrafts(rdb redis.UniversalClient, prefix string) *Drafts {
	return &Drafts{rdb: rdb, prefix: prefix}
}

func (d *Drafts) key(userID string) string { return d.prefix + ":{u:" + userID + "}:draft" }

// SaveDraft replaces the user's draft and gives it a fresh day.
func (d *Drafts) SaveDraft(ctx context.Context, userID string, data []byte) error {
	ctx, cancel := boundTo(ctx, DefaultTimeout)
	defer cancel()
	if len(data) > MaxDraftSize {
		return fmt.Errorf("save draft: %w: %d bytes (at most %d)", ErrTooLarge, len(data), MaxDraftSize)
	}
	if err := d.rdb.Set(ctx, d.key(userID), data, DraftTTL).Err(); err != nil {
		return fmt.Errorf("save draft: %w", classify(err))
	}
	return nil
}

// LoadDraft returns the user's draft; ErrNotFound when there is none.
func (d *Drafts) LoadDraft(ctx context.Context, userID string) ([]byte, error) {
	ctx, cancel := boundTo(ctx, DefaultTimeout)
	defer cancel()
	data, err := d.rdb.Get(ctx, d.key(userID)).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("draft: %w", ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("load draft: %w", classify(err))
	}
	return data, nil
}

// DeleteDraft forgets the user's draft, once the brief it was for exists.
func (d *Drafts) DeleteDraft(ctx context.Context, userID string) error {
	ctx, cancel := boundTo(ctx, DefaultTimeout)
	defer cancel()
	if err := d.rdb.Del(ctx, d.key(userID)).Err(); err != nil {
		return fmt.Errorf("delete draft: %w", classify(err))
	}
	return nil
}
