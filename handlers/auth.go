package handlers

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/mail"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"genesis/storage"
	"genesis/views"
	"genesis/views/i18n"
)

// Abuse limits on signing in: per account and per client address, over a sliding minute. Many
// people share one address behind mobile carriers' NAT, so the address limit is looser.
const (
	loginWindow       = time.Minute
	loginFailsPerAcct = 5
	loginFailsPerIP   = 20
	signupWindow      = time.Hour
	signupsPerIP      = 20
	maxPasswordLength = 128
	maxNameLength     = 80
	maxEmailLength    = 254
)

var (
	errBadCredentials = errors.New("bad credentials")
)

// rateLimited is the error of a request over a limit; Retry-After says when to come back.
func rateLimited(c *fiber.Ctx, retryAfter time.Duration) error {
	secs := int(retryAfter.Round(time.Second) / time.Second)
	if secs < 1 {
		secs = 1
	}
	c.Set(fiber.HeaderRetryAfter, strconv.Itoa(secs))
	return errorf(fiber.StatusTooManyRequests, codeRateLimited, "too many attempts; retry after "+strconv.Itoa(secs)+"s")
}

func isRateLimited(err error) bool {
	var he *httpError
	return errors.As(err, &he) && he.code == codeRateLimited
}

func isNotFound(err error) bool { return errors.Is(err, storage.ErrNotFound) }

// credentials are what a person types to sign up or in.
type credentials struct {
	Name     string
	Email    string
	Password string
}

// validate checks credentials at the edge. Keys of the result are form field names; values are
// messages in the page's language.
func (cr credentials) validate(m *i18n.Messages, signup bool) views.FieldErrors {
	errs := views.FieldErrors{}
	v := m.Validation
	if signup {
		if msg := nameError(v, cr.Name); msg != "" {
			errs["name"] = msg
		}
	}
	switch {
	case strings.TrimSpace(cr.Email) == "":
		errs["email"] = v.Required
	case len(cr.Email) > maxEmailLength || !validEmail(cr.Email):
		errs["email"] = v.Email
	}
	switch n := utf8.RuneCountInString(cr.Password); {
	case n == 0:
		errs["password"] = v.Required
	case n > maxPasswordLength:
		errs["password"] = i18n.F(v.TooLong, maxPasswordLength)
	case signup && n < views.MinPasswordLength:
		errs["password"] = i18n.F(v.TooShort, views.MinPasswordLength)
	}
	return errs
}

// nameError says what is wrong with a display name, in v's language; "" when nothing is.
func nameError(v i18n.Validation, name string) string {
	switch n := utf8.RuneCountInString(strings.TrimSpace(name)); {
	case n == 0:
		return v.Required
	case n > maxNameLength:
		return i18n.F(v.TooLong, maxNameLength)
	}
	return ""
}

func validEmail(s string) bool {
	addr, err := mail.ParseAddress(s)
	return err == nil && addr.Address == strings.TrimSpace(s) && strings.Contains(addr.Address[strings.LastIndexByte(addr.Address, '@')+1:], ".")
}

func hashKey(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:12])
}

// checkCredentials returns the account whose email and password these are. Failures are counted per
// account and per address; an unknown email costs the same time as a wrong password, so neither the
// answer nor its timing tells whether an account exists.
func (s *Server) checkCredentials(c *fiber.Ctx, email, password string) (storage.User, error) {
	ctx := c.UserContext()
	email = storage.NormalizeEmail(email)
	limits := []struct {
		key   string
		limit int
	}{
		{"login:acct:" + hashKey(email), loginFailsPerAcct},
		{"login:ip:" + clientIP(c, s.trustedProxies), loginFailsPerIP},
	}
	for _, l := range limits {
		d, err := s.limiter.Check(ctx, l.key, l.limit, loginWindow)
		if err != nil {
			return storage.User{}, err
		}
		if !d.Allowed {
			return storage.User{}, rateLimited(c, d.RetryAfter)
		}
	}
	u, err := s.accounts.UserByEmail(ctx, email)
	if err != nil && !isNotFound(err) {
		return storage.User{}, err
	}
	hash := s.dummyHash
	if err == nil {
		hash = u.PasswordHash
	}
	if !verifyPassword(hash, password) || err != nil {
		for _, l := range limits {
			if _, rerr := s.limiter.Record(ctx, l.key, l.limit, loginWindow); rerr != nil {
				return storage.User{}, rerr
			}
		}
		return storage.User{}, errBadCredentials
	}
	return s.grantConfiguredAdmin(ctx, u)
}

