package handlers

import (
	"github.com/gofiber/fiber/v2"

	"genesis/views"
)

func (s *Server) landing(c *fiber.Ctx) error {
	return s.render(c, fiber.StatusOK, views.LandingPage())
}
