// Genesis turns a short description of a small business into a business brief written by five
// agents, keeps it in a virtual file system on Redis, and turns it into a website.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"

	"github.com/caarlos0/env/v11"
	"github.com/redis/go-redis/v9"

	"genesis/agents"
	"genesis/handlers"
	"genesis/static"
	"genesis/storage"
	"genesis/storage/redisserver"
	"genesis/views/i18n"
)

func main() {
	if err := run(context.Background(), os.Args, os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "genesis:", err)
		os.Exit(1)
	}
}

// config is every setting Genesis reads from its environment, parsed once at startup.
type config struct {
	Addr         string        `env:"ADDR" envDefault:"127.0.0.1:8080"`
	RedisURL     string        `env:"REDIS_URL"`
	DataDir      string        `env:"DATA_DIR" envDefault:"./data"`
	KeyPrefix    string        `env:"KEY_PREFIX" envDefault:"genesis"`
	BriefTTL     time.Duration `env:"BRIEF_TTL" envDefault:"168h"`
	LogLevel     slog.Level    `env:"LOG_LEVEL" envDefault:"info"`
	LogFormat    string        `env:"LOG_FORMAT" envDefault:"text"`
	SessionKeys  string        `env:"SESSION_KEYS"`
	CookieSecure bool          `env:"COOKIE_SECURE" envDefault:"false"`
	// AdminEmails get the admin role when they sign up or log in.
	AdminEmails    []string      `env:"ADMIN_EMAILS" envSeparator:","`
	TrustedProxies []string      `env:"TRUSTED_PROXIES" envSeparator:","`
	APITokenTTL    time.Duration `env:"API_TOKEN_TTL" envDefault:"24h"`
	// MetricsToken lets a scraper read /metrics as "Authorization: Bearer <token>"; unset, only
	// admins can.
	MetricsToken string `env:"METRICS_TOKEN"`
	// GenerateRatePerMin bounds brief generations and regenerations per user per minute.
	GenerateRatePerMin int           `env:"GENERATE_RATE_PER_MIN" envDefault:"60"`
	AgentTimeout       time.Duration `env:"AGENT_TIMEOUT" envDefault:"30s"`
	MaxRunningAgents   int           `env:"MAX_RUNNING_AGENTS" envDefault:"8"`
	// PublicURL is Genesis's address as people reach it: links the API hands out and the base URL
	// briefs' websites are built with start with it. By default http://ADDR.
	PublicURL string `env:"PUBLIC_URL"`
	// WebsitePublishURL, when set, receives each created website as a zip signed with
	// WebsitePublishSecret (HMAC-SHA256).
	WebsitePublishURL    string `env:"WEBSITE_PUBLISH_URL"`
	WebsitePublishSecret string `env:"WEBSITE_PUBLISH_SECRET"`
	// LeaseTTL is how long a generating section stays claimed without renewal: a dead instance's
	// sections are taken over after it.
	LeaseTTL time.Duration `env:"LEASE_TTL" envDefault:"15s"`
	// ReadCacheMB bounds the cache of decompressed brief files each instance keeps; 0 turns it off.
	ReadCacheMB int `env:"READ_CACHE_MB" envDefault:"32"`
	// An OpenAI-compatible chat completions API writes sections when LLM_BASE_URL is set; the
	// builtin agents stand in whenever it fails.
	LLMBaseURL string `env:"LLM_BASE_URL"`
	LLMModel   string `env:"LLM_MODEL"`
	LLMAPIKey  string `env:"LLM_API_KEY"`

	// Parsed by loadConfig from TRUSTED_PROXIES and SESSION_KEYS.
	proxies []netip.Prefix
	keys    [][]byte
}

