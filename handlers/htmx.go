package handlers

import "github.com/gofiber/fiber/v2"

// htmx request and response headers, named once.
const (
	hxRequest  = "HX-Request"
	hxBoosted  = "HX-Boosted"
	hxTarget   = "HX-Target"
	hxRetarget = "HX-Retarget"
	hxReswap   = "HX-Reswap"
	hxRedirect = "HX-Redirect"
	hxTrigger  = "HX-Trigger"
	hxPushURL  = "HX-Push-Url"
)

// isFragment reports whether the request wants a fragment rather than a whole page: htmx asked,
// and not as a boosted navigation (which replaces the whole body).
func isFragment(c *fiber.Ctx) bool {
	return c.Get(hxRequest) == "true" && c.Get(hxBoosted) != "true"
}

// redirect sends the browser to url: through HX-Redirect for htmx, 303 otherwise.
func redirect(c *fiber.Ctx, url string) error {
	if c.Get(hxRequest) == "true" {
		c.Set(hxRedirect, url)
		return c.SendStatus(fiber.StatusNoContent)
	}
	return c.Redirect(url, fiber.StatusSeeOther)
}
