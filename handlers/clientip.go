package handlers

import (
	"net/netip"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// clientIP is the address of the person making the request. Behind trusted proxies it walks
// X-Forwarded-For from the right, skipping the proxies, so the first untrusted hop is the client;
// a client cannot choose its own address by sending the header itself.
func clientIP(c *fiber.Ctx, trusted []netip.Prefix) string {
	remote := c.Context().RemoteIP().String()
	if !ipTrusted(remote, trusted) {
		return remote
	}
	hops := strings.Split(c.Get(fiber.HeaderXForwardedFor), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop := strings.TrimSpace(hops[i])
		if _, err := netip.ParseAddr(hop); err != nil {
			break
		}
		if !ipTrusted(hop, trusted) {
			return hop
		}
	}
	return remote
}

func ipTrusted(ip string, trusted []netip.Prefix) bool {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	addr = addr.Unmap()
	for _, p := range trusted {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}
