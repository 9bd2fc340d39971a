package storage

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Role is what a user may do: owners see their own briefs, admins see everything.
type Role string

const (
	RoleOwner Role = "owner"
	RoleAdmin Role = "admin"
)

// User is an account.
type User struct {
	ID           string
	Email        string
	Name         string
	PasswordHash string
	Role         Role
	CreatedAt    time.Time
	// SessionGen grows on every logout; a session cookie carrying an older value is dead.
	SessionGen int64
	// Language is the interface language the user chose ("en", "fr"); "" until they choose one.
	Language string
}

// IsAdmin reports whether the user has the admin role.
func (u User) IsAdmin() bool { return u.Role == RoleAdmin }

// Accounts stores users and API tokens.
type Accounts struct {
	rdb    redis.UniversalClient
	prefix string
	now    func() time.Time
}

// NewAccounts returns the account store under prefix.
func NewAccounts(rdb redis.UniversalClient, prefix string) *Accounts {
	return &Accounts{rdb: rdb, prefix: prefix, now: time.Now}
}

// NormalizeEmail is the form an address is stored and looked up in.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

func (a *Accounts) userKey(id string) string { return a.prefix + ":{u:" + id + "}:user" }

// emailKey maps an address to its user. The address is hashed so any character is safe in a key.
func (a *Accounts) emailKey(email string) string {
	sum := sha256.Sum256([]byte(NormalizeEmail(email)))
	return a.prefix + ":email:" + hex.EncodeToString(sum[:16])
}

func (a *Accounts) usersIndex() string { return a.prefix + ":idx:users" }

func (a *Accounts) tokenKey(token string) string {
	sum := sha256.Sum256([]byte(token))
	return a.prefix + ":token:" + hex.EncodeToString(sum[:])
}

// CreateUser stores a new account. The address is claimed first with NX, so two signups with one
// address can never both succeed; ErrConflict means it is taken.
func (a *Accounts) CreateUser(ctx context.Context, email, name, passwordHash string, role Role) (User, error) {
	ctx, cancel := boundTo(ctx, DefaultTimeout)
	defer cancel()
	u := User{
		ID:           randomToken(16),
		Email:        NormalizeEmail(email),
		Name:         strings.TrimSpace(name),
		PasswordHash: passwordHash,
		Role:         role,
		CreatedAt:    a.now().UTC().Truncate(time.Millisecond),
	}
	claimed, err := a.rdb.SetNX(ctx, a.emailKey(u.Email), u.ID, 0).Result()
	if err != nil {
		return User{}, fmt.Errorf("claim email: %w", classify(err))
	}
	if !claimed {
		return User{}, fmt.Errorf("email %s: %w", u.Email, ErrConflict)
	}
	if err := a.rdb.HSet(ctx, a.userKey(u.ID), map[string]any{
		"id": u.ID, "email": u.Email, "name": u.Name, "password": u.PasswordHash,
		"role": string(u.Role), "created_at": u.CreatedAt.UnixMilli(), "session_gen": 0,
	}).Err(); err != nil {
		// Give the address back, so a failed signup can be retried.
		a.rdb.Del(context.WithoutCancel(ctx), a.emailKey(u.Email))
		return User{}, fmt.Errorf("create user: %w", classify(err))
	}
	if err := a.rdb.ZAdd(ctx, a.usersIndex(), redis.Z{Score: float64(u.CreatedAt.UnixMilli()), Member: u.ID}).Err(); err != nil {
		return User{}, fmt.Errorf("index user: %w", classify(err))
	}
	return u, nil
}

// User returns the account with id.
func (a *Accounts) User(ctx context.Context, id string) (User, error) {
	ctx, cancel := boundTo(ctx, DefaultTimeout)
	defer cancel()
	f, err := a.rdb.HGetAll(ctx, a.userKey(id)).Result()
	if err != nil {
		return User{}, fmt.Errorf("read user: %w", classify(err))
	}
	if len(f) == 0 {
		return User{}, fmt.Errorf("user %s: %w", id, ErrNotFound)
	}
	return parseUser(f), nil
}

// parseUser reads a user's hash.
func parseUser(f map[string]string) User {
	created, _ := strconv.ParseInt(f["created_at"], 10, 64)
	gen, _ := strconv.ParseInt(f["session_gen"], 10, 64)
	return User{
		ID:           f["id"],
		Email:        f["email"],
		Name:         f["name"],
		PasswordHash: f["password"],
		Role:         Role(f["role"]),
		CreatedAt:    time.UnixMilli(created).UTC(),
		SessionGen:   gen,
		Language:     f["language"],
	}
}

// UserByEmail returns the account registered with email.
func (a *Accounts) UserByEmail(ctx context.Context, email string) (User, error) {
	ctx, cancel := boundTo(ctx, DefaultTimeout)
	defer cancel()
	id, err := a.rdb.Get(ctx, a.emailKey(email)).Result()
	if errors.Is(err, redis.Nil) {
		return User{}, fmt.Errorf("email %s: %w", NormalizeEmail(email), ErrNotFound)
	}
	if err != nil {
		return User{}, fmt.Errorf("look up email: %w", classify(err))
	}
	return a.User(ctx, id)
}

// SetRole changes what a user may do.
func (a *Accounts) SetRole(ctx context.Context, id string, role Role) error {
	ctx, cancel := boundTo(ctx, DefaultTimeout)
	defer cancel()
	return a.update(ctx, "set role", id, map[string]any{"role": string(role)})
}

