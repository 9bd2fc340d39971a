package handlers

import "github.com/gofiber/fiber/v2"

// routes is the one route table: every URL Genesis answers, on one screen.
func (s *Server) routes(app *fiber.App) {
	app.Use(s.requestContext, securityHeaders)

	// Probes and assets: no session, no language.
	app.Get("/healthz", s.healthz)
	app.Get("/readyz", s.readyz)
	app.Get("/health", s.healthReport)
	app.Get("/static/*", s.staticFile)
	app.Get("/favicon.ico", s.favicon)

	app.Use(s.language)
	app.Get("/", s.landing)
}
