package handlers

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"genesis/agents"
	"genesis/storage"
	"genesis/views"
	"genesis/views/i18n"
)

// Bounds of the business API.
const (
	// apiBodyLimit bounds a request body: the largest valid brief input is well under it.
	apiBodyLimit = 64 << 10
	// apiWaitLimit bounds how long generate and regenerate wait for the agents before answering
	// 202 with where to poll; the agents go on either way.
	apiWaitLimit     = 25 * time.Second
	apiListDefault   = 20
	apiListMax       = 100
	minExtendSeconds = int64(time.Hour / time.Second)
	maxExtendSeconds = int64(365 * 24 * time.Hour / time.Second)
)

// --- request and response bodies of /api/v1/business, in the older service's names ---

// apiBusinessBrief is what the owner says about the business.
type apiBusinessBrief struct {
	BusinessName     string          `json:"business_name"`
	Vision           string          `json:"vision,omitempty"`
	Mission          string          `json:"mission,omitempty"`
	TargetAudience   string          `json:"target_audience,omitempty"`
	Differentiation  string          `json:"differentiation,omitempty"`
	ValueProposition string          `json:"value_proposition,omitempty"`
	Sector           string          `json:"sector"`
	Location         agents.Location `json:"location"`
}

type generateRequest struct {
	BusinessBrief apiBusinessBrief `json:"business_brief"`
	// Language is the brief's content language, en or fr; by default the request's language
	// (Accept-Language), else English.
	Language agents.Language `json:"language,omitempty"`
	Services []string        `json:"services,omitempty"`
	Tone     string          `json:"tone,omitempty"`
}

// input is the agents' input the request describes.
func (r generateRequest) input(lang i18n.Lang) agents.Input {
	bb := r.BusinessBrief
	in := agents.Input{
		BusinessName:     bb.BusinessName,
		Sector:           bb.Sector,
		Location:         bb.Location,
		Vision:           bb.Vision,
		Mission:          bb.Mission,
		TargetAudience:   bb.TargetAudience,
		Differentiation:  bb.Differentiation,
		ValueProposition: bb.ValueProposition,
		Services:         r.Services,
		Language:         r.Language,
		Tone:             r.Tone,
	}
	if in.Language == "" {
		in.Language = agents.Language(lang)
	}
	return in
}

// apiAccepted answers a request whose brief is still being written.
type apiAccepted struct {
	ID        string `json:"id"`
	Status    string `json:"status"`
	StatusURL string `json:"status_url"`
}

// apiBriefResponse is a brief with what publishing its website did.
type apiBriefResponse struct {
	apiBrief
	Publication *apiPublication `json:"publication,omitempty"`
}

