package handlers

import (
	"bytes"
	"container/list"
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
	"golang.org/x/sync/singleflight"

	"genesis/agents"
	"genesis/storage"
	"genesis/views"
	"genesis/views/site"
)

// WebsiteConfig says where briefs' websites are served and, optionally, where they are published.
type WebsiteConfig struct {
	// PublicURL is Genesis's own address as people reach it, such as "https://genesis.example".
	// Links the API hands out start with it, and a site is built with
	// PublicURL/briefs/ID/site/ as its base URL, the address Genesis serves it at. Empty: links are
	// relative and sites are built without a base URL.
	PublicURL string
	// PublishURL, when set, receives each created site as a zip, signed with PublishSecret.
	PublishURL    string
	PublishSecret string
	// PublishAttempts bounds the deliveries of one site (default 5); PublishBackoff is the wait
	// after the first failed one, doubled after each (default 2s, at most a minute);
	// PublishTimeout bounds one delivery (default 30s).
	PublishAttempts int
	PublishBackoff  time.Duration
	PublishTimeout  time.Duration
}

// siteCacheSize is how many built sites are kept: a preview loads a page, its stylesheet, logo and
// icons one request at a time, and each would otherwise render the whole site again.
const siteCacheSize = 32

// sandboxCSP is the policy a site preview is served with: a sandbox where no script runs, no form
// is sent and nothing opens, loading only the site's own files. It keeps the page's origin
// (allow-same-origin, harmless without scripts): an opaque origin would make the site's requests
// for its stylesheet and images cross-site, which carry no session cookie and are refused.
const sandboxCSP = "sandbox allow-same-origin; default-src 'none'; img-src 'self' data:; style-src 'self'; font-src 'self'; manifest-src 'self'; " +
	"script-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"

// Summary fields that keep what publishing a brief's site did.
const (
	fieldSiteStatus   = "website:status"
	fieldSiteURL      = "website:url"
	fieldSiteReason   = "website:reason"
	fieldSiteHTTP     = "website:http_status"
	fieldSiteAttempts = "website:attempts"
	fieldSiteAt       = "website:at"
)

// sites builds briefs' websites, keeps the last few built, and hands them to the publisher.
type sites struct {
	publicURL string
	logger    *slog.Logger
	publisher *publisher // nil unless PublishURL is set
	// writer writes a site's version in its second language (website_lang.go); without it
	// sites have one language.
	writer agents.Provider

	builds singleflight.Group
	mu     sync.Mutex
	order  *list.List // of *cachedSite, most recently used first
	byKey  map[string]*list.Element
}

type cachedSite struct {
	key    string
	bundle site.Bundle
}

func newSites(cfg WebsiteConfig, store publicationStore, writer agents.Provider, logger *slog.Logger, done <-chan struct{}) *sites {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	st := &sites{
		publicURL: strings.TrimSuffix(strings.TrimSpace(cfg.PublicURL), "/"),
		logger:    logger,
		order:     list.New(),
		byKey:     map[string]*list.Element{},
		writer:    writer,
	}
	if cfg.PublishURL != "" {
		st.publisher = newPublisher(cfg, store, logger.With("component", "publisher"), done)
	}
	return st
}

// link is path as the API hands it out: absolute under PublicURL when it is set.
func (st *sites) link(path string) string { return st.publicURL + path }

// baseURL is where Genesis serves the site of brief id, the base URL it is built with.
func (st *sites) baseURL(id string) string {
	if st.publicURL == "" {
		return ""
	}
	return st.publicURL + "/briefs/" + id + "/site/"
}

// siteFiles are the brief's files a site is built from: a new version of any of them is a new site.
var siteFiles = []string{agents.InputFile, string(agents.ContentGeneration), string(agents.LogoCreation),
	string(agents.SEOOptimization), string(agents.TemplateSelection)}

func siteKey(sess *storage.Session) string {
	var sb strings.Builder
	sb.WriteString(sess.ID)
	for _, name := range siteFiles {
		sb.WriteByte('.')
		sb.WriteString(strconv.FormatInt(sess.Files[name].Version, 10))
	}
	// A site with a second language is another site.
	sb.WriteString("+" + sess.Fields[fieldSiteAddLanguage])
	return sb.String()
}

