package handlers

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gorilla/securecookie"

	"genesis/storage"
)

func TestSignupLoginLogout(t *testing.T) {
	env := newEnv(t)
	c := env.client()
	c.signup("Ada", "Ada@Example.com ", "correct-horse-1")

	home := c.get("/")
	if !strings.Contains(home.body, `data-testid="nav-logout"`) {
		t.Fatal("after signup the page does not show a signed-in menu")
	}
	u, err := env.accounts.UserByEmail(context.Background(), "ada@example.com")
	if err != nil {
		t.Fatalf("account not stored under the normalised email: %v", err)
	}
	if u.Role != storage.RoleOwner || !strings.HasPrefix(u.PasswordHash, "$argon2id$") {
		t.Errorf("stored user = role %q, hash %.12q", u.Role, u.PasswordHash)
	}

	if resp := c.postForm("/logout", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: status %d", resp.StatusCode)
	}
	if strings.Contains(c.get("/").body, `data-testid="nav-logout"`) {
		t.Fatal("still signed in after logout")
	}
	if resp := c.login("ada@example.com", "correct-horse-1"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/briefs" {
		t.Fatalf("login: status %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestSignupAndLoginErrorsAreClearAndKeepInput(t *testing.T) {
	env := newEnv(t)
	env.newUser("Taken")
	c := env.client()
	for _, tc := range []struct {
		name   string
		path   string
		form   url.Values
		status int
		want   []string
	}{
		{"empty signup", "/signup", url.Values{}, 422, []string{`data-testid="error-name"`, "This field is required."}},
		{"bad email", "/signup", url.Values{"name": {"Bo"}, "email": {"not-an-email"}, "password": {"long-enough-1"}}, 422, []string{"Enter a valid email address", `value="not-an-email"`}},
		{"short password", "/signup", url.Values{"name": {"Bo"}, "email": {"bo@example.com"}, "password": {"short"}}, 422, []string{"Use at least 10 characters."}},
		{"email taken", "/signup", url.Values{"name": {"Bo"}, "email": {env.emailFor("Taken")}, "password": {"long-enough-1"}}, 409, []string{"already exists"}},
		{"unknown email", "/login", url.Values{"email": {"nobody@example.com"}, "password": {"whatever-123"}}, 401, []string{"The email or password is incorrect."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := c.postForm(tc.path, tc.form)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.status)
			}
			for _, w := range tc.want {
				if !strings.Contains(resp.body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
		})
	}
}

func TestWrongPasswordAndUnknownEmailLookAlike(t *testing.T) {
	env := newEnv(t)
	u := env.newUser("Known")
	c := env.client()
	wrong := c.login(u.email, "wrong-password-1")
	unknown := c.login("unknown@example.com", "wrong-password-1")
	if wrong.StatusCode != unknown.StatusCode {
		t.Fatalf("statuses differ: wrong password %d, unknown email %d", wrong.StatusCode, unknown.StatusCode)
	}
	msg := "The email or password is incorrect."
	if !strings.Contains(wrong.body, msg) || !strings.Contains(unknown.body, msg) {
		t.Fatal("messages differ between a wrong password and an unknown email")
	}
}

func TestSixthWrongPasswordIsRateLimited(t *testing.T) {
	env := newEnv(t)
	u := env.newUser("Target")
	attacker := env.client()
	for i := 1; i <= 5; i++ {
		if resp := attacker.login(u.email, "wrong-password-1"); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("attempt %d: status %d, want 401", i, resp.StatusCode)
		}
	}
	resp := attacker.login(u.email, "wrong-password-1")
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("6th attempt: status %d, want 429", resp.StatusCode)
	}
	if resp.Header.Get("Retry-After") == "" {
		t.Error("429 without Retry-After")
	}
	// The right password does not get through the limit either, from this address or for this account.
	if resp := attacker.login(u.email, u.password); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("right password while limited: status %d, want 429", resp.StatusCode)
	}
	api := env.client().send(http.MethodPost, "/api/v1/auth/token", "application/json", `{"email":"`+u.email+`","password":"wrong-password-1"}`)
	if api.StatusCode != http.StatusTooManyRequests {
		t.Errorf("API token for the limited account: status %d, want 429", api.StatusCode)
	}
}

