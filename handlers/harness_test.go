package handlers

import (
	"context"
	"encoding/hex"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"genesis/agents"
	"genesis/static"
	"genesis/storage"
	"genesis/storage/redistest"
	"genesis/views/i18n"
)

func TestMain(m *testing.M) { os.Exit(redistest.Main(m)) }

// testKeys is a fixed session key pair for tests: 64-byte hash key, 32-byte block key.
func testKeys(seed byte) [][]byte {
	hash := make([]byte, 64)
	block := make([]byte, 32)
	for i := range hash {
		hash[i] = seed + byte(i)
	}
	for i := range block {
		block[i] = seed ^ byte(i)
	}
	return [][]byte{hash, block}
}

// testEnv is one Genesis web layer on a real Redis, served over real HTTP on loopback.
type testEnv struct {
	t        *testing.T
	base     string
	rdb      redis.UniversalClient
	prefix   string
	store    *storage.Store
	accounts *storage.Accounts
	server   *Server
	orch     *agents.Orchestrator
}

type envOption func(*Config)

func withAdmins(emails ...string) envOption { return func(c *Config) { c.AdminEmails = emails } }
func withKeys(keys ...[]byte) envOption     { return func(c *Config) { c.SessionKeys = keys } }
func withSecureCookies() envOption          { return func(c *Config) { c.CookieSecure = true } }

func newEnv(t *testing.T, opts ...envOption) *testEnv {
	t.Helper()
	rdb, _ := redistest.FromEnv(t)
	prefix := redistest.Prefix(t)
	return newEnvOn(t, rdb, prefix, opts...)
}

func newEnvOn(t *testing.T, rdb redis.UniversalClient, prefix string, opts ...envOption) *testEnv {
	t.Helper()
	assets, err := static.Load()
	if err != nil {
		t.Fatal(err)
	}
	store := storage.New(rdb, storage.Options{Prefix: prefix, TTL: 24 * time.Hour})
	accounts := storage.NewAccounts(rdb, prefix)
	knowledge, err := agents.LoadKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	builtin := agents.NewBuiltin(knowledge)
	orch := agents.New(agents.Config{Store: store, Primary: builtin, Holder: "test-" + prefix})
	orch.Start()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		orch.Stop(ctx)
	})
	cfg := Config{
		Logger:      slog.New(slog.DiscardHandler),
		Catalogue:   i18n.New(),
		Assets:      assets,
		Health:      probe{rdb},
		Accounts:    accounts,
		Briefs:      store,
		Generator:   orch,
		Drafts:      storage.NewDrafts(rdb, prefix),
		Knowledge:   knowledge,
		SiteWriter:  builtin,
		Limiter:     storage.NewLimiter(rdb, prefix),
		SessionKeys: testKeys(1),
	}
	for _, o := range opts {
		o(&cfg)
	}
	server, base := serve(t, cfg)
	return &testEnv{t: t, base: base, rdb: rdb, prefix: prefix, store: store, accounts: accounts, server: server, orch: orch}
}

// serve runs the web layer cfg describes on loopback until the test ends, and returns its address.
func serve(tb testing.TB, cfg Config) (*Server, string) {
	tb.Helper()
	done := make(chan struct{})
	cfg.Done = done
	app, server := New(cfg)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	go func() { _ = app.Listener(ln) }()
	tb.Cleanup(func() {
		close(done)
		_ = app.ShutdownWithTimeout(5 * time.Second)
	})
	return server, "http://" + ln.Addr().String()
}

type probe struct{ rdb redis.UniversalClient }

func (p probe) Ping(ctx context.Context) error { return p.rdb.Ping(ctx).Err() }
func (p probe) ServerInfo(ctx context.Context) (storage.ServerInfo, error) {
	return storage.ReadServerInfo(ctx, p.rdb, storage.Standalone)
}

// client is a browser: it keeps cookies and does not follow redirects, so tests see them.
type client struct {
	t    *testing.T
	env  *testEnv
	http *http.Client
}

func (e *testEnv) client() *client {
	return &client{t: e.t, env: e, http: browser()}
}

// browser is an HTTP client that keeps cookies and does not follow redirects.
func browser() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{
		Jar:     jar,
		Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

type response struct {
	*http.Response
	body string
}

func (c *client) do(req *http.Request) response {
	c.t.Helper()
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return response{resp, string(body)}
}

func (c *client) get(path string, header ...string) response {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodGet, c.env.base+path, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	setHeaders(req, header)
	return c.do(req)
}

// send makes a request with a raw body.
func (c *client) send(method, path, contentType, body string, header ...string) response {
	c.t.Helper()
	req, err := http.NewRequest(method, c.env.base+path, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	setHeaders(req, header)
	return c.do(req)
}

// postForm posts a form as a browser does from a page of the app: with the page's CSRF token.
func (c *client) postForm(path string, form url.Values, header ...string) response {
	c.t.Helper()
	form = cloneValues(form)
	if form.Get("csrf_token") == "" {
		form.Set("csrf_token", c.csrf())
	}
	return c.send(http.MethodPost, path, "application/x-www-form-urlencoded", form.Encode(), header...)
}

var csrfMeta = regexp.MustCompile(`<meta name="csrf-token" content="([^"]*)"`)

// csrf reads the token a page of the app carries for this browser.
func (c *client) csrf() string {
	c.t.Helper()
	page := c.get("/")
	m := csrfMeta.FindStringSubmatch(page.body)
	if m == nil || m[1] == "" {
		c.t.Fatalf("no CSRF token on /: %d", page.StatusCode)
	}
	return m[1]
}

func (c *client) cookie(name string) *http.Cookie {
	u, _ := url.Parse(c.env.base)
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == name {
			return ck
		}
	}
	return nil
}

func setHeaders(req *http.Request, header []string) {
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// signup creates an account through the signup form and leaves the browser signed in.
func (c *client) signup(name, email, password string) {
	c.t.Helper()
	resp := c.postForm("/signup", url.Values{"name": {name}, "email": {email}, "password": {password}})
	if resp.StatusCode != http.StatusSeeOther {
		c.t.Fatalf("signup %s: status %d, want 303; body: %.300s", email, resp.StatusCode, resp.body)
	}
}

func (c *client) login(email, password string) response {
	c.t.Helper()
	return c.postForm("/login", url.Values{"email": {email}, "password": {password}})
}

// user is an account made for a test, signed in with its own browser.
type user struct {
	*client
	email    string
	password string
	id       string
}

// emailFor is the address newUser gives name: unique to the test, since tests share one Redis.
func (e *testEnv) emailFor(name string) string {
	return strings.ToLower(name) + "-" + hex.EncodeToString([]byte(e.prefix)) + "@example.com"
}

func (e *testEnv) newUser(name string) *user {
	e.t.Helper()
	c := e.client()
	email := e.emailFor(name)
	password := "pass-" + name + "-1234"
	c.signup(name, email, password)
	u, err := e.accounts.UserByEmail(context.Background(), email)
	if err != nil {
		e.t.Fatal(err)
	}
	return &user{client: c, email: email, password: password, id: u.ID}
}

func (e *testEnv) newAdmin(name string) *user {
	e.t.Helper()
	u := e.newUser(name)
	if err := e.accounts.SetRole(context.Background(), u.id, storage.RoleAdmin); err != nil {
		e.t.Fatal(err)
	}
	return u
}
