// Package handlers is Genesis's web layer: the Fiber app, its one route table, middleware, pages,
// htmx fragments, the JSON API and the one error handler.
package handlers

import (
	"context"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"

	"genesis/static"
	"genesis/storage"
	"genesis/views/i18n"
)

// Health reports on the Redis that holds the briefs.
type Health interface {
	Ping(ctx context.Context) error
	ServerInfo(ctx context.Context) (storage.ServerInfo, error)
}

// Config is everything the web layer depends on.
type Config struct {
	Logger    *slog.Logger
	Catalogue *i18n.Catalogue
	Assets    *static.Assets
	Health    Health
	// BodyLimit bounds every request body, in bytes.
	BodyLimit int
}

// Server holds the dependencies the handlers share.
type Server struct {
	logger    *slog.Logger
	catalogue *i18n.Catalogue
	assets    *static.Assets
	health    Health
}

// New builds the Fiber app with its routes.
func New(cfg Config) *fiber.App {
	s := &Server{
		logger:    cfg.Logger,
		catalogue: cfg.Catalogue,
		assets:    cfg.Assets,
		health:    cfg.Health,
	}
	if cfg.BodyLimit == 0 {
		cfg.BodyLimit = 1 << 20
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
	})
	s.routes(app)
	return app
}
