package handlers

import (
	"mime"
	"path"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// staticFile serves an embedded asset. A URL carrying the asset's current hash may be cached for a
// year; any other is revalidated through the ETag.
func (s *Server) staticFile(c *fiber.Ctx) error {
	name := c.Params("*")
	asset, ok := s.assets.Get(name)
	if !ok || strings.Contains(name, "..") {
		return fiber.ErrNotFound
	}
	etag := `"` + asset.Hash + `"`
	c.Set(fiber.HeaderETag, etag)
	if c.Query("v") == asset.Hash {
		c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
	} else {
		c.Set(fiber.HeaderCacheControl, "public, max-age=0, must-revalidate")
	}
	if c.Get(fiber.HeaderIfNoneMatch) == etag {
		return c.SendStatus(fiber.StatusNotModified)
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = fiber.MIMEOctetStream
	}
	c.Set(fiber.HeaderContentType, ctype)
	return c.Send(asset.Body)
}

// favicon answers browsers that ask for /favicon.ico without reading the page's icon link.
func (s *Server) favicon(c *fiber.Ctx) error {
	return c.Redirect(s.assets.URL("img/favicon.svg"), fiber.StatusMovedPermanently)
}