// notReady is the error for a brief whose website cannot be built yet, naming what it waits for.
func notReady(b *agents.Brief) error {
	var waiting []string
	for _, sec := range []agents.Section{agents.ContentGeneration, agents.LogoCreation, agents.SEOOptimization, agents.TemplateSelection} {
		if v := b.Section(sec); v.State.Status != agents.StatusDone || v.Result == nil {
			waiting = append(waiting, string(sec)+" is "+string(v.State.Status))
		}
	}
	return errorf(fiber.StatusConflict, codeConflict, "the brief is not ready for a website: "+strings.Join(waiting, ", ")+
		"; a website needs content_generation, logo_creation, seo_optimization and template_selection done (regenerate failed ones)")
}

// bundle returns the website of a stored brief, built once per version of its files.
func (st *sites) bundle(ctx context.Context, sess *storage.Session) (site.Bundle, *agents.Brief, error) {
	b, err := agents.BriefFrom(*sess)
	if err != nil {
		return nil, nil, err
	}
	if !b.ReadyForWebsite() {
		return nil, &b, notReady(&b)
	}
	key := siteKey(sess)
	if bundle, ok := st.cached(key); ok {
		return bundle, &b, nil
	}
	// One build per site however many requests ask at once; it outlives any one of them.
	v, err, _ := st.builds.Do(key, func() (any, error) {
		bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		bundle, err := st.build(bctx, &b, siteAddLanguage(sess.Fields, b.Input.Language))
		if err != nil {
			return nil, err
		}
		st.keep(key, bundle)
		return bundle, nil
	})
	if err != nil {
		return nil, &b, err
	}
	return v.(site.Bundle), &b, nil
}

func (st *sites) build(ctx context.Context, b *agents.Brief, second agents.Language) (site.Bundle, error) {
	in := site.Brief{
		Input:    b.Input,
		Content:  *b.Content(),
		Logo:     *b.Logo(),
		SEO:      *b.SEO(),
		Template: *b.Template(),
		BaseURL:  st.baseURL(b.ID),
	}
	icons, err := agents.FaviconSet(in.Logo.PrimaryLogo.SVG)
	if err != nil {
		// The site then uses the logo itself as its icon.
		st.logger.Warn("no favicon set for the website: the logo does not rasterise", "brief", b.ID, "err", err)
	} else {
		in.FaviconSet = icons
	}
	bundle, err := st.buildSite(ctx, b, in, second)
	if err != nil {
		return nil, fmt.Errorf("build website of brief %s: %w", b.ID, err)
	}
	return bundle, nil
}

func (st *sites) cached(key string) (site.Bundle, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	el, ok := st.byKey[key]
	if !ok {
		return nil, false
	}
	st.order.MoveToFront(el)
	return el.Value.(*cachedSite).bundle, true
}

func (st *sites) keep(key string, bundle site.Bundle) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if el, ok := st.byKey[key]; ok {
		st.order.MoveToFront(el)
		return
	}
	st.byKey[key] = st.order.PushFront(&cachedSite{key: key, bundle: bundle})
	for st.order.Len() > siteCacheSize {
		last := st.order.Back()
		st.order.Remove(last)
		delete(st.byKey, last.Value.(*cachedSite).key)
	}
}

// forget drops the sites kept for a deleted brief.
func (st *sites) forget(id string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for key, el := range st.byKey {
		if strings.HasPrefix(key, id+".") {
			st.order.Remove(el)
			delete(st.byKey, key)
		}
	}
}

// create builds the site of a brief and, when publishing is configured, starts publishing it. It
// returns the publication as it now stands: pending, or nil when nothing is published.
func (st *sites) create(ctx context.Context, sess *storage.Session) (*agents.Brief, *views.Publication, error) {
	bundle, b, err := st.bundle(ctx, sess)
	if err != nil {
		return b, nil, err
	}
	if st.publisher == nil {
		return b, nil, nil
	}
	var archive bytes.Buffer
	if err := bundle.Zip(&archive); err != nil {
		return b, nil, fmt.Errorf("zip website of brief %s: %w", b.ID, err)
	}
	st.publisher.start(b.ID, archive.Bytes())
	return b, &views.Publication{Status: views.PublicationPending, At: time.Now()}, nil
}

