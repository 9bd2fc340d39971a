package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"genesis/agents"
	"genesis/storage"
	"genesis/views"
	"genesis/views/i18n"
)

// dashboardPageSize is how many briefs the dashboard shows at once.
const dashboardPageSize = 20

// formFields are the new-brief form's controls, in the order they appear.
var formFields = []string{"business_name", "sector", "city", "country", "region", "vision", "mission",
	"target_audience", "differentiation", "value_proposition", "services", "language", "tone"}

func (s *Server) dashboard(c *fiber.Ctx) error {
	u := userOf(c)
	sums, next, err := s.briefs.ListUserSessions(c.UserContext(), u.ID, c.Query("cursor"), dashboardPageSize)
	if err != nil {
		return err
	}
	rows := make([]views.BriefRow, len(sums))
	for i, sum := range sums {
		rows[i] = briefRow(sum)
	}
	p := views.DashboardProps{Rows: rows, Next: next, Now: time.Now()}
	if c.Query("deleted") == "1" {
		p.Notice = s.msg(c).Brief.Deleted
	}
	return s.render(c, fiber.StatusOK, views.DashboardPage(p))
}

func briefRow(sum storage.Summary) views.BriefRow {
	r := views.BriefRow{
		ID: sum.ID, BusinessName: sum.BusinessName, Sector: sum.Sector, City: sum.City, Country: sum.Country,
		Sections: map[agents.Section]agents.Status{}, CreatedAt: sum.CreatedAt, ExpiresAt: sum.ExpiresAt,
	}
	for _, sec := range agents.Sections() {
		r.Sections[sec] = agents.Status(sum.Sections[string(sec)].Status)
	}
	return r
}

func (s *Server) msg(c *fiber.Ctx) *i18n.Messages { return s.catalogue.For(langOf(c)) }

// --- the new-brief form ---

// briefFormValues reads the form into an input, copying every value: Fiber reuses the request's
// memory once the handler returns, and the input outlives it.
func briefFormValues(c *fiber.Ctx) (agents.Input, string) {
	v := func(name string) string { return strings.Clone(c.FormValue(name)) }
	services := v("services")
	in := agents.Input{
		BusinessName:     v("business_name"),
		Sector:           v("sector"),
		Location:         agents.Location{City: v("city"), Country: v("country"), Region: v("region")},
		Vision:           v("vision"),
		Mission:          v("mission"),
		TargetAudience:   v("target_audience"),
		Differentiation:  v("differentiation"),
		ValueProposition: v("value_proposition"),
		Services:         strings.Split(services, "\n"),
		Language:         agents.Language(v("language")),
		Tone:             v("tone"),
	}
	if in.Language == "" {
		in.Language = agents.Language(langOf(c))
	}
	return in, services
}

// fieldErrors turns the agents' validation codes into messages in m's language, the first for
// each field, keyed by what name calls the field: the form and the API name fields differently.
func fieldErrors(m *i18n.Messages, verrs agents.ValidationError, name func(field string) string) views.FieldErrors {
	out := views.FieldErrors{}
	for _, fe := range verrs {
		n := name(fe.Field)
		if _, seen := out[n]; !seen {
			out[n] = validationMessage(m, fe)
		}
	}
	return out
}

// formField names an input field as the new-brief form does: "location.city" is "city".
func formField(field string) string { return strings.TrimPrefix(field, "location.") }

func validationMessage(m *i18n.Messages, fe agents.FieldError) string {
	v := m.Validation
	switch fe.Code {
	case agents.CodeRequired:
		return v.Required
	case agents.CodeTooLong:
		return i18n.F(v.TooLong, fe.Limit)
	case agents.CodeTooMany:
		return i18n.F(v.TooMany, fe.Limit)
	case agents.CodeOneOf:
		// Only the brief's language is chosen from a list: name the choices as the form does.
		return i18n.F(v.OneOf, strings.Join(m.Brief.LanguageNames, ", "))
	}
	return v.Invalid
}

func (s *Server) briefForm(c *fiber.Ctx, in agents.Input, services string) views.BriefForm {
	lang := agents.Language(langOf(c))
	f := views.BriefForm{Input: in, ServicesText: services, Sectors: s.sectorNames(c)}
	for _, co := range s.knowledge.Countries {
		if co.Code != "XX" {
			f.Countries = append(f.Countries, co.Name.In(lang))
		}
	}
	return f
}

// sectorNames are the knowledge base's sectors in the reader's language, as the new-brief form
// suggests them and the admin's filter offers them.
func (s *Server) sectorNames(c *fiber.Ctx) []string {
	lang := agents.Language(langOf(c))
	var out []string
	for _, sec := range s.knowledge.Sectors {
		if sec.ID != "generic" {
			out = append(out, sec.Name.In(lang))
		}
	}
	return out
}

// draft is what the form autosaves.
type draft struct {
	Input    agents.Input `json:"input"`
	Services string       `json:"services"`
}

