package handlers

import "github.com/gofiber/fiber/v2"

// routes is the one route table: every URL Genesis answers, with who may use it, on one screen.
func (s *Server) routes(app *fiber.App) {
	app.Use(s.metrics.observeHTTP, s.requestContext, securityHeaders)

	// Probes and assets: no session, no language.
	app.Get("/healthz", s.healthz)
	app.Get("/readyz", s.readyz)
	app.Get("/health", s.healthReport)
	app.Get("/static/*", s.staticFile)
	app.Get("/favicon.ico", s.favicon)
	// A scraper with METRICS_TOKEN reads /metrics here; anyone else goes on to the admin-only route.
	app.Get("/metrics", s.metricsByToken)

	app.Use(s.language, s.loadSession, s.authenticate, s.savedLanguage, s.checkCSRF)
	r := router{s: s, group: app, table: &s.routeTable}

	r.get("/", public, s.landing)
	r.get("/signup", public, s.signupPage)
	r.post("/signup", public, s.signup)
	r.get("/login", public, s.loginPage)
	r.post("/login", public, s.login)
	r.post("/logout", public, s.logout)
	r.post("/lang", public, s.switchLanguage)
	r.get("/settings", signedIn, s.settingsPage)
	r.post("/settings", signedIn, s.saveSettings)

	r.get("/briefs", signedIn, s.dashboard)
	r.get("/briefs/new", signedIn, s.newBriefPage)
	r.post("/briefs/draft", signedIn, s.saveDraft)
	r.post("/briefs", signedIn, s.createBrief)
	r.get("/briefs/:id", briefOwner, s.briefPage)
	r.get("/briefs/:id/events", briefOwner, s.briefEvents)
	r.get("/briefs/:id/sections/:name", briefOwner, s.sectionCard)
	r.post("/briefs/:id/sections/:name/regenerate", briefOwner, s.regenerateSection)
	r.get("/briefs/:id/sections/:name/history", briefOwner, s.sectionHistory)
	r.post("/briefs/:id/sections/:name/restore", briefOwner, s.restoreSection)
	r.post("/briefs/:id/extend", briefOwner, s.extendBrief)
	r.post("/briefs/:id/delete", briefOwner, s.deleteBrief)
	r.get("/briefs/:id/export.md", briefOwner, s.exportMarkdown)
	r.get("/briefs/:id/export.json", briefOwner, s.exportJSON)
	r.get("/briefs/:id/logo/:file", briefOwner, s.logoFile)
	r.get("/briefs/:id/website", briefOwner, s.websitePanel)
	r.post("/briefs/:id/website", briefOwner, s.createWebsite)
	r.get("/briefs/:id/site.zip", briefOwner, s.siteZip)
	r.get("/briefs/:id/site/*", briefOwner, s.sitePreview)

	r.get("/admin", adminOnly, s.adminOverview)
	r.get("/admin/sessions", adminOnly, s.adminSessions)
	r.get("/admin/sessions/:id", adminOnly, s.adminSession)
	r.post("/admin/sessions/:id/extend", adminOnly, s.adminExtend)
	r.post("/admin/sessions/:id/delete", adminOnly, s.adminDelete)
	r.post("/admin/sessions/:id/sections/:name/rerun", adminOnly, s.adminRerun)
	r.get("/admin/users", adminOnly, s.adminUsers)
	r.post("/admin/users/:uid/role", adminOnly, s.adminSetRole)
	r.get("/admin/redis", adminOnly, s.adminRedis)
	r.get("/metrics", adminOnly, s.metricsPage)

	api := r.sub("/api/v1")
	api.post("/auth/register", public, s.apiRegister)
	api.post("/auth/token", public, s.apiToken)
	api.get("/auth/me", signedIn, s.apiMe)
	api.delete("/auth/token", signedIn, s.apiRevokeToken)
	api.get("/openapi.json", public, s.openAPI)

	biz := api.sub("/business")
	biz.post("/brief/generate", signedIn, s.apiGenerate)
	biz.get("/brief/:id", briefOwner, s.apiGetBrief)
	biz.get("/brief/:id/results", briefOwner, s.apiResults)
	biz.post("/brief/:id/regenerate", briefOwner, s.apiRegenerate)
	biz.post("/brief/:id/extend", briefOwner, s.apiExtendBrief)
	biz.delete("/brief/:id", briefOwner, s.apiDeleteBrief)
	biz.get("/briefs", signedIn, s.apiListBriefs)
	biz.post("/website/create", signedIn, s.apiCreateWebsite)
}
