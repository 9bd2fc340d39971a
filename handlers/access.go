package handlers

import (
	"errors"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"genesis/storage"
	"genesis/views"
)

// access is who may use a route.
type access int

const (
	// public: anyone.
	public access = iota
	// signedIn: any signed-in user; others are sent to the login page (401 for the API).
	signedIn
	// briefOwner: the owner of the brief named by :id, and admins; for anyone else the brief does
	// not exist (404), exactly as if it had never been created.
	briefOwner
	// adminOnly: admins; for everyone else the route does not exist (404).
	adminOnly
)

func (a access) String() string {
	return [...]string{"public", "signed-in", "brief-owner", "admin"}[a]
}

// route is one row of the route table, kept so tests can check every route's access rule.
type route struct {
	Method string
	Path   string
	Access access
}

// router registers routes with their access rule, so no route exists without one.
type router struct {
	s      *Server
	group  fiber.Router
	prefix string
	table  *[]route
}

// sub is a router for the paths under prefix.
func (r router) sub(prefix string) router {
	return router{s: r.s, group: r.group.Group(prefix), prefix: r.prefix + prefix, table: r.table}
}

func (r router) add(method, path string, a access, handlers ...fiber.Handler) {
	*r.table = append(*r.table, route{Method: method, Path: r.prefix + path, Access: a})
	r.group.Add(method, path, append([]fiber.Handler{r.s.guard(a)}, handlers...)...)
}

func (r router) get(path string, a access, h ...fiber.Handler) { r.add(fiber.MethodGet, path, a, h...) }
func (r router) post(path string, a access, h ...fiber.Handler) {
	r.add(fiber.MethodPost, path, a, h...)
}
func (r router) delete(path string, a access, h ...fiber.Handler) {
	r.add(fiber.MethodDelete, path, a, h...)
}

// Locals left by authenticate.
type (
	userKey    struct{}
	bearerKey  struct{}
	troubleKey struct{}
)

// storageTrouble is the storage error that kept authenticate from knowing the visitor, if any.
func storageTrouble(c *fiber.Ctx) error {
	err, _ := c.Locals(troubleKey{}).(error)
	return err
}

// userOf is the signed-in user, nil for anonymous requests.
func userOf(c *fiber.Ctx) *storage.User {
	u, _ := c.Locals(userKey{}).(*storage.User)
	return u
}

func bearerAuthenticated(c *fiber.Ctx) bool {
	b, _ := c.Locals(bearerKey{}).(bool)
	return b
}

func setUser(c *fiber.Ctx, u storage.User, viaBearer bool) {
	c.Locals(userKey{}, &u)
	c.Locals(bearerKey{}, viaBearer)
	c.Locals(viewerKey{}, &views.User{Name: u.Name, Email: u.Email, Admin: u.IsAdmin()})
}

// bearerToken returns the token of an "Authorization: Bearer" header.
func bearerToken(c *fiber.Ctx) (string, bool) {
	h := c.Get(fiber.HeaderAuthorization)
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "bearer") || strings.TrimSpace(token) == "" {
		return "", false
	}
	return strings.TrimSpace(token), true
}

// guard enforces a route's access rule before its handler runs.
func (s *Server) guard(a access) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if err := storageTrouble(c); err != nil && a != public {
			return err
		}
		u := userOf(c)
		switch a {
		case signedIn:
			if u == nil {
				return s.requireLogin(c)
			}
		case briefOwner:
			if u == nil {
				return s.requireLogin(c)
			}
			return s.loadOwnBrief(c)
		case adminOnly:
			if u == nil || !u.IsAdmin() {
				return fiber.ErrNotFound
			}
		}
		return c.Next()
	}
}

// requireLogin answers an anonymous request for a signed-in route: 401 for the API, otherwise the
// login page, coming back here afterwards.
func (s *Server) requireLogin(c *fiber.Ctx) error {
	if wantsJSON(c) {
		c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="genesis"`)
		return errorf(fiber.StatusUnauthorized, codeUnauthorized, "sign in or send a bearer token")
	}
	next := c.OriginalURL()
	if c.Method() != fiber.MethodGet || isFragment(c) {
		next = c.Get(fiber.HeaderReferer)
		if u, err := url.Parse(next); err == nil {
			next = u.RequestURI()
		}
	}
	return redirect(c, "/login?next="+url.QueryEscape(safeNext(next)))
}

// safeNext keeps a post-login destination on this site: a local path, never another origin.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") || strings.ContainsAny(next, "\r\n") {
		return "/briefs"
	}
	return next
}

// authenticate finds who is asking: a bearer token, else the session's user if that session is
// still valid (same generation as the account's).
func (s *Server) authenticate(c *fiber.Ctx) error {
	ctx := c.UserContext()
	if token, ok := bearerToken(c); ok {
		u, err := s.accounts.TokenUser(ctx, token)
		if err != nil {
			if isNotFound(err) {
				c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="genesis", error="invalid_token"`)
				return errorf(fiber.StatusUnauthorized, codeUnauthorized, "the bearer token is invalid, expired or revoked")
			}
			return err
		}
		setUser(c, u, true)
		return c.Next()
	}
	if sess := sessionOf(c); sess != nil && sess.userID() != "" {
		u, err := s.accounts.User(ctx, sess.userID())
		switch {
		case isNotFound(err):
			sess.renew()
		case errors.Is(err, storage.ErrUnavailable):
			// Storage is down: public pages still render, with a banner; the rest answer 503.
			c.Locals(troubleKey{}, err)
		case err != nil:
			return err
		case u.SessionGen != sess.generation():
			sess.renew()
		default:
			setUser(c, u, false)
		}
	}
	return c.Next()
}