func (s *Server) newBriefPage(c *fiber.Ctx) error {
	in := agents.Input{Language: agents.Language(langOf(c))}
	services := ""
	restored := false
	raw, err := s.drafts.LoadDraft(c.UserContext(), userOf(c).ID)
	switch {
	case err == nil:
		var d draft
		if json.Unmarshal(raw, &d) == nil {
			in, services, restored = d.Input, d.Services, true
		}
	case !isNotFound(err):
		return err
	}
	f := s.briefForm(c, in, services)
	f.DraftRestored = restored
	return s.render(c, fiber.StatusOK, views.NewBriefPage(f))
}

// saveDraft is called by the form as the owner types: it keeps a draft for a day and answers with
// each field's error line, out of band. A required field left empty is only flagged once the owner
// has been in it, so the form does not scold before anything is typed.
func (s *Server) saveDraft(c *fiber.Ctx) error {
	in, services := briefFormValues(c)
	raw, err := json.Marshal(draft{Input: in, Services: services})
	if err != nil {
		return err
	}
	if err := s.drafts.SaveDraft(c.UserContext(), userOf(c).ID, raw); err != nil {
		return err
	}
	in.Normalize()
	all := fieldErrors(s.msg(c), in.Validate(), formField)
	touched := c.Get("HX-Trigger-Name")
	shown := views.FieldErrors{}
	for name, msg := range all {
		if name == touched || strings.TrimSpace(c.FormValue(name)) != "" {
			shown[name] = msg
		}
	}
	return s.render(c, fiber.StatusOK, views.FieldErrorsOOB(formFields, shown, s.msg(c).Brief.DraftSaved))
}

func (s *Server) createBrief(c *fiber.Ctx) error {
	u := userOf(c)
	m := s.msg(c)
	in, services := briefFormValues(c)
	in.Normalize()
	if verrs := in.Validate(); len(verrs) > 0 {
		f := s.briefForm(c, in, services)
		f.Errors = fieldErrors(m, verrs, formField)
		f.FormError = m.Errors.Validation
		return s.render(c, fiber.StatusUnprocessableEntity, views.NewBriefPage(f))
	}
	if err := s.takeGeneration(c, u.ID); err != nil {
		return err
	}
	sum, err := s.generator.Create(c.UserContext(), u.ID, in)
	if err != nil {
		return err
	}
	if err := s.drafts.DeleteDraft(c.UserContext(), u.ID); err != nil {
		loggerOf(c).Warn("delete draft after create", "err", err)
	}
	return redirect(c, "/briefs/"+sum.ID)
}

// takeGeneration counts one generation against the user's per-minute limit.
func (s *Server) takeGeneration(c *fiber.Ctx, userID string) error {
	d, err := s.limiter.Take(c.UserContext(), "gen:user:"+userID, s.generateRate, time.Minute)
	if err != nil {
		return err
	}
	if !d.Allowed {
		return rateLimited(c, d.RetryAfter)
	}
	return nil
}

// --- the brief page ---

// decodedBrief is the guard-loaded brief, decoded into the agents' types.
func decodedBrief(c *fiber.Ctx) (*agents.Brief, error) {
	b, err := agents.BriefFrom(*briefOf(c))
	if err != nil {
		return nil, err
	}
	return &b, nil
}

func (s *Server) briefPage(c *fiber.Ctx) error {
	b, err := decodedBrief(c)
	if err != nil {
		return err
	}
	p := views.BriefPageProps{Brief: b, Now: time.Now(), State: stateToken(b)}
	if c.Query("extended") != "" {
		p.Notice = i18n.F(s.msg(c).Brief.Extended, s.msg(c).Date(b.ExpiresAt))
	}
	return s.render(c, fiber.StatusOK, views.BriefPage(p))
}

// sectionParam reads the :name route parameter; an unknown section does not exist.
func sectionParam(c *fiber.Ctx) (agents.Section, error) {
	sec, ok := agents.ParseSection(c.Params("name"))
	if !ok {
		return "", fiber.ErrNotFound
	}
	return sec, nil
}

// sectionCard answers with one card: the fragment for htmx (polling), the page otherwise.
func (s *Server) sectionCard(c *fiber.Ctx) error {
	sec, err := sectionParam(c)
	if err != nil {
		return err
	}
	if !isFragment(c) {
		return redirect(c, "/briefs/"+briefOf(c).ID+"#section-"+string(sec))
	}
	b, err := decodedBrief(c)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, views.SectionCard(b, sec, time.Now()))
}

func (s *Server) regenerateSection(c *fiber.Ctx) error {
	sec, err := sectionParam(c)
	if err != nil {
		return err
	}
	instruction := strings.TrimSpace(strings.Clone(c.FormValue("instruction")))
	if len([]rune(instruction)) > agents.MaxInstruction {
		return errorf(fiber.StatusUnprocessableEntity, codeValidation, "instruction: at most "+strconv.Itoa(agents.MaxInstruction)+" characters")
	}
	if err := s.takeGeneration(c, userOf(c).ID); err != nil {
		return err
	}
	id := briefOf(c).ID
	if err := s.generator.Regenerate(c.UserContext(), id, []agents.Section{sec}, instruction); err != nil {
		return err
	}
	return s.renderCard(c, id, sec)
}

