// Package handlers is Genesis's web layer: the Fiber app, its one route table, middleware, pages,
// htmx fragments, the JSON API and the one error handler.
package handlers

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gorilla/sessions"

	"genesis/agents"
	"genesis/static"
	"genesis/storage"
	"genesis/views/i18n"
)

// Health reports on the Redis that holds the briefs.
type Health interface {
	Ping(ctx context.Context) error
	ServerInfo(ctx context.Context) (storage.ServerInfo, error)
}

// Accounts stores users and API tokens.
type Accounts interface {
	CreateUser(ctx context.Context, email, name, passwordHash string, role storage.Role) (storage.User, error)
	User(ctx context.Context, id string) (storage.User, error)
	UserByEmail(ctx context.Context, email string) (storage.User, error)
	SetRole(ctx context.Context, id string, role storage.Role) error
	SetPreferences(ctx context.Context, id string, p storage.Preferences) error
	EndSessions(ctx context.Context, id string) error
	CreateToken(ctx context.Context, userID string, ttl time.Duration) (string, error)
	TokenUser(ctx context.Context, token string) (storage.User, error)
	RevokeToken(ctx context.Context, token string) error
	AdminAccounts
}

// Briefs is the brief store as the web layer uses it.
type Briefs interface {
	ReadSession(ctx context.Context, id string) (storage.Session, error)
	ListUserSessions(ctx context.Context, ownerID, cursor string, limit int) ([]storage.Summary, string, error)
	FileHistories(ctx context.Context, id string, versions map[string]int64) (map[string][]storage.File, error)
	ExtendSessionTTL(ctx context.Context, id string, ttl time.Duration) (time.Time, error)
	DeleteSession(ctx context.Context, id string) error
	UpdateFields(ctx context.Context, id string, fields map[string]string) (storage.BriefStatus, error)
	Subscribe(ctx context.Context, briefID string) (<-chan []byte, func() error, error)
	AdminBriefs
}

// Generator runs the agents on briefs.
type Generator interface {
	Create(ctx context.Context, ownerID string, in agents.Input) (storage.Summary, error)
	Regenerate(ctx context.Context, id string, sections []agents.Section, instruction string) error
	Restore(ctx context.Context, id string, s agents.Section, from storage.File) (storage.File, error)
	Wait(ctx context.Context, id string) (storage.Session, error)
}

// Drafts keep the new-brief form's unfinished input per user.
type Drafts interface {
	SaveDraft(ctx context.Context, userID string, data []byte) error
	LoadDraft(ctx context.Context, userID string) ([]byte, error)
	DeleteDraft(ctx context.Context, userID string) error
}

// Limiter counts events against limits shared by every instance.
type Limiter interface {
	Take(ctx context.Context, key string, limit int, window time.Duration) (storage.Decision, error)
	Check(ctx context.Context, key string, limit int, window time.Duration) (storage.Decision, error)
	Record(ctx context.Context, key string, limit int, window time.Duration) (storage.Decision, error)
}

// Config is everything the web layer depends on.
type Config struct {
	Logger    *slog.Logger
	Catalogue *i18n.Catalogue
	Assets    *static.Assets
	Health    Health
	Accounts  Accounts
	Briefs    Briefs
	Generator Generator
	Drafts    Drafts
	Knowledge *agents.Knowledge
	// SiteWriter writes a website's version in its second language (the builtin agents); nil
	// leaves sites in one language.
	SiteWriter agents.Provider
	Limiter    Limiter
	// GenerateRatePerMin bounds generations and regenerations per user per minute.
	GenerateRatePerMin int
	// Done closes when the server is shutting down: long-lived streams end.
	Done <-chan struct{}
	// SessionKeys are hash/block key pairs: the first pair encodes, every pair decodes.
	SessionKeys    [][]byte
	CookieSecure   bool
	SessionMaxAge  time.Duration
	AdminEmails    []string
	TrustedProxies []netip.Prefix
	TokenTTL       time.Duration
	// BodyLimit bounds every request body, in bytes.
	BodyLimit int
	// Website says where briefs' websites are served and published.
	Website WebsiteConfig
	// Metrics receives the app's measurements and serves /metrics; nil gives the server its own.
	Metrics *Metrics
	// MetricsToken lets a scraper read /metrics with "Authorization: Bearer <token>"; empty, only
	// admins can.
	MetricsToken string
}

