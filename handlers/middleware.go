package handlers

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/gofiber/fiber/v2"

	"genesis/views/i18n"
)

// requestContext gives each request an id and a logger carrying it, logs the request once it is
// answered, and turns a panic into a 500 so one bad request never takes the server down.
func (s *Server) requestContext(c *fiber.Ctx) (err error) {
	start := time.Now()
	id := c.Get(fiber.HeaderXRequestID)
	if !validRequestID(id) {
		id = newRequestID()
	}
	c.Set(fiber.HeaderXRequestID, id)
	c.Locals(requestIDKey{}, id)
	log := s.logger.With("request_id", id)
	c.Locals(loggerKey{}, log)

	defer func() {
		if r := recover(); r != nil {
			log.Error("panic", "panic", r, "stack", string(debug.Stack()))
			err = s.handleError(c, fmt.Errorf("panic: %v", r))
		}
		status := c.Response().StatusCode()
		// A streamed body (live progress) must not be read here: Body() would drain the stream.
		size := -1
		if !c.Response().IsBodyStream() {
			size = len(c.Response().Body())
		}
		log.Info("request", "method", c.Method(), "path", c.Path(), "status", status,
			"duration_ms", float64(time.Since(start).Microseconds())/1000, "bytes", size)
	}()
	if err := c.Next(); err != nil {
		return s.handleError(c, err)
	}
	return nil
}

func validRequestID(id string) bool {
	if len(id) == 0 || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

func newRequestID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// securityHeaders applies the headers every response carries. Pages need no inline script or style,
// so the CSP allows neither.
func securityHeaders(c *fiber.Ctx) error {
	c.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
	c.Set("X-Content-Type-Options", "nosniff")
	c.Set("X-Frame-Options", "DENY")
	c.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	c.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()")
	c.Set("Cross-Origin-Opener-Policy", "same-origin")
	return c.Next()
}

// langCookie holds the language a visitor chose with the switcher.
const langCookie = "lang"

// language picks the interface language: the visitor's choice with the switcher, else the
// browser's preference. It runs before the session is read, so even an error about the session
// speaks the visitor's language; savedLanguage then lets a signed-in owner's saved choice win.
func (s *Server) language(c *fiber.Ctx) error {
	lang, ok := i18n.ParseLang(c.Cookies(langCookie))
	if !ok {
		lang = s.catalogue.Negotiate(c.Get(fiber.HeaderAcceptLanguage))
	}
	c.Locals(langKey{}, lang)
	return c.Next()
}