// renderCard answers an htmx action on a section with its fresh card, and a browser without
// JavaScript with the brief page.
func (s *Server) renderCard(c *fiber.Ctx, id string, sec agents.Section) error {
	if !isFragment(c) {
		return redirect(c, "/briefs/"+id+"#section-"+string(sec))
	}
	sess, err := s.briefs.ReadSession(c.UserContext(), id)
	if err != nil {
		return err
	}
	b, err := agents.BriefFrom(sess)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, views.SectionCard(&b, sec, time.Now()))
}

func (s *Server) sectionHistory(c *fiber.Ctx) error {
	sec, err := sectionParam(c)
	if err != nil {
		return err
	}
	id := briefOf(c).ID
	hist, err := s.fileHistories(c.UserContext(), briefOf(c), string(sec))
	if err != nil {
		return err
	}
	files := hist[string(sec)]
	versions := make([]views.HistoryVersion, 0, len(files))
	for _, f := range files {
		file, _, err := agents.DecodeSection(sec, f.Data)
		if err != nil {
			return err
		}
		versions = append(versions, views.HistoryVersion{Version: f.Version, GeneratedAt: file.GeneratedAt, Provider: file.Provider, Instruction: file.Instruction})
	}
	if isFragment(c) {
		return s.render(c, fiber.StatusOK, views.SectionHistory(id, sec, versions))
	}
	b, err := decodedBrief(c)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, views.SectionHistoryPage(b, sec, versions))
}

func (s *Server) restoreSection(c *fiber.Ctx) error {
	sec, err := sectionParam(c)
	if err != nil {
		return err
	}
	version, err := strconv.ParseInt(c.FormValue("version"), 10, 64)
	if err != nil || version < 1 {
		return errorf(fiber.StatusBadRequest, codeBadRequest, "version: want a positive whole number")
	}
	id := briefOf(c).ID
	hist, err := s.fileHistories(c.UserContext(), briefOf(c), string(sec))
	if err != nil {
		return err
	}
	files := hist[string(sec)]
	for _, f := range files {
		if f.Version == version {
			if _, err := s.generator.Restore(c.UserContext(), id, sec, f); err != nil {
				return err
			}
			return s.renderCard(c, id, sec)
		}
	}
	return fiber.ErrNotFound
}

// extendChoices are the retention periods an owner may choose, in days.
var extendChoices = map[string]int{"7": 7, "30": 30, "90": 90}

func (s *Server) extendBrief(c *fiber.Ctx) error {
	days, ok := extendChoices[c.FormValue("days")]
	if !ok {
		return errorf(fiber.StatusUnprocessableEntity, codeValidation, "days: choose 7, 30 or 90")
	}
	id := briefOf(c).ID
	expires, err := s.briefs.ExtendSessionTTL(c.UserContext(), id, time.Duration(days)*24*time.Hour)
	if err != nil {
		return err
	}
	if !isFragment(c) {
		return redirect(c, "/briefs/"+id+"?extended=1")
	}
	return s.render(c, fiber.StatusOK, views.ExpiryNote(expires, time.Now()))
}

func (s *Server) deleteBrief(c *fiber.Ctx) error {
	if c.FormValue("confirm") != "yes" {
		return errorf(fiber.StatusUnprocessableEntity, codeValidation, "confirm: send confirm=yes to delete")
	}
	if err := s.removeBrief(c.UserContext(), briefOf(c).ID); err != nil {
		return err
	}
	return redirect(c, "/briefs?deleted=1")
}

// removeBrief deletes a brief and the websites kept for it, whichever page or API asked.
func (s *Server) removeBrief(ctx context.Context, id string) error {
	if err := s.briefs.DeleteSession(ctx, id); err != nil {
		return err
	}
	s.sites.forget(id)
	return nil
}

// stateToken fingerprints every section's status and version: the live stream compares it with
// the brief's current state to send only the cards that changed.
func stateToken(b *agents.Brief) string {
	parts := make([]string, 0, len(agents.Sections()))
	for _, sec := range agents.Sections() {
		v := b.Section(sec)
		parts = append(parts, string(v.State.Status[0])+strconv.FormatInt(v.State.Version, 10))
	}
	return strings.Join(parts, ".")
}

// changedSections compares two state tokens; a missing or unreadable old token counts as all changed.
func changedSections(old, cur string) []agents.Section {
	o, c := strings.Split(old, "."), strings.Split(cur, ".")
	var out []agents.Section
	for i, sec := range agents.Sections() {
		if len(o) != len(c) || i >= len(c) || o[i] != c[i] {
			out = append(out, sec)
		}
	}
	return out
}

// storageCtx bounds a storage call made outside a request, such as from a live stream.
func storageCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 3*time.Second)
}

var errStreamEnded = errors.New("stream ended")
