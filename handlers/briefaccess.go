package handlers

import (
	"context"
	"strings"

	"github.com/gofiber/fiber/v2"

	"genesis/storage"
)

type briefKey struct{}

// briefOf is the brief a briefOwner route is about, loaded whole and checked by its guard, so the
// handler reads it from Redis no second time.
func briefOf(c *fiber.Ctx) *storage.Session {
	b, _ := c.Locals(briefKey{}).(*storage.Session)
	return b
}

// fileHistories reads the previous versions of the named files of a brief already read whole, from
// the versions it was read at: one round trip, and no second look at the brief's summary.
func (s *Server) fileHistories(ctx context.Context, sess *storage.Session, names ...string) (map[string][]storage.File, error) {
	versions := make(map[string]int64, len(names))
	for _, name := range names {
		versions[name] = sess.Files[name].Version
	}
	return s.briefs.FileHistories(ctx, sess.ID, versions)
}

// loadOwnBrief lets the request through only for the brief's owner or an admin.
func (s *Server) loadOwnBrief(c *fiber.Ctx) error {
	// Copied: Fiber reuses the request's memory, and the brief outlives the request in live streams.
	brief, err := s.ownBrief(c.UserContext(), userOf(c), strings.Clone(c.Params("id")))
	if err != nil {
		return err
	}
	c.Locals(briefKey{}, &brief)
	return c.Next()
}

// ownBrief reads brief id for u: theirs, or any brief for an admin. Anyone else, and any id that
// does not exist, gets the same not-found: a brief's existence is not revealed.
func (s *Server) ownBrief(ctx context.Context, u *storage.User, id string) (storage.Session, error) {
	brief, err := s.briefs.ReadSession(ctx, id)
	if err != nil {
		return storage.Session{}, err
	}
	if brief.OwnerID != u.ID && !u.IsAdmin() {
		return storage.Session{}, fiber.ErrNotFound
	}
	return brief, nil
}