// grantConfiguredAdmin gives the admin role to addresses listed in ADMIN_EMAILS.
func (s *Server) grantConfiguredAdmin(ctx context.Context, u storage.User) (storage.User, error) {
	if u.IsAdmin() || !s.adminEmails[u.Email] {
		return u, nil
	}
	if err := s.accounts.SetRole(ctx, u.ID, storage.RoleAdmin); err != nil {
		return storage.User{}, err
	}
	u.Role = storage.RoleAdmin
	return u, nil
}

// register creates an account; the role comes from ADMIN_EMAILS, never from the request.
func (s *Server) register(c *fiber.Ctx, cr credentials) (storage.User, error) {
	d, err := s.limiter.Take(c.UserContext(), "signup:ip:"+clientIP(c, s.trustedProxies), signupsPerIP, signupWindow)
	if err != nil {
		return storage.User{}, err
	}
	if !d.Allowed {
		return storage.User{}, rateLimited(c, d.RetryAfter)
	}
	role := storage.RoleOwner
	if s.adminEmails[storage.NormalizeEmail(cr.Email)] {
		role = storage.RoleAdmin
	}
	return s.accounts.CreateUser(c.UserContext(), cr.Email, cr.Name, hashPassword(cr.Password), role)
}

func (s *Server) signupPage(c *fiber.Ctx) error {
	if userOf(c) != nil {
		return redirect(c, "/briefs")
	}
	return s.render(c, fiber.StatusOK, views.SignupPage(views.AuthForm{Next: safeNext(c.Query("next"))}))
}

func (s *Server) signup(c *fiber.Ctx) error {
	m := s.catalogue.For(langOf(c))
	cr := credentials{Name: c.FormValue("name"), Email: c.FormValue("email"), Password: c.FormValue("password")}
	form := views.AuthForm{Name: cr.Name, Email: cr.Email, Next: safeNext(c.FormValue("next"))}
	if form.Errors = cr.validate(m, true); len(form.Errors) > 0 {
		form.FormError = m.Errors.Validation
		return s.render(c, fiber.StatusUnprocessableEntity, views.SignupPage(form))
	}
	u, err := s.register(c, cr)
	switch {
	case errors.Is(err, storage.ErrConflict):
		form.Errors = views.FieldErrors{"email": m.Auth.EmailTaken}
		return s.render(c, fiber.StatusConflict, views.SignupPage(form))
	case isRateLimited(err):
		form.FormError = m.Auth.TooManyAttempts
		return s.render(c, fiber.StatusTooManyRequests, views.SignupPage(form))
	case err != nil:
		return err
	}
	sessionOf(c).signIn(u.ID, u.SessionGen)
	return redirect(c, form.Next)
}

func (s *Server) loginPage(c *fiber.Ctx) error {
	if userOf(c) != nil {
		return redirect(c, safeNext(c.Query("next")))
	}
	return s.render(c, fiber.StatusOK, views.LoginPage(views.AuthForm{Next: safeNext(c.Query("next"))}))
}

