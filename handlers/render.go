package handlers

import (
	"bytes"

	"github.com/a-h/templ"
	"github.com/gofiber/fiber/v2"

	"genesis/views"
)

// render writes component as the response with status. It renders into a buffer first, so a
// failure half-way reaches the error handler instead of leaving half a page on the wire.
func (s *Server) render(c *fiber.Ctx, status int, component templ.Component) error {
	var buf bytes.Buffer
	page := s.page(c)
	if page.StorageTrouble && status < fiber.StatusBadRequest {
		// What renders without storage is served, marked as the degraded answer it is.
		status = fiber.StatusServiceUnavailable
	}
	ctx := views.WithPage(c.UserContext(), page)
	if err := component.Render(ctx, &buf); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	// One URL answers with a page or a fragment depending on HX-Request; caches must keep both.
	c.Vary(hxRequest)
	return c.Status(status).Send(buf.Bytes())
}

// page describes the request to the views.
func (s *Server) page(c *fiber.Ctx) *views.Page {
	return &views.Page{
		Msg:       s.catalogue.For(langOf(c)),
		Catalogue: s.catalogue,
		CSRFToken: csrfTokenOf(c),
		User:      viewerOf(c),
		Asset:     s.assets.URL,
		RequestID: requestIDOf(c),
		Path:      c.Path(),
		Here:      here(c),
		// The banner shows when storage failed this request, whichever way the failure surfaced.
		StorageTrouble: storageTrouble(c) != nil,
	}
}
