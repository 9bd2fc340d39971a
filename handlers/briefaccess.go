package handlers

import (
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

// loadOwnBrief lets the request through only for the brief's owner or an admin. Anyone else, and
// any id that does not exist, gets the same 404: a brief's existence is not revealed.
func (s *Server) loadOwnBrief(c *fiber.Ctx) error {
	// Copied: Fiber reuses the request's memory, and the brief outlives the request in live streams.
	brief, err := s.briefs.ReadSession(c.UserContext(), strings.Clone(c.Params("id")))
	if isNotFound(err) {
		return fiber.ErrNotFound
	}
	if err != nil {
		return err
	}
	u := userOf(c)
	if brief.OwnerID != u.ID && !u.IsAdmin() {
		return fiber.ErrNotFound
	}
	c.Locals(briefKey{}, &brief)
	return c.Next()
}