// apiPublication is what happened the last time the brief's website was published.
type apiPublication struct {
	// Status is pending, published or failed.
	Status string `json:"status"`
	URL    string `json:"url,omitempty"`
	// Error says why the last attempt failed.
	Error      string    `json:"error,omitempty"`
	HTTPStatus int       `json:"http_status,omitempty"`
	Attempts   int       `json:"attempts"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// apiResults are a brief's five sections, each null until it is done once.
type apiResults struct {
	MarketResearch    *agents.MarketResearchResult    `json:"market_research"`
	ContentGeneration *agents.ContentGenerationResult `json:"content_generation"`
	LogoCreation      *agents.LogoCreationResult      `json:"logo_creation"`
	SEOOptimization   *agents.SEOOptimizationResult   `json:"seo_optimization"`
	TemplateSelection *agents.TemplateSelectionResult `json:"template_selection"`
}

type regenerateRequest struct {
	RegenerateSections []string `json:"regenerate_sections"`
	Instruction        string   `json:"instruction,omitempty"`
}

type apiBriefList struct {
	Briefs []apiBriefSummary `json:"briefs"`
	// NextCursor fetches the next page; empty on the last one.
	NextCursor string `json:"next_cursor"`
}

type apiBriefSummary struct {
	ID                string                   `json:"id"`
	BusinessName      string                   `json:"business_name"`
	Sector            string                   `json:"sector"`
	Location          agents.Location          `json:"location"`
	Language          string                   `json:"language"`
	Status            string                   `json:"status"`
	Sections          map[string]agents.Status `json:"sections"`
	IsReadyForWebsite bool                     `json:"is_ready_for_website"`
	CreatedAt         time.Time                `json:"created_at"`
	ExpiresAt         time.Time                `json:"expires_at"`
}

type extendRequest struct {
	TTLSeconds int64 `json:"ttl_seconds"`
}

type extendResponse struct {
	ExpiresAt time.Time `json:"expires_at"`
}

type websiteRequest struct {
	BriefID string `json:"brief_id"`
}

type websiteResponse struct {
	Success bool        `json:"success"`
	Data    websiteData `json:"data"`
}

type websiteData struct {
	WebsiteURL  string          `json:"website_url"`
	DownloadURL string          `json:"download_url"`
	TemplateID  string          `json:"template_id"`
	Publication *apiPublication `json:"publication,omitempty"`
}

// --- helpers ---

// decodeAPI reads a JSON body of the business API, refusing bodies over apiBodyLimit.
func decodeAPI(c *fiber.Ctx, v any) error {
	if n := len(c.Body()); n > apiBodyLimit {
		return errorf(fiber.StatusRequestEntityTooLarge, codeTooLarge,
			"the body is "+strconv.Itoa(n)+" bytes; at most "+strconv.Itoa(apiBodyLimit)+" are accepted")
	}
	return decodeJSON(c, v)
}

// inputError is the 422 for an invalid generate request, naming fields by their JSON path.
func (s *Server) inputError(verrs agents.ValidationError) error {
	return validationError(fieldErrors(s.catalogue.For(i18n.EN), verrs, apiInputField))
}

// apiInputField names an input field by its path in a generate request: the business's own fields
// are under business_brief.
func apiInputField(field string) string {
	switch field {
	case "services", "language", "tone":
		return field
	}
	return "business_brief." + field
}

// statusURL is where a brief's progress is polled.
func (s *Server) statusURL(id string) string { return s.sites.link("/api/v1/business/brief/" + id) }

// boolQuery reads an optional true/false query parameter.
func boolQuery(c *fiber.Ctx, name string) (bool, error) {
	switch strings.ToLower(c.Query(name)) {
	case "", "false", "0":
		return false, nil
	case "true", "1":
		return true, nil
	}
	return false, errorf(fiber.StatusBadRequest, codeBadRequest, name+": want true or false")
}

// waitBrief waits for the agents working on brief id, at most apiWaitLimit and never past
// shutdown. ok is false when they are still working.
func (s *Server) waitBrief(c *fiber.Ctx, id string) (storage.Session, bool, error) {
	ctx, cancel := context.WithTimeout(c.UserContext(), apiWaitLimit)
	defer cancel()
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		select {
		case <-s.done:
			cancel()
		case <-stop:
		}
	}()
	sess, err := s.generator.Wait(ctx, id)
	if err != nil {
		if ctx.Err() != nil {
			return storage.Session{}, false, nil
		}
		return storage.Session{}, false, err
	}
	return sess, true, nil
}

// accepted answers 202 for a brief still being written.
func (s *Server) accepted(c *fiber.Ctx, id string) error {
	c.Location(s.statusURL(id))
	return c.Status(fiber.StatusAccepted).JSON(apiAccepted{ID: id, Status: string(storage.BriefGenerating), StatusURL: s.statusURL(id)})
}

func (s *Server) briefResponse(sess *storage.Session) (apiBriefResponse, error) {
	b, err := agents.BriefFrom(*sess)
	if err != nil {
		return apiBriefResponse{}, err
	}
	return apiBriefResponse{apiBrief: briefJSON(&b), Publication: s.publicationJSON(publicationOf(sess.Fields))}, nil
}

// publicationJSON is a publication as the API shows it; like every API message, in English.
func (s *Server) publicationJSON(pub *views.Publication) *apiPublication {
	if pub == nil {
		return nil
	}
	out := &apiPublication{Status: pub.Status, URL: pub.URL, HTTPStatus: pub.HTTPStatus, Attempts: pub.Attempts, UpdatedAt: pub.At}
	if pub.Reason != "" {
		out.Error = views.PublicationReason(s.catalogue.For(i18n.EN), *pub)
	}
	return out
}

// validInstruction checks an owner's instruction to an agent: bounded, printable text.
func validInstruction(s string) bool {
	if utf8.RuneCountInString(s) > agents.MaxInstruction || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' {
			return false
		}
	}
	return true
}

// --- handlers ---

// apiGenerate creates a brief and answers with it once every section is written; with
// ?async=true at once, with where to poll.
func (s *Server) apiGenerate(c *fiber.Ctx) error {
	async, err := boolQuery(c, "async")
	if err != nil {
		return err
	}
	var req generateRequest
	if err := decodeAPI(c, &req); err != nil {
		return err
	}
	in := req.input(langOf(c))
	in.Normalize()
	if verrs := in.Validate(); len(verrs) > 0 {
		return s.inputError(verrs)
	}
	u := userOf(c)
	if err := s.takeGeneration(c, u.ID); err != nil {
		return err
	}
	sum, err := s.generator.Create(c.UserContext(), u.ID, in)
	if err != nil {
		return err
	}
	if async {
		return s.accepted(c, sum.ID)
	}
	sess, ok, err := s.waitBrief(c, sum.ID)
	if err != nil {
		return err
	}
	if !ok {
		return s.accepted(c, sum.ID)
	}
	resp, err := s.briefResponse(&sess)
	if err != nil {
		return err
	}
	c.Location(s.statusURL(sum.ID))
	return c.Status(fiber.StatusCreated).JSON(resp)
}

func (s *Server) apiGetBrief(c *fiber.Ctx) error {
	resp, err := s.briefResponse(briefOf(c))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	return c.JSON(resp)
}

func (s *Server) apiResults(c *fiber.Ctx) error {
	b, err := decodedBrief(c)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	return c.JSON(apiResults{
		MarketResearch:    b.MarketResearch(),
		ContentGeneration: b.Content(),
		LogoCreation:      b.Logo(),
		SEOOptimization:   b.SEO(),
		TemplateSelection: b.Template(),
	})
}

// apiRegenerate writes the named sections again, leaving the others untouched, and answers with
// the brief once they are done.
func (s *Server) apiRegenerate(c *fiber.Ctx) error {
	var req regenerateRequest
	if err := decodeAPI(c, &req); err != nil {
		return err
	}
	names := make([]string, 0, len(agents.Sections()))
	for _, sec := range agents.Sections() {
		names = append(names, string(sec))
	}
	var sections []agents.Section
	var unknown []string
	seen := map[agents.Section]bool{}
	for _, name := range req.RegenerateSections {
		sec, ok := agents.ParseSection(name)
		switch {
		case !ok:
			if len(unknown) < 5 {
				unknown = append(unknown, strconv.Quote(truncateRunes(name, 40)))
			}
		case !seen[sec]:
			seen[sec] = true
			sections = append(sections, sec)
		}
	}
	errs := views.FieldErrors{}
	switch {
	case len(unknown) > 0:
		errs["regenerate_sections"] = "unknown section " + strings.Join(unknown, ", ") + "; choose from " + strings.Join(names, ", ")
	case len(sections) == 0:
		errs["regenerate_sections"] = "name at least one section: " + strings.Join(names, ", ")
	}
	instruction := strings.TrimSpace(req.Instruction)
	if !validInstruction(instruction) {
		errs["instruction"] = "at most " + strconv.Itoa(agents.MaxInstruction) + " characters of printable text"
	}
	if len(errs) > 0 {
		return validationError(errs)
	}
	b, err := decodedBrief(c)
	if err != nil {
		return err
	}
	for _, sec := range sections {
		if b.Section(sec).State.Status.InProgress() {
			return errorf(fiber.StatusConflict, codeConflict, string(sec)+" is still being written; regenerate it once it is done")
		}
	}
	if err := s.takeGeneration(c, userOf(c).ID); err != nil {
		return err
	}
	if err := s.generator.Regenerate(c.UserContext(), b.ID, sections, instruction); err != nil {
		return err
	}
	sess, ok, err := s.waitBrief(c, b.ID)
	if err != nil {
		return err
	}
	if !ok {
		return s.accepted(c, b.ID)
	}
	resp, err := s.briefResponse(&sess)
	if err != nil {
		return err
	}
	return c.JSON(resp)
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// apiListBriefs lists the user's briefs, newest first.
func (s *Server) apiListBriefs(c *fiber.Ctx) error {
	limit := apiListDefault
	if v := c.Query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > apiListMax {
			return errorf(fiber.StatusBadRequest, codeBadRequest, "limit: want a whole number from 1 to "+strconv.Itoa(apiListMax))
		}
		limit = n
	}
	sums, next, err := s.briefs.ListUserSessions(c.UserContext(), userOf(c).ID, c.Query("cursor"), limit)
	if errors.Is(err, storage.ErrInvalid) {
		return errorf(fiber.StatusBadRequest, codeBadRequest, "cursor: use the next_cursor of a previous page")
	}
	if err != nil {
		return err
	}
	out := apiBriefList{Briefs: make([]apiBriefSummary, 0, len(sums)), NextCursor: next}
	for _, sum := range sums {
		row := apiBriefSummary{
			ID:           sum.ID,
			BusinessName: sum.BusinessName,
			Sector:       sum.Sector,
			Location:     agents.Location{City: sum.City, Country: sum.Country},
			Language:     sum.Language,
			Status:       string(sum.Status),
			Sections:     map[string]agents.Status{},
			CreatedAt:    sum.CreatedAt,
			ExpiresAt:    sum.ExpiresAt,
		}
		ready := true
		for _, sec := range agents.Sections() {
			st := sectionStatus(sum.Sections, sec)
			row.Sections[string(sec)] = st
			if sec != agents.MarketResearch && st != agents.StatusDone {
				ready = false
			}
		}
		row.IsReadyForWebsite = ready
		out.Briefs = append(out.Briefs, row)
	}
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	return c.JSON(out)
}

func (s *Server) apiDeleteBrief(c *fiber.Ctx) error {
	if err := s.removeBrief(c.UserContext(), briefOf(c).ID); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *Server) apiExtendBrief(c *fiber.Ctx) error {
	var req extendRequest
	if err := decodeAPI(c, &req); err != nil {
		return err
	}
	if req.TTLSeconds < minExtendSeconds || req.TTLSeconds > maxExtendSeconds {
		return validationError(views.FieldErrors{"ttl_seconds": "want a whole number of seconds from " +
			strconv.FormatInt(minExtendSeconds, 10) + " (1 hour) to " + strconv.FormatInt(maxExtendSeconds, 10) + " (365 days)"})
	}
	expires, err := s.briefs.ExtendSessionTTL(c.UserContext(), briefOf(c).ID, time.Duration(req.TTLSeconds)*time.Second)
	if err != nil {
		return err
	}
	return c.JSON(extendResponse{ExpiresAt: expires})
}

// apiCreateWebsite builds the website of a brief the user may see, and starts publishing it when
// publishing is configured. Someone else's brief does not exist, as everywhere.
func (s *Server) apiCreateWebsite(c *fiber.Ctx) error {
	var req websiteRequest
	if err := decodeAPI(c, &req); err != nil {
		return err
	}
	id := strings.TrimSpace(req.BriefID)
	if id == "" {
		return validationError(views.FieldErrors{"brief_id": "required: the id of one of your briefs"})
	}
	sess, err := s.ownBrief(c.UserContext(), userOf(c), id)
	if err != nil {
		return err
	}
	b, pub, err := s.sites.create(c.UserContext(), &sess)
	if err != nil {
		return err
	}
	data := websiteData{
		WebsiteURL:  s.sites.link("/briefs/" + b.ID + "/site/"),
		DownloadURL: s.sites.link("/briefs/" + b.ID + "/site.zip"),
		TemplateID:  b.Template().PrimaryTemplate.ID,
		Publication: s.publicationJSON(pub),
	}
	return c.Status(fiber.StatusCreated).JSON(websiteResponse{Success: true, Data: data})
}