// update sets fields of an existing account; a missing one is ErrNotFound, where HSET alone would
// create it.
func (a *Accounts) update(ctx context.Context, what, id string, fields map[string]any) error {
	n, err := a.rdb.Exists(ctx, a.userKey(id)).Result()
	if err != nil {
		return fmt.Errorf("%s: %w", what, classify(err))
	}
	if n == 0 {
		return fmt.Errorf("user %s: %w", id, ErrNotFound)
	}
	if err := a.rdb.HSet(ctx, a.userKey(id), fields).Err(); err != nil {
		return fmt.Errorf("%s: %w", what, classify(err))
	}
	return nil
}

// Preferences are what a user may change about their own account; an empty field is left as it is.
type Preferences struct {
	Name     string
	Language string
}

// SetPreferences saves the user's display name and interface language in one write.
func (a *Accounts) SetPreferences(ctx context.Context, id string, p Preferences) error {
	ctx, cancel := boundTo(ctx, DefaultTimeout)
	defer cancel()
	fields := map[string]any{}
	if name := strings.TrimSpace(p.Name); name != "" {
		fields["name"] = name
	}
	if p.Language != "" {
		fields["language"] = p.Language
	}
	if len(fields) == 0 {
		return nil
	}
	return a.update(ctx, "set preferences", id, fields)
}

// EndSessions invalidates every browser session of the user: their cookies carry the old generation.
func (a *Accounts) EndSessions(ctx context.Context, id string) error {
	ctx, cancel := boundTo(ctx, DefaultTimeout)
	defer cancel()
	if err := a.rdb.HIncrBy(ctx, a.userKey(id), "session_gen", 1).Err(); err != nil {
		return fmt.Errorf("end sessions: %w", classify(err))
	}
	return nil
}

// ListUsers pages through accounts, newest first. The cursor is the last page's final score.
func (a *Accounts) ListUsers(ctx context.Context, cursor string, limit int) ([]User, string, error) {
	ctx, cancel := boundTo(ctx, DefaultTimeout)
	defer cancel()
	max := "+inf"
	if cursor != "" {
		if _, err := strconv.ParseInt(cursor, 10, 64); err != nil {
			return nil, "", fmt.Errorf("users cursor %q: %w", cursor, ErrNotFound)
		}
		max = "(" + cursor
	}
	entries, err := a.rdb.ZRevRangeByScoreWithScores(ctx, a.usersIndex(), &redis.ZRangeBy{
		Max: max, Min: "-inf", Count: int64(limit),
	}).Result()
	if err != nil {
		return nil, "", fmt.Errorf("list users: %w", classify(err))
	}
	ids := make([]string, len(entries))
	for i, e := range entries {
		ids[i] = e.Member.(string)
	}
	hashes, err := a.userHashes(ctx, ids)
	if err != nil {
		return nil, "", err
	}
	users := make([]User, 0, len(entries))
	for _, f := range hashes {
		if len(f) > 0 {
			users = append(users, parseUser(f))
		}
	}
	next := ""
	if len(entries) == limit {
		next = strconv.FormatInt(int64(entries[len(entries)-1].Score), 10)
	}
	return users, next, nil
}

// CountUsers is how many accounts exist.
func (a *Accounts) CountUsers(ctx context.Context) (int64, error) {
	ctx, cancel := boundTo(ctx, DefaultTimeout)
	defer cancel()
	n, err := a.rdb.ZCard(ctx, a.usersIndex()).Result()
	if err != nil {
		return 0, fmt.Errorf("count users: %w", classify(err))
	}
	return n, nil
}

// CreateToken issues an API token for the user. Only its hash is stored; the token itself is
// returned once.
func (a *Accounts) CreateToken(ctx context.Context, userID string, ttl time.Duration) (string, error) {
	ctx, cancel := boundTo(ctx, DefaultTimeout)
	defer cancel()
	token := "gns_" + randomToken(32)
	if err := a.rdb.Set(ctx, a.tokenKey(token), userID, ttl).Err(); err != nil {
		return "", fmt.Errorf("create token: %w", classify(err))
	}
	return token, nil
}

// TokenUser returns the user a live token belongs to.
func (a *Accounts) TokenUser(ctx context.Context, token string) (User, error) {
	ctx, cancel := boundTo(ctx, DefaultTimeout)
	defer cancel()
	id, err := a.rdb.Get(ctx, a.tokenKey(token)).Result()
	if errors.Is(err, redis.Nil) {
		return User{}, fmt.Errorf("token: %w", ErrNotFound)
	}
	if err != nil {
		return User{}, fmt.Errorf("read token: %w", classify(err))
	}
	return a.User(ctx, id)
}

// RevokeToken ends a token's life.
func (a *Accounts) RevokeToken(ctx context.Context, token string) error {
	ctx, cancel := boundTo(ctx, DefaultTimeout)
	defer cancel()
	if err := a.rdb.Del(ctx, a.tokenKey(token)).Err(); err != nil {
		return fmt.Errorf("revoke token: %w", classify(err))
	}
	return nil
}

// randomToken is n random bytes, URL-safe.
func randomToken(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand never fails on Linux; it would crash the program first.
	return base64.RawURLEncoding.EncodeToString(b)
}
