// Genesis turns a short description of a small business into a business brief written by five
// agents, keeps it in a virtual file system on Redis, and turns it into a website.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"

	"github.com/caarlos0/env/v11"
	"github.com/redis/go-redis/v9"

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
	keyOfField := map[string]string{}
	for _, p := range params {
		keyOfField[p.Key] = p.Key
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
	} {
		if err != nil {
			return cfg, err
		}
	}
	return cfg, nil
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

// run is Genesis: it returns when ctx ends or a signal asks it to stop, after draining requests and
// stopping the managed Redis.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := loadConfig(getenv)
	if err != nil {
		return err
	}
	logger := newLogger(cfg, stderr)

	if len(args) > 1 && args[1] != "serve" {
		return fmt.Errorf("unknown command %q (commands: serve)", args[1])
	}

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	rdb, mode, managed, err := openRedis(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer func() {
		rdb.Close()
		if managed != nil {
			managed.Stop()
			logger.Info("managed redis-server stopped")
		}
	}()

	assets, err := static.Load()
	if err != nil {
		return err
	}
	app := handlers.New(handlers.Config{
		Logger:    logger,
		Catalogue: i18n.New(),
		Assets:    assets,
		Health:    redisProbe{rdb: rdb, mode: mode},
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
	if err := app.ShutdownWithTimeout(10 * time.Second); err != nil {
		logger.Warn("shutdown did not drain every request", "err", err)
	}
	return nil
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
			Dir:    filepath.Join(cfg.DataDir, "redis"),
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
		rdb.Close()
		if managed != nil {
			managed.Stop()
		}
		return nil, "", nil, fmt.Errorf("redis at REDIS_URL does not answer: %w", err)
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