// publicationOf reads what publishing did from a brief's summary fields; nil when it never ran.
func publicationOf(fields map[string]string) *views.Publication {
	status := fields[fieldSiteStatus]
	if status == "" {
		return nil
	}
	num := func(k string) int64 {
		n, _ := strconv.ParseInt(fields[k], 10, 64)
		return n
	}
	return &views.Publication{
		Status:     status,
		URL:        fields[fieldSiteURL],
		Reason:     fields[fieldSiteReason],
		HTTPStatus: int(num(fieldSiteHTTP)),
		Attempts:   int(num(fieldSiteAttempts)),
		At:         time.UnixMilli(num(fieldSiteAt)),
	}
}

// --- routes ---

// sitePreview serves one file of the brief's website, index.html at the site's root. Pages are
// sandboxed: the site's text is generated, and must not act with the owner's session.
func (s *Server) sitePreview(c *fiber.Ctx) error {
	name := c.Params("*")
	if name == "" {
		if !strings.HasSuffix(c.Path(), "/") {
			// Relative links in the pages resolve against the folder, so the folder needs its slash.
			return c.Redirect("/briefs/"+briefOf(c).ID+"/site/", fiber.StatusMovedPermanently)
		}
		name = "index.html"
	} else if strings.HasSuffix(c.Path(), "/") {
		// The home page of the site's version in another language ("en/").
		name = strings.TrimSuffix(name, "/") + "/index.html"
	}
	bundle, _, err := s.sites.bundle(c.UserContext(), briefOf(c))
	if err != nil {
		return err
	}
	f, ok := bundle.File(name)
	if !ok {
		return fiber.ErrNotFound
	}
	c.Set("Content-Security-Policy", sandboxCSP)
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	c.Set(fiber.HeaderContentType, f.ContentType)
	return c.Send(f.Body)
}

// siteZip downloads the brief's website as a zip.
func (s *Server) siteZip(c *fiber.Ctx) error {
	bundle, b, err := s.sites.bundle(c.UserContext(), briefOf(c))
	if err != nil {
		return err
	}
	var archive bytes.Buffer
	if err := bundle.Zip(&archive); err != nil {
		return fmt.Errorf("zip website of brief %s: %w", b.ID, err)
	}
	c.Attachment(exportName(b, "-site.zip"))
	c.Set(fiber.HeaderContentType, "application/zip")
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	return c.Send(archive.Bytes())
}

// createWebsite is the brief page's "Create website": it builds the site, starts publishing it
// when that is configured, and opens the preview.
func (s *Server) createWebsite(c *fiber.Ctx) error {
	if err := s.chooseSiteLanguages(c); err != nil {
		return err
	}
	b, _, err := s.sites.create(c.UserContext(), briefOf(c))
	if err != nil {
		return err
	}
	return redirect(c, "/briefs/"+b.ID+"/site/")
}

// websitePanel answers with the brief's website actions and what publishing did: the fragment for
// htmx (the brief page loads and polls it), a page of its own otherwise.
func (s *Server) websitePanel(c *fiber.Ctx) error {
	sess := briefOf(c)
	b, err := agents.BriefFrom(*sess)
	if err != nil {
		return err
	}
	p := views.WebsiteProps{
		BriefID:      b.ID,
		BusinessName: b.Input.BusinessName,
		Ready:        b.ReadyForWebsite(),
		Publication:  publicationOf(sess.Fields),
		Language:     b.Input.Language,
		AddLanguage:  siteAddLanguage(sess.Fields, b.Input.Language) != "",
	}
	for _, sec := range []agents.Section{agents.ContentGeneration, agents.LogoCreation, agents.SEOOptimization, agents.TemplateSelection} {
		if b.Section(sec).State.Status.InProgress() {
			p.Refresh = true
		}
	}
	if p.Publication != nil && p.Publication.Status == views.PublicationPending {
		p.Refresh = true
	}
	if isFragment(c) {
		return s.render(c, fiber.StatusOK, views.WebsitePanel(p))
	}
	return s.render(c, fiber.StatusOK, views.WebsitePage(p))
}

// Drain waits, at most until ctx ends, for the websites still being published in the background;
// the server calls it after it stops taking requests.
func (s *Server) Drain(ctx context.Context) {
	if s.sites.publisher != nil {
		s.sites.publisher.wait(ctx)
	}
}