func (s *Server) login(c *fiber.Ctx) error {
	m := s.catalogue.For(langOf(c))
	cr := credentials{Email: c.FormValue("email"), Password: c.FormValue("password")}
	form := views.AuthForm{Email: cr.Email, Next: safeNext(c.FormValue("next"))}
	if form.Errors = cr.validate(m, false); len(form.Errors) > 0 {
		form.FormError = m.Errors.Validation
		return s.render(c, fiber.StatusUnprocessableEntity, views.LoginPage(form))
	}
	u, err := s.checkCredentials(c, cr.Email, cr.Password)
	switch {
	case errors.Is(err, errBadCredentials):
		form.FormError = m.Auth.BadCredentials
		return s.render(c, fiber.StatusUnauthorized, views.LoginPage(form))
	case isRateLimited(err):
		form.FormError = m.Auth.TooManyAttempts
		return s.render(c, fiber.StatusTooManyRequests, views.LoginPage(form))
	case err != nil:
		return err
	}
	sessionOf(c).signIn(u.ID, u.SessionGen)
	return redirect(c, form.Next)
}

// logout ends every session of the user, not just this browser's cookie: a copied cookie dies too.
func (s *Server) logout(c *fiber.Ctx) error {
	if u := userOf(c); u != nil {
		if err := s.accounts.EndSessions(c.UserContext(), u.ID); err != nil {
			return err
		}
	}
	sessionOf(c).renew()
	return redirect(c, "/")
}

// --- API: /api/v1/auth ---

type registerRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
	Name     string `json:"name"`
}

type userResponse struct {
	ID        string    `json:"id"`
	Email     string    `json:"email"`
	Name      string    `json:"name"`
	Role      string    `json:"role"`
	CreatedAt time.Time `json:"created_at"`
}

func userJSON(u storage.User) userResponse {
	return userResponse{ID: u.ID, Email: u.Email, Name: u.Name, Role: string(u.Role), CreatedAt: u.CreatedAt}
}

type tokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int64  `json:"expires_in"`
}

func (s *Server) apiRegister(c *fiber.Ctx) error {
	var req registerRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	cr := credentials{Name: req.Name, Email: req.Email, Password: req.Password}
	if errs := cr.validate(s.catalogue.For(i18n.EN), true); len(errs) > 0 {
		return validationError(errs)
	}
	u, err := s.register(c, cr)
	if errors.Is(err, storage.ErrConflict) {
		return errorf(fiber.StatusConflict, codeConflict, "an account with this email already exists")
	}
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(userJSON(u))
}

// apiToken issues a bearer token for JSON {email, password} or an OAuth2 password form
// (username, password).
func (s *Server) apiToken(c *fiber.Ctx) error {
	var cr credentials
	if strings.HasPrefix(c.Get(fiber.HeaderContentType), fiber.MIMEApplicationForm) {
		cr = credentials{Email: c.FormValue("username"), Password: c.FormValue("password")}
		if gt := c.FormValue("grant_type"); gt != "" && gt != "password" {
			return errorf(fiber.StatusBadRequest, codeBadRequest, "grant_type must be password")
		}
	} else {
		var req registerRequest
		if err := decodeJSON(c, &req); err != nil {
			return err
		}
		cr = credentials{Email: req.Email, Password: req.Password}
	}
	if errs := cr.validate(s.catalogue.For(i18n.EN), false); len(errs) > 0 {
		return validationError(errs)
	}
	u, err := s.checkCredentials(c, cr.Email, cr.Password)
	if errors.Is(err, errBadCredentials) {
		return errorf(fiber.StatusUnauthorized, codeUnauthorized, "the email or password is incorrect")
	}
	if err != nil {
		return err
	}
	token, err := s.accounts.CreateToken(c.UserContext(), u.ID, s.tokenTTL)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(tokenResponse{AccessToken: token, TokenType: "bearer", ExpiresIn: int64(s.tokenTTL / time.Second)})
}

func (s *Server) apiMe(c *fiber.Ctx) error {
	return c.JSON(userJSON(*userOf(c)))
}

// apiRevokeToken revokes the bearer token the request carries.
func (s *Server) apiRevokeToken(c *fiber.Ctx) error {
	token, ok := bearerToken(c)
	if !ok {
		return errorf(fiber.StatusBadRequest, codeBadRequest, "send the token to revoke as a bearer token")
	}
	if err := s.accounts.RevokeToken(c.UserContext(), token); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