// Server holds the dependencies the handlers share.
type Server struct {
	logger         *slog.Logger
	catalogue      *i18n.Catalogue
	assets         *static.Assets
	health         Health
	accounts       Accounts
	briefs         Briefs
	generator      Generator
	drafts         Drafts
	knowledge      *agents.Knowledge
	generateRate   int
	done           <-chan struct{}
	limiter        Limiter
	sessions       *sessions.CookieStore
	adminEmails    map[string]bool
	trustedProxies []netip.Prefix
	tokenTTL       time.Duration
	// dummyHash is verified against when an email is unknown, so a login costs the same either way.
	dummyHash string
	// routeTable lists every route with its access rule.
	routeTable []route
	// sites builds, keeps and publishes briefs' websites.
	sites *sites
	// metrics counts requests, agent runs and Redis commands; /metrics serves them.
	metrics      *Metrics
	metricsToken string
	// openAPIBody is the API's description, encoded once.
	openAPIBody openAPIJSON
}

// New builds the Fiber app with its routes.
func New(cfg Config) (*fiber.App, *Server) {
	if cfg.BodyLimit == 0 {
		cfg.BodyLimit = 1 << 20
	}
	if cfg.SessionMaxAge == 0 {
		cfg.SessionMaxAge = 14 * 24 * time.Hour
	}
	if cfg.TokenTTL == 0 {
		cfg.TokenTTL = 24 * time.Hour
	}
	if cfg.GenerateRatePerMin == 0 {
		cfg.GenerateRatePerMin = 60
	}
	if cfg.Metrics == nil {
		cfg.Metrics = NewMetrics(nil)
	}
	store := sessions.NewCookieStore(cfg.SessionKeys...)
	store.Options = &sessions.Options{
		Path:     "/",
		MaxAge:   int(cfg.SessionMaxAge / time.Second),
		HttpOnly: true,
		Secure:   cfg.CookieSecure,
		SameSite: http.SameSiteLaxMode,
	}
	store.MaxAge(store.Options.MaxAge)
	admins := map[string]bool{}
	for _, e := range cfg.AdminEmails {
		admins[storage.NormalizeEmail(e)] = true
	}
	s := &Server{
		logger:         cfg.Logger,
		catalogue:      cfg.Catalogue,
		assets:         cfg.Assets,
		health:         cfg.Health,
		accounts:       cfg.Accounts,
		briefs:         cfg.Briefs,
		generator:      cfg.Generator,
		drafts:         cfg.Drafts,
		knowledge:      cfg.Knowledge,
		generateRate:   cfg.GenerateRatePerMin,
		done:           cfg.Done,
		limiter:        cfg.Limiter,
		sessions:       store,
		adminEmails:    admins,
		trustedProxies: cfg.TrustedProxies,
		tokenTTL:       cfg.TokenTTL,
		dummyHash:      hashPassword("genesis: no such account"),
		sites:          newSites(cfg.Website, cfg.Briefs, cfg.SiteWriter, cfg.Logger, cfg.Done),
		metrics:        cfg.Metrics,
		metricsToken:   cfg.MetricsToken,
	}
	proxies := make([]string, len(cfg.TrustedProxies))
	for i, p := range cfg.TrustedProxies {
		proxies[i] = p.String()
	}
	app := fiber.New(fiber.Config{
		AppName:               "genesis",
		DisableStartupMessage: true,
		ReadTimeout:           15 * time.Second,
		WriteTimeout:          30 * time.Second,
		IdleTimeout:           60 * time.Second,
		BodyLimit:             cfg.BodyLimit,
		ReadBufferSize:        16 << 10,
		ErrorHandler:          s.handleError,
		// Only trusted proxies may say the request came over TLS (X-Forwarded-Proto).
		EnableTrustedProxyCheck: true,
		TrustedProxies:          proxies,
	})
	s.routes(app)
	return app, s
}
