package handlers

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"
)

// probeTimeout bounds a health probe, so a hung Redis makes /readyz fail fast rather than hang.
const probeTimeout = time.Second

// healthz says the process is alive; it never touches Redis.
func (s *Server) healthz(c *fiber.Ctx) error {
	return c.SendString("ok")
}

// readyz says whether Genesis can serve: Redis answers PING.
func (s *Server) readyz(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), probeTimeout)
	defer cancel()
	c.Set(fiber.HeaderCacheControl, "no-store")
	if err := s.health.Ping(ctx); err != nil {
		loggerOf(c).Warn("not ready", "err", err)
		return c.Status(fiber.StatusServiceUnavailable).SendString("redis unavailable")
	}
	return c.SendString("ready")
}

type healthReport struct {
	Status string      `json:"status"`
	Redis  redisHealth `json:"redis"`
}

type redisHealth struct {
	OK              bool    `json:"ok"`
	LatencyMS       float64 `json:"latency_ms"`
	Version         string  `json:"version,omitempty"`
	Mode            string  `json:"mode,omitempty"`
	MaxMemoryPolicy string  `json:"maxmemory_policy,omitempty"`
	AOFEnabled      bool    `json:"aof_enabled"`
	EvictionUnsafe  bool    `json:"eviction_unsafe"`
}

// healthReport is the JSON health summary: "degraded" when Redis does not answer or may evict briefs.
func (s *Server) healthReport(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), probeTimeout)
	defer cancel()
	c.Set(fiber.HeaderCacheControl, "no-store")
	start := time.Now()
	info, err := s.health.ServerInfo(ctx)
	report := healthReport{Status: "ok", Redis: redisHealth{LatencyMS: float64(time.Since(start).Microseconds()) / 1000}}
	if err != nil {
		loggerOf(c).Warn("health: redis", "err", err)
		report.Status = "degraded"
		return c.Status(fiber.StatusServiceUnavailable).JSON(report)
	}
	report.Redis = redisHealth{
		OK:              true,
		LatencyMS:       report.Redis.LatencyMS,
		Version:         info.Version,
		Mode:            string(info.Mode),
		MaxMemoryPolicy: info.MaxMemoryPolicy,
		AOFEnabled:      info.AOFEnabled,
		EvictionUnsafe:  info.EvictionUnsafe(),
	}
	if info.EvictionUnsafe() {
		report.Status = "degraded"
	}
	return c.JSON(report)
}
