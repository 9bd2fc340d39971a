package handlers

import (
	"log/slog"

	"github.com/gofiber/fiber/v2"

	"genesis/views"
	"genesis/views/i18n"
)

// Typed keys for what middleware leaves on a request; read them only through the getters below.
type (
	requestIDKey struct{}
	loggerKey    struct{}
	langKey      struct{}
	viewerKey    struct{}
)

func requestIDOf(c *fiber.Ctx) string {
	id, _ := c.Locals(requestIDKey{}).(string)
	return id
}

// loggerOf returns the request-scoped logger, which carries the request id.
func loggerOf(c *fiber.Ctx) *slog.Logger {
	if l, ok := c.Locals(loggerKey{}).(*slog.Logger); ok {
		return l
	}
	return slog.New(slog.DiscardHandler)
}

func langOf(c *fiber.Ctx) i18n.Lang {
	if l, ok := c.Locals(langKey{}).(i18n.Lang); ok {
		return l
	}
	return i18n.EN
}

func csrfTokenOf(c *fiber.Ctx) string {
	if s := sessionOf(c); s != nil {
		return s.csrf()
	}
	return ""
}

func viewerOf(c *fiber.Ctx) *views.User {
	u, _ := c.Locals(viewerKey{}).(*views.User)
	return u
}