func TestSessionCookieFlags(t *testing.T) {
	for _, secure := range []bool{false, true} {
		var opts []envOption
		if secure {
			opts = append(opts, withSecureCookies())
		}
		env := newEnv(t, opts...)
		c := env.client()
		resp := c.get("/")
		var ck *http.Cookie
		for _, k := range resp.Cookies() {
			if k.Name == sessionCookie {
				ck = k
			}
		}
		if ck == nil {
			t.Fatal("no session cookie on the first page")
		}
		if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Secure != secure || ck.Path != "/" {
			t.Errorf("cookie flags: HttpOnly=%v SameSite=%v Secure=%v Path=%q (COOKIE_SECURE=%v)", ck.HttpOnly, ck.SameSite, ck.Secure, ck.Path, secure)
		}
		if ck.MaxAge <= 0 || ck.MaxAge > 30*24*3600 {
			t.Errorf("cookie Max-Age = %d, want bounded", ck.MaxAge)
		}
	}
}

// sessionValues decodes a session cookie with the test keys.
func sessionValues(t *testing.T, value string) map[any]any {
	t.Helper()
	keys := testKeys(1)
	values := map[any]any{}
	if err := securecookie.New(keys[0], keys[1]).Decode(sessionCookie, value, &values); err != nil {
		t.Fatalf("decode session cookie: %v", err)
	}
	return values
}

func TestSessionIsRenewedAtLogin(t *testing.T) {
	env := newEnv(t)
	u := env.newUser("Renew")
	c := env.client()
	c.get("/")
	before := sessionValues(t, c.cookie(sessionCookie).Value)
	if resp := c.login(u.email, u.password); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	after := sessionValues(t, c.cookie(sessionCookie).Value)
	if before[valSID] == after[valSID] || before[valCSRF] == after[valCSRF] {
		t.Errorf("session id or CSRF token kept across login: fixation possible")
	}
	if after[valUID] != u.id {
		t.Errorf("session uid = %v, want %s", after[valUID], u.id)
	}
}

func TestStolenCookieIsUselessAfterLogout(t *testing.T) {
	env := newEnv(t)
	u := env.newUser("Victim")
	stolen := u.cookie(sessionCookie).Value

	thief := env.client()
	asThief := func() response {
		return thief.get("/api/v1/auth/me", "Cookie", sessionCookie+"="+stolen)
	}
	if resp := asThief(); resp.StatusCode != http.StatusOK {
		t.Fatalf("stolen cookie before logout: %d, want 200", resp.StatusCode)
	}
	u.postForm("/logout", nil)
	if resp := asThief(); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("stolen cookie after logout: %d, want 401", resp.StatusCode)
	}
}

func TestTamperedCookieIsRejected(t *testing.T) {
	env := newEnv(t)
	u := env.newUser("Tamper")
	value := []byte(u.cookie(sessionCookie).Value)
	value[len(value)/2] ^= 1
	resp := env.client().get("/api/v1/auth/me", "Cookie", sessionCookie+"="+string(value))
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("tampered cookie: %d, want 401", resp.StatusCode)
	}
}

func TestKeyRotationKeepsOldCookiesValid(t *testing.T) {
	old := newEnv(t)
	u := old.newUser("Rotate")
	cookie := u.cookie(sessionCookie).Value
	me := func(env *testEnv) int {
		return env.client().get("/api/v1/auth/me", "Cookie", sessionCookie+"="+cookie).StatusCode
	}
	rotated := newEnvOn(t, old.rdb, old.prefix, withKeys(append(testKeys(9), testKeys(1)...)...))
	if got := me(rotated); got != http.StatusOK {
		t.Errorf("old cookie with the new pair first and the old pair kept: %d, want 200", got)
	}
	dropped := newEnvOn(t, old.rdb, old.prefix, withKeys(testKeys(9)...))
	if got := me(dropped); got != http.StatusUnauthorized {
		t.Errorf("old cookie once the old pair is dropped: %d, want 401", got)
	}
}