var keyPrefixPattern = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,32}$`)

// loadConfig parses the environment. A bad value is an error of one line naming the variable and
// saying why.
func loadConfig(getenv func(string) string) (config, error) {
	var cfg config
	params, err := env.GetFieldParams(&cfg)
	if err != nil {
		return cfg, fmt.Errorf("config: %w", err)
	}
	environ := map[string]string{}
	for _, p := range params {
		if v := getenv(p.Key); v != "" {
			environ[p.Key] = v
		}
	}
	if err := env.ParseWithOptions(&cfg, env.Options{Environment: environ}); err != nil {
		return cfg, configError(err, params, environ)
	}
	check := func(key string, ok bool, why string) error {
		if ok {
			return nil
		}
		return fmt.Errorf("config: %s=%q: %s", key, environ[key], why)
	}
	if _, _, err := net.SplitHostPort(cfg.Addr); err != nil {
		return cfg, check("ADDR", false, "want host:port, such as 127.0.0.1:8080")
	}
	for _, err := range []error{
		check("KEY_PREFIX", keyPrefixPattern.MatchString(cfg.KeyPrefix), "use 1 to 32 letters, digits, '.', '_' or '-'"),
		check("BRIEF_TTL", cfg.BriefTTL >= time.Minute && cfg.BriefTTL <= 366*24*time.Hour, "want a duration between 1m and 8784h, such as 168h"),
		check("LOG_FORMAT", cfg.LogFormat == "text" || cfg.LogFormat == "json", "want text or json"),
		check("DATA_DIR", strings.TrimSpace(cfg.DataDir) != "", "must not be empty"),
		check("API_TOKEN_TTL", cfg.APITokenTTL >= time.Minute && cfg.APITokenTTL <= 90*24*time.Hour, "want a duration between 1m and 2160h"),
		check("GENERATE_RATE_PER_MIN", cfg.GenerateRatePerMin >= 1 && cfg.GenerateRatePerMin <= 100000, "want a whole number from 1 to 100000"),
		check("AGENT_TIMEOUT", cfg.AgentTimeout >= 100*time.Millisecond && cfg.AgentTimeout <= 10*time.Minute, "want a duration between 100ms and 10m"),
		check("MAX_RUNNING_AGENTS", cfg.MaxRunningAgents >= 1 && cfg.MaxRunningAgents <= 1024, "want a whole number from 1 to 1024"),
		check("METRICS_TOKEN", cfg.MetricsToken == "" || len(cfg.MetricsToken) >= 16, "use at least 16 characters, or leave it unset"),
		check("LEASE_TTL", cfg.LeaseTTL >= 500*time.Millisecond && cfg.LeaseTTL <= 10*time.Minute, "want a duration between 500ms and 10m"),
		check("READ_CACHE_MB", cfg.ReadCacheMB >= 0 && cfg.ReadCacheMB <= 4096, "want a whole number of MiB from 0 to 4096"),
		check("LLM_MODEL", cfg.LLMBaseURL == "" || cfg.LLMModel != "", "set LLM_MODEL along with LLM_BASE_URL"),
	} {
		if err != nil {
			return cfg, err
		}
	}
	for _, e := range cfg.AdminEmails {
		if !strings.Contains(e, "@") {
			return cfg, check("ADMIN_EMAILS", false, fmt.Sprintf("%q is not an email address", e))
		}
	}
	if err := websiteURLs(&cfg); err != nil {
		return cfg, err
	}
	if cfg.proxies, err = parseProxies(cfg.TrustedProxies); err != nil {
		return cfg, check("TRUSTED_PROXIES", false, err.Error())
	}
	if cfg.keys, err = parseSessionKeys(cfg.SessionKeys); err != nil {
		return cfg, fmt.Errorf("config: SESSION_KEYS: %v", err)
	}
	return cfg, nil
}

// websiteURLs defaults PUBLIC_URL to ADDR over http (localhost when ADDR names every interface),
// and checks it and the publishing settings.
func websiteURLs(cfg *config) error {
	if strings.TrimSpace(cfg.PublicURL) == "" {
		host, port, _ := net.SplitHostPort(cfg.Addr) // checked before
		if ip, err := netip.ParseAddr(host); host == "" || (err == nil && ip.IsUnspecified()) {
			host = "localhost"
		}
		cfg.PublicURL = "http://" + net.JoinHostPort(host, port)
	}
	cfg.PublicURL = strings.TrimSuffix(strings.TrimSpace(cfg.PublicURL), "/")
	if u, err := url.Parse(cfg.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("config: PUBLIC_URL=%q: want an absolute http or https URL without query, such as https://genesis.example", cfg.PublicURL)
	}
	if cfg.WebsitePublishURL == "" {
		return nil
	}
	if u, err := url.Parse(cfg.WebsitePublishURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("config: WEBSITE_PUBLISH_URL=%q: want an absolute http or https URL", cfg.WebsitePublishURL)
	}
	if len(cfg.WebsitePublishSecret) < 16 {
		// The secret itself is never echoed.
		return errors.New("config: WEBSITE_PUBLISH_SECRET: set a secret of at least 16 characters along with WEBSITE_PUBLISH_URL")
	}
	return nil
}

// parseProxies reads addresses and CIDR ranges of the proxies allowed to say who the client is.
func parseProxies(list []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, p := range list {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if !strings.Contains(p, "/") {
			addr, err := netip.ParseAddr(p)
			if err != nil {
				return nil, fmt.Errorf("%q is not an IP address or CIDR range", p)
			}
			out = append(out, netip.PrefixFrom(addr, addr.BitLen()))
			continue
		}
		prefix, err := netip.ParsePrefix(p)
		if err != nil {
			return nil, fmt.Errorf("%q is not an IP address or CIDR range", p)
		}
		out = append(out, prefix.Masked())
	}
	return out, nil
}

// parseSessionKeys reads "hash:block[,hash:block…]" in hex: a 32- or 64-byte signing key and a 16-,
// 24- or 32-byte encryption key per pair. The first pair encodes cookies, every pair decodes them,
// so keys rotate by putting the new pair first.
func parseSessionKeys(value string) ([][]byte, error) {
	var keys [][]byte
	for i, pair := range strings.Split(value, ",") {
		pair = strings.TrimSpace(pair)
		if pair == "" {
			continue
		}
		hashHex, blockHex, ok := strings.Cut(pair, ":")
		if !ok {
			return nil, fmt.Errorf("pair %d: want hashkey:blockkey in hex", i+1)
		}
		hash, err := hex.DecodeString(hashHex)
		if err != nil || (len(hash) != 32 && len(hash) != 64) {
			return nil, fmt.Errorf("pair %d: the hash key must be 32 or 64 bytes of hex", i+1)
		}
		block, err := hex.DecodeString(blockHex)
		if err != nil || (len(block) != 16 && len(block) != 24 && len(block) != 32) {
			return nil, fmt.Errorf("pair %d: the block key must be 16, 24 or 32 bytes of hex", i+1)
		}
		keys = append(keys, hash, block)
	}
	return keys, nil
}

// newSessionKeyPair is a fresh SESSION_KEYS pair: a 64-byte signing key and a 32-byte encryption key.
func newSessionKeyPair() string {
	pair := make([]byte, 64+32)
	_, _ = rand.Read(pair) // crypto/rand.Read never fails
	return hex.EncodeToString(pair[:64]) + ":" + hex.EncodeToString(pair[64:])
}

// sessionKeys returns SESSION_KEYS, or else the pair kept in DATA_DIR/session.keys, generated on
// first start (mode 0600) so restarts keep people signed in.
func sessionKeys(cfg config) ([][]byte, error) {
	if strings.TrimSpace(cfg.SessionKeys) != "" {
		return cfg.keys, nil
	}
	path := filepath.Join(cfg.DataDir, "session.keys")
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		raw = []byte(newSessionKeyPair() + "\n")
		if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
			return nil, fmt.Errorf("create DATA_DIR: %w", err)
		}
		if err := os.WriteFile(path, raw, 0o600); err != nil {
			return nil, fmt.Errorf("write %s: %w", path, err)
		}
	} else if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	keys, err := parseSessionKeys(string(raw))
	if err != nil || len(keys) == 0 {
		return nil, fmt.Errorf("%s is damaged (%v): delete it to generate new keys (everyone will be signed out)", path, err)
	}
	return keys, nil
}

// configError rewrites the env library's error into one line that names the variable.
func configError(err error, params []env.FieldParams, environ map[string]string) error {
	var agg env.AggregateError
	if errors.As(err, &agg) && len(agg.Errors) > 0 {
		var pe env.ParseError
		if errors.As(agg.Errors[0], &pe) {
			for _, p := range params {
				if p.OwnKey == pe.Name || strings.EqualFold(strings.ReplaceAll(p.Key, "_", ""), pe.Name) {
					return fmt.Errorf("config: %s=%q: %v", p.Key, environ[p.Key], pe.Err)
				}
			}
		}
		return fmt.Errorf("config: %v", agg.Errors[0])
	}
	return fmt.Errorf("config: %w", err)
}

func newLogger(cfg config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// run is Genesis: it parses its configuration and runs the command named in args, by default the
// server, until ctx ends or a signal asks it to stop.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := loadConfig(getenv)
	if err != nil {
		return err
	}
	logger := newLogger(cfg, stderr)
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	cmd := "serve"
	if len(args) > 1 {
		cmd = args[1]
	}
	switch cmd {
	case "serve":
		return serve(ctx, cfg, logger, stdout)
	case "admin":
		return admin(ctx, cfg, logger, stdout, args[2:])
	}
	return fmt.Errorf("unknown command %q (commands: serve, admin grant EMAIL, admin revoke EMAIL)", cmd)
}

// serve runs the web server until ctx ends, then drains requests and stops the managed Redis.
func serve(ctx context.Context, cfg config, logger *slog.Logger, stdout io.Writer) error {
	keys, err := sessionKeys(cfg)
	if err != nil {
		return err
	}
	rdb, mode, managed, err := openRedis(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer closeRedis(rdb, managed, logger)
	// Metrics see every Redis command, agent run and request from the start.
	metrics := handlers.NewMetrics(func() storage.PoolStats { return storage.ReadPoolStats(rdb) })
	rdb.AddHook(storage.ObserveCommands(metrics))

	assets, err := static.Load()
	if err != nil {
		return err
	}
	cacheBytes := cfg.ReadCacheMB << 20
	if cacheBytes == 0 {
		cacheBytes = -1 // off
	}
	store := storage.New(rdb, storage.Options{Prefix: cfg.KeyPrefix, TTL: cfg.BriefTTL, Mode: mode, Logger: logger, ReadCacheBytes: cacheBytes})
	knowledge, err := agents.LoadKnowledge()
	if err != nil {
		return err
	}
	// One builtin writer for the agents and the websites' second languages: its fonts are parsed once.
	builtin := agents.NewBuiltin(knowledge)
	primary, fallback, err := providers(cfg, knowledge, builtin)
	if err != nil {
		return err
	}
	orch := agents.New(agents.Config{
		Store:        store,
		Logger:       logger.With("component", "orchestrator"),
		Primary:      primary,
		Fallback:     fallback,
		Holder:       instanceID(),
		AgentTimeout: cfg.AgentTimeout,
		MaxRunning:   cfg.MaxRunningAgents,
		Observer:     metrics,
		LeaseTTL:     cfg.LeaseTTL,
	})
	orch.Start()
	janitorCtx, stopJanitor := context.WithCancel(context.Background())
	defer stopJanitor()
	go store.Janitor(janitorCtx, time.Minute)

	done := make(chan struct{})
	app, web := handlers.New(handlers.Config{
		Logger:             logger,
		Catalogue:          i18n.New(),
		Assets:             assets,
		Health:             redisProbe{rdb: rdb, mode: mode},
		Accounts:           storage.NewAccounts(rdb, cfg.KeyPrefix),
		Briefs:             store,
		Generator:          orch,
		Drafts:             storage.NewDrafts(rdb, cfg.KeyPrefix),
		Knowledge:          knowledge,
		SiteWriter:         builtin,
		Limiter:            storage.NewLimiter(rdb, cfg.KeyPrefix),
		Done:               done,
		GenerateRatePerMin: cfg.GenerateRatePerMin,
		SessionKeys:        keys,
		CookieSecure:       cfg.CookieSecure,
		AdminEmails:        cfg.AdminEmails,
		TrustedProxies:     cfg.proxies,
		TokenTTL:           cfg.APITokenTTL,
		Metrics:            metrics,
		MetricsToken:       cfg.MetricsToken,
		Website: handlers.WebsiteConfig{
			PublicURL:     cfg.PublicURL,
			PublishURL:    cfg.WebsitePublishURL,
			PublishSecret: cfg.WebsitePublishSecret,
		},
	})

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on ADDR %s: %w", cfg.Addr, err)
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- app.Listener(ln) }()
	logger.Info("genesis listening", "addr", "http://"+ln.Addr().String(), "redis_mode", mode, "managed_redis", managed != nil)
	fmt.Fprintf(stdout, "Genesis is serving on http://%s\n", ln.Addr())

	select {
	case err := <-serveErr:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down: draining requests")
	close(done)
	if err := app.ShutdownWithTimeout(10 * time.Second); err != nil {
		logger.Warn("shutdown did not drain every request", "err", err)
	}
	stopCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	orch.Stop(stopCtx)
	web.Drain(stopCtx)
	return nil
}

// providers returns who writes sections: the builtin agents, or a language model with the builtin
// agents standing in when it fails.
func providers(cfg config, k *agents.Knowledge, builtin *agents.Builtin) (primary, fallback agents.Provider, err error) {
	if cfg.LLMBaseURL == "" {
		return builtin, nil, nil
	}
	llm, err := agents.NewOpenAI(agents.OpenAIConfig{
		BaseURL:   cfg.LLMBaseURL,
		Model:     cfg.LLMModel,
		APIKey:    cfg.LLMAPIKey,
		Templates: k.Templates,
		// Two attempts and the pause between them fit in one agent's time, so a failure reaches
		// the fallback with the model's own reason.
		Timeout: max(cfg.AgentTimeout/2-time.Second, cfg.AgentTimeout/3),
	})
	if err != nil {
		return nil, nil, fmt.Errorf("config: LLM_BASE_URL: %w", err)
	}
	return llm, builtin, nil
}

// instanceID names this process in generation leases: host, process id and a random part.
func instanceID() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
}

// managedRedisDir is where the managed redis-server keeps its data and socket.
func managedRedisDir(dataDir string) string { return filepath.Join(dataDir, "redis") }

// admin grants or revokes the admin role: `genesis admin grant EMAIL`, `genesis admin revoke EMAIL`.
// It works beside a running Genesis: the managed Redis is then reached on its socket.
func admin(ctx context.Context, cfg config, logger *slog.Logger, stdout io.Writer, args []string) error {
	if len(args) != 2 || (args[0] != "grant" && args[0] != "revoke") {
		return errors.New("usage: genesis admin grant EMAIL | genesis admin revoke EMAIL")
	}
	rdb, _, managed, err := openRedis(ctx, cfg, logger)
	if errors.Is(err, redisserver.ErrInUse) {
		rdb, _, err = storage.Connect("unix://" + redisserver.SocketPath(managedRedisDir(cfg.DataDir)))
	}
	if err != nil {
		return err
	}
	defer closeRedis(rdb, managed, logger)

	accounts := storage.NewAccounts(rdb, cfg.KeyPrefix)
	u, err := accounts.UserByEmail(ctx, args[1])
	if errors.Is(err, storage.ErrNotFound) {
		return fmt.Errorf("no account with email %s: it must sign up first", storage.NormalizeEmail(args[1]))
	}
	if err != nil {
		return err
	}
	role := storage.RoleAdmin
	if args[0] == "revoke" {
		role = storage.RoleOwner
	}
	if err := accounts.SetRole(ctx, u.ID, role); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s is now %s\n", u.Email, role)
	return nil
}

func closeRedis(rdb redis.UniversalClient, managed *redisserver.Server, logger *slog.Logger) {
	rdb.Close()
	if managed != nil {
		managed.Stop()
		logger.Info("managed redis-server stopped")
	}
}

// openRedis connects to REDIS_URL, or starts the managed redis-server under DATA_DIR when it is unset.
func openRedis(ctx context.Context, cfg config, logger *slog.Logger) (redis.UniversalClient, storage.Mode, *redisserver.Server, error) {
	url := cfg.RedisURL
	var managed *redisserver.Server
	if url == "" {
		startCtx, cancel := context.WithTimeout(ctx, 15*time.Second)
		defer cancel()
		var err error
		managed, err = redisserver.Start(startCtx, redisserver.Config{
			Dir:    managedRedisDir(cfg.DataDir),
			Logger: logger.With("component", "redis-server"),
		})
		if err != nil {
			return nil, "", nil, fmt.Errorf("managed redis: %w", err)
		}
		url = managed.URL()
		logger.Info("managed redis-server started", "socket", managed.Socket(), "pid", managed.PID())
	}
	rdb, mode, err := storage.Connect(url)
	if err != nil {
		if managed != nil {
			managed.Stop()
		}
		return nil, "", nil, err
	}
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	info, err := storage.ReadServerInfo(pingCtx, rdb, mode)
	if err != nil {
		closeRedis(rdb, managed, logger)
		return nil, "", nil, fmt.Errorf("redis does not answer: %w", err)
	}
	if info.EvictionUnsafe() {
		logger.Warn("redis maxmemory-policy can silently delete briefs and indexes; use noeviction",
			"maxmemory_policy", info.MaxMemoryPolicy)
	}
	return rdb, mode, managed, nil
}

// redisProbe answers the web layer's health questions.
type redisProbe struct {
	rdb  redis.UniversalClient
	mode storage.Mode
}

func (p redisProbe) Ping(ctx context.Context) error { return p.rdb.Ping(ctx).Err() }

func (p redisProbe) ServerInfo(ctx context.Context) (storage.ServerInfo, error) {
	return storage.ReadServerInfo(ctx, p.rdb, p.mode)
}
