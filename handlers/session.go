package handlers

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/gorilla/sessions"
)

// sessionCookie names the browser session cookie.
const sessionCookie = "genesis_session"

// Session values. The cookie is signed and encrypted; it holds no personal data beyond the user id.
const (
	valSID  = "sid"  // random per session, replaced at login and logout: no fixation
	valUID  = "uid"  // signed-in user
	valGen  = "gen"  // the user's session generation when signing in; a logout elsewhere bumps it
	valCSRF = "csrf" // synchronizer token for unsafe requests
)

// session is the browser session of one request, bridged from gorilla/sessions once.
type session struct {
	raw   *sessions.Session
	dirty bool
}

type sessionKey struct{}

func sessionOf(c *fiber.Ctx) *session {
	s, _ := c.Locals(sessionKey{}).(*session)
	return s
}

func (s *session) str(key string) string {
	v, _ := s.raw.Values[key].(string)
	return v
}

func (s *session) userID() string { return s.str(valUID) }
func (s *session) csrf() string   { return s.str(valCSRF) }

func (s *session) generation() int64 {
	v, _ := s.raw.Values[valGen].(int64)
	return v
}

// renew starts a fresh session: a new id and CSRF token, nothing else kept.
func (s *session) renew() {
	for k := range s.raw.Values {
		delete(s.raw.Values, k)
	}
	s.raw.Values[valSID] = randomString(18)
	s.raw.Values[valCSRF] = randomString(32)
	s.dirty = true
}

// signIn renews the session and binds it to the user.
func (s *session) signIn(userID string, generation int64) {
	s.renew()
	s.raw.Values[valUID] = userID
	s.raw.Values[valGen] = generation
}

// loadSession bridges the gorilla/sessions cookie store to Fiber: the session is decoded once
// before the handler and, if it changed, encoded once after it. A tampered or undecodable cookie
// is treated as no cookie at all.
func (s *Server) loadSession(c *fiber.Ctx) error {
	cookie := c.Cookies(sessionCookie)
	// API clients that bring no cookie get no session: they authenticate with a bearer token.
	if cookie == "" && strings.HasPrefix(c.Path(), "/api/") {
		return c.Next()
	}
	req := &http.Request{Header: http.Header{}}
	if cookie != "" {
		req.Header.Set("Cookie", sessionCookie+"="+cookie)
	}
	raw, err := s.sessions.Get(req, sessionCookie)
	if err != nil {
		loggerOf(c).Debug("session cookie rejected", "err", err)
		raw, _ = s.sessions.New(req, sessionCookie)
	}
	sess := &session{raw: raw}
	if sess.csrf() == "" {
		sess.renew()
	}
	c.Locals(sessionKey{}, sess)

	err = c.Next()
	if sess.dirty {
		w := headerWriter{h: http.Header{}}
		if saveErr := sess.raw.Save(req, w); saveErr != nil {
			loggerOf(c).Error("save session", "err", saveErr)
		}
		for _, v := range w.h.Values("Set-Cookie") {
			c.Response().Header.Add(fiber.HeaderSetCookie, v)
		}
	}
	return err
}

// headerWriter is the part of http.ResponseWriter that saving a cookie session uses.
type headerWriter struct{ h http.Header }

func (w headerWriter) Header() http.Header         { return w.h }
func (w headerWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w headerWriter) WriteHeader(int)             {}

// unsafeMethod: methods that change state and so need a CSRF token.
func unsafeMethod(method string) bool {
	switch method {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return false
	}
	return true
}

// checkCSRF refuses unsafe browser requests that do not carry the session's token, in the
// X-CSRF-Token header (htmx) or the csrf_token form field (plain forms). API calls authenticated by
// a bearer token, or carrying no session cookie at all, have no ambient credentials to abuse and
// are exempt.
func (s *Server) checkCSRF(c *fiber.Ctx) error {
	if !unsafeMethod(c.Method()) || bearerAuthenticated(c) {
		return c.Next()
	}
	sess := sessionOf(c)
	if sess == nil {
		return c.Next() // an API request without a session cookie
	}
	if strings.HasPrefix(c.Path(), "/api/") && sess.userID() == "" {
		return c.Next()
	}
	if c.Get("Sec-Fetch-Site") == "cross-site" {
		return errorf(fiber.StatusForbidden, codeCSRF, "cross-site request refused")
	}
	sent := c.Get("X-CSRF-Token")
	if sent == "" {
		sent = c.FormValue("csrf_token")
	}
	want := sess.csrf()
	if sent == "" || subtle.ConstantTimeCompare([]byte(sent), []byte(want)) != 1 {
		return errorf(fiber.StatusForbidden, codeCSRF, "missing or wrong CSRF token")
	}
	return c.Next()
}

func randomString(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