func TestCSRF(t *testing.T) {
	env := newEnv(t)
	u := env.newUser("Forms")
	const form = "application/x-www-form-urlencoded"
	for _, tc := range []struct {
		name string
		post func() response
		want int
	}{
		{"cross-site form without token", func() response {
			return u.send(http.MethodPost, "/logout", form, "", "Sec-Fetch-Site", "cross-site")
		}, http.StatusForbidden},
		{"form with a forged token", func() response {
			return u.send(http.MethodPost, "/logout", form, "csrf_token=forged")
		}, http.StatusForbidden},
		{"htmx without token", func() response {
			return u.send(http.MethodPost, "/logout", form, "", "HX-Request", "true")
		}, http.StatusForbidden},
		{"htmx with the header token", func() response {
			return u.send(http.MethodPost, "/logout", form, "", "HX-Request", "true", "X-CSRF-Token", u.csrf())
		}, http.StatusNoContent},
		{"form with the token", func() response {
			return u.postForm("/logout", nil)
		}, http.StatusSeeOther},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := tc.post()
			if resp.StatusCode != tc.want {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.want)
			}
			if tc.want == http.StatusForbidden && !strings.Contains(resp.body, "did not come from Genesis") {
				t.Errorf("403 does not explain the CSRF failure: %.200s", resp.body)
			}
		})
		// A request that got through logged the user out; sign back in for the next case.
		if tc.want != http.StatusForbidden {
			u.login(u.email, u.password)
		}
	}
}

func TestAdminEmailsGetTheAdminRole(t *testing.T) {
	env := newEnv(t, withAdmins("boss@example.com"))
	c := env.client()
	c.signup("Boss", "BOSS@example.com", "boss-password-1")
	u, err := env.accounts.UserByEmail(context.Background(), "boss@example.com")
	if err != nil || !u.IsAdmin() {
		t.Fatalf("listed email after signup: role %q, err %v", u.Role, err)
	}
	if !strings.Contains(c.get("/").body, `data-testid="nav-admin"`) {
		t.Error("admin does not see the admin menu")
	}
}

func TestAPITokens(t *testing.T) {
	env := newEnv(t)
	c := env.client()
	reg := c.send(http.MethodPost, "/api/v1/auth/register", "application/json", `{"email":"api@example.com","password":"api-password-1","name":"Api"}`)
	if reg.StatusCode != http.StatusCreated {
		t.Fatalf("register: %d %s", reg.StatusCode, reg.body)
	}
	if strings.Contains(reg.body, "password") {
		t.Errorf("register response echoes the password hash: %s", reg.body)
	}
	for _, tc := range []struct {
		name, contentType, body string
	}{
		{"json", "application/json", `{"email":"api@example.com","password":"api-password-1"}`},
		{"oauth2 form", "application/x-www-form-urlencoded", "grant_type=password&username=api%40example.com&password=api-password-1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := c.send(http.MethodPost, "/api/v1/auth/token", tc.contentType, tc.body)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("token: %d %s", resp.StatusCode, resp.body)
			}
			var tok tokenResponse
			if err := json.Unmarshal([]byte(resp.body), &tok); err != nil || tok.AccessToken == "" || tok.TokenType != "bearer" || tok.ExpiresIn <= 0 {
				t.Fatalf("token response %s (%v)", resp.body, err)
			}
			bearer := []string{"Authorization", "Bearer " + tok.AccessToken}
			me := c.get("/api/v1/auth/me", bearer...)
			if me.StatusCode != http.StatusOK || !strings.Contains(me.body, `"email":"api@example.com"`) {
				t.Fatalf("me: %d %s", me.StatusCode, me.body)
			}
			if del := c.send(http.MethodDelete, "/api/v1/auth/token", "", "", bearer...); del.StatusCode != http.StatusNoContent {
				t.Fatalf("revoke: %d %s", del.StatusCode, del.body)
			}
			if me := c.get("/api/v1/auth/me", bearer...); me.StatusCode != http.StatusUnauthorized || !strings.Contains(me.body, `"code":"unauthorized"`) {
				t.Fatalf("me after revoke: %d %s", me.StatusCode, me.body)
			}
		})
	}
	for _, tc := range []struct {
		name, body string
		status     int
		code       string
	}{
		{"malformed", `{"email":`, 400, "bad_request"},
		{"wrong type", `{"email":42,"password":"x"}`, 400, "bad_request"},
		{"missing fields", `{}`, 422, "validation_failed"},
		{"duplicate", `{"email":"api@example.com","password":"api-password-1","name":"Again"}`, 409, "conflict"},
	} {
		t.Run("register "+tc.name, func(t *testing.T) {
			resp := c.send(http.MethodPost, "/api/v1/auth/register", "application/json", tc.body)
			if resp.StatusCode != tc.status || !strings.Contains(resp.body, `"code":"`+tc.code+`"`) {
				t.Fatalf("%d %s; want %d %s", resp.StatusCode, resp.body, tc.status, tc.code)
			}
		})
	}
}
