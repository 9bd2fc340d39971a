package handlers

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"genesis/agents"
	"genesis/storage"
	"genesis/views"
	"genesis/views/i18n"
)

// AdminBriefs is what the admin console needs of the brief store beyond an owner's view.
type AdminBriefs interface {
	ListAll(ctx context.Context, f storage.Filter, cursor string, limit int) ([]storage.Summary, string, error)
	Stats(ctx context.Context) (storage.Stats, error)
	CountByStatus(ctx context.Context) (map[storage.BriefStatus]int64, error)
	CountUserBriefs(ctx context.Context, ownerIDs []string) ([]int64, error)
	CreatedPerDay(ctx context.Context, now time.Time, days int) ([]storage.DayCount, error)
	RecordAudit(ctx context.Context, e storage.AuditEntry) error
	AuditLog(ctx context.Context, target string, limit int) ([]storage.AuditEntry, error)
}

// AdminAccounts is what the admin console needs of the account store beyond signing in.
type AdminAccounts interface {
	ListUsers(ctx context.Context, cursor string, limit int) ([]storage.User, string, error)
	CountUsers(ctx context.Context) (int64, error)
	UsersByID(ctx context.Context, ids []string) (map[string]storage.User, error)
}

const (
	adminPageSize  = 25
	usersPageSize  = 50
	overviewAudit  = 20
	briefAudit     = 50
	chartDays      = 30
	sessionsTarget = "sessions-results"
	dateLayout     = "2006-01-02"
)

// adminExtendChoices are the retention periods an admin may give a brief, in days.
var adminExtendChoices = []int{7, 30, 90, 365}

func (s *Server) adminOverview(c *fiber.Ctx) error {
	ctx := c.UserContext()
	stats, err := s.briefs.Stats(ctx)
	if err != nil {
		return err
	}
	byStatus, err := s.briefs.CountByStatus(ctx)
	if err != nil {
		return err
	}
	users, err := s.accounts.CountUsers(ctx)
	if err != nil {
		return err
	}
	entries, err := s.briefs.AuditLog(ctx, "", overviewAudit)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, views.AdminOverviewPage(views.AdminOverviewProps{
		Briefs:         stats.Briefs,
		StoredBytes:    stats.StoredBytes,
		Users:          users,
		Generating:     byStatus[storage.BriefGenerating],
		Done:           byStatus[storage.BriefDone],
		Failed:         byStatus[storage.BriefFailed],
		Policy:         stats.Server.MaxMemoryPolicy,
		EvictionUnsafe: stats.Server.EvictionUnsafe(),
		Audit:          auditRows(entries),
	}))
}

// --- sessions ---

// sessionQuery is the sessions page's query string, read and checked.
type sessionQuery struct {
	form   views.AdminSessionFilter
	filter storage.Filter
	cursor string
	errs   views.FieldErrors
}

// readSessionQuery reads the filter; what cannot be understood is reported per field, in the
// reader's language, so the form can show it next to the field.
func (s *Server) readSessionQuery(c *fiber.Ctx) sessionQuery {
	m := s.msg(c)
	v := func(name string) string { return strings.TrimSpace(strings.Clone(c.Query(name))) }
	q := sessionQuery{
		form: views.AdminSessionFilter{
			Owner: v("owner"), Sector: v("sector"), Status: v("status"),
			From: v("from"), To: v("to"), Sort: v("sort"), Order: v("order"),
		},
		cursor: v("cursor"),
		errs:   views.FieldErrors{},
	}
	f := &q.form
	if f.Sort == "" {
		f.Sort = string(storage.SortCreated)
	}
	if f.Order == "" {
		f.Order = "desc"
	}
	switch storage.BriefStatus(f.Status) {
	case "", storage.BriefGenerating, storage.BriefDone, storage.BriefFailed:
		q.filter.Status = storage.BriefStatus(f.Status)
	default:
		q.errs["status"] = m.Admin.BadChoice
	}
	switch storage.SortKey(f.Sort) {
	case storage.SortCreated, storage.SortExpiry:
		q.filter.Sort = storage.SortKey(f.Sort)
	default:
		q.errs["sort"] = m.Admin.BadChoice
	}
	switch f.Order {
	case "desc", "asc":
		q.filter.Desc = f.Order == "desc"
	default:
		q.errs["order"] = m.Admin.BadChoice
	}
	q.filter.Sector = f.Sector
	day := func(name, value string) time.Time {
		if value == "" {
			return time.Time{}
		}
		t, err := time.ParseInLocation(dateLayout, value, time.Local)
		if err != nil {
			q.errs[name] = m.Admin.BadDate
		}
		return t
	}
	q.filter.CreatedFrom = day("from", f.From)
	if to := day("to", f.To); !to.IsZero() {
		if !q.filter.CreatedFrom.IsZero() && to.Before(q.filter.CreatedFrom) {
			q.errs["to"] = m.Admin.BadRange
		}
		// The form's end date is inclusive; the filter's is not.
		q.filter.CreatedTo = to.AddDate(0, 0, 1)
	}
	return q
}

// url is the sessions page for this filter, with only the values that differ from the defaults,
// at cursor.
func (q sessionQuery) url(cursor string) string {
	f := q.form
	v := url.Values{}
	for _, kv := range [][2]string{{"owner", f.Owner}, {"sector", f.Sector}, {"status", f.Status}, {"from", f.From}, {"to", f.To}} {
		if kv[1] != "" {
			v.Set(kv[0], kv[1])
		}
	}
	if f.Sort != string(storage.SortCreated) {
		v.Set("sort", f.Sort)
	}
	if f.Order != "desc" {
		v.Set("order", f.Order)
	}
	if cursor != "" {
		v.Set("cursor", cursor)
	}
	if len(v) == 0 {
		return "/admin/sessions"
	}
	return "/admin/sessions?" + v.Encode()
}

func (s *Server) adminSessions(c *fiber.Ctx) error {
	q := s.readSessionQuery(c)
	status := fiber.StatusOK
	results := views.AdminSessionsResults{Now: time.Now()}
	if len(q.errs) > 0 {
		status = fiber.StatusUnprocessableEntity
	} else {
		var err error
		results, err = s.sessionResults(c, q)
		if err != nil {
			return err
		}
	}
	if isFragment(c) && c.Get(hxTarget) == sessionsTarget {
		if status == fiber.StatusOK {
			c.Set(hxPushURL, q.url(q.cursor))
		} else {
			// The form is not part of the fragment: say what is wrong where the results go.
			var msgs []string
			for _, name := range []string{"status", "from", "to", "sort", "order"} {
				if m, ok := q.errs[name]; ok {
					msgs = append(msgs, m)
				}
			}
			results.Notice = strings.Join(msgs, " ")
		}
		return s.render(c, status, views.AdminSessionsResultsView(results))
	}
	p := views.AdminSessionsProps{Filter: q.form, Errors: q.errs, Sectors: s.sectorNames(c), Results: results}
	if c.Query("notice") == "deleted" {
		p.Notice = s.msg(c).Admin.NoticeDeleted
	}
	return s.render(c, status, views.AdminSessionsPage(p))
}

// sessionResults reads one page of the listing from the storage indexes.
func (s *Server) sessionResults(c *fiber.Ctx, q sessionQuery) (views.AdminSessionsResults, error) {
	ctx := c.UserContext()
	res := views.AdminSessionsResults{Now: time.Now()}
	if q.form.Owner != "" {
		owner, err := s.accounts.UserByEmail(ctx, q.form.Owner)
		if isNotFound(err) {
			res.Notice = s.msg(c).Admin.NoSuchOwner
			return res, nil
		}
		if err != nil {
			return res, err
		}
		q.filter.OwnerID = owner.ID
	}
	sums, next, err := s.briefs.ListAll(ctx, q.filter, q.cursor, adminPageSize)
	if errors.Is(err, storage.ErrInvalid) {
		return res, errorf(fiber.StatusBadRequest, codeBadRequest, "cursor: not one this listing gave")
	}
	if err != nil {
		return res, err
	}
	owners, err := s.ownersOf(ctx, sums)
	if err != nil {
		return res, err
	}
	for _, sum := range sums {
		res.Rows = append(res.Rows, views.AdminSessionRow{
			ID: sum.ID, OwnerEmail: owners[sum.OwnerID].Email, BusinessName: sum.BusinessName,
			Sector: sum.Sector, Status: string(sum.Status), Sections: sectionStatuses(sum),
			CreatedAt: sum.CreatedAt, ExpiresAt: sum.ExpiresAt,
			StoredBytes: sum.StoredBytes + sum.HistoryBytes, Versions: sum.Versions,
		})
	}
	if next != "" {
		res.Next = q.url(next)
	}
	if q.cursor != "" {
		res.First = q.url("")
	}
	return res, nil
}

// ownersOf reads the accounts owning the briefs, each once, in one round trip.
func (s *Server) ownersOf(ctx context.Context, sums []storage.Summary) (map[string]storage.User, error) {
	var ids []string
	for _, sum := range sums {
		if !slices.Contains(ids, sum.OwnerID) {
			ids = append(ids, sum.OwnerID)
		}
	}
	return s.accounts.UsersByID(ctx, ids)
}

func sectionStatuses(sum storage.Summary) map[agents.Section]agents.Status {
	out := make(map[agents.Section]agents.Status, len(agents.Sections()))
	for _, sec := range agents.Sections() {
		out[sec] = sectionStatus(sum.Sections, sec)
	}
	return out
}

// sectionStatus is a section's status as stored; one with none recorded yet is queued.
func sectionStatus(states map[string]storage.SectionState, sec agents.Section) agents.Status {
	if st := agents.Status(states[string(sec)].Status); st != "" {
		return st
	}
	return agents.StatusQueued
}

// --- one session ---

func (s *Server) adminSession(c *fiber.Ctx) error {
	ctx := c.UserContext()
	id := c.Params("id")
	sess, err := s.briefs.ReadSession(ctx, id)
	if err != nil {
		return err
	}
	p := views.AdminSessionProps{
		ID: sess.ID, OwnerID: sess.OwnerID, BusinessName: sess.BusinessName, Sector: sess.Sector,
		City: sess.City, Country: sess.Country, Language: sess.Language, Status: string(sess.Status),
		CreatedAt: sess.CreatedAt, ExpiresAt: sess.ExpiresAt, StoredBytes: sess.StoredBytes,
		HistoryBytes: sess.HistoryBytes, Versions: sess.Versions, ExtendChoices: adminExtendChoices,
		Now: time.Now(),
	}
	owner, err := s.accounts.User(ctx, sess.OwnerID)
	switch {
	case err == nil:
		p.OwnerEmail = owner.Email
	case !isNotFound(err):
		return err
	}
	for _, sec := range agents.Sections() {
		st := sess.Sections[string(sec)]
		p.Sections = append(p.Sections, views.AdminSectionState{Section: sec, Status: sectionStatus(sess.Sections, sec), Since: st.Since, Error: st.Error})
	}
	names := fileOrder(sess.Files)
	histories, err := s.fileHistories(ctx, &sess, names...)
	if err != nil {
		return err
	}
	for _, name := range names {
		f := adminFile(sess.Files[name])
		for _, h := range histories[name] {
			f.History = append(f.History, adminFile(h))
		}
		p.Files = append(p.Files, f)
	}
	entries, err := s.briefs.AuditLog(ctx, id, briefAudit)
	if err != nil {
		return err
	}
	p.Audit = auditRows(entries)
	switch c.Query("notice") {
	case "extended":
		p.Notice = i18n.F(s.msg(c).Admin.NoticeExtended, s.msg(c).DateTime(sess.ExpiresAt))
	case "rerun":
		p.Notice = s.msg(c).Admin.NoticeRerun
	}
	return s.render(c, fiber.StatusOK, views.AdminSessionPage(p))
}

// fileOrder lists a brief's files as a reader expects them: input, meta, the sections in their
// order, then any others by name.
func fileOrder(files map[string]storage.File) []string {
	known := []string{agents.InputFile, "meta"}
	for _, sec := range agents.Sections() {
		known = append(known, string(sec))
	}
	var out, others []string
	for _, name := range known {
		if _, ok := files[name]; ok {
			out = append(out, name)
		}
	}
	for name := range files {
		if !slices.Contains(known, name) {
			others = append(others, name)
		}
	}
	slices.Sort(others)
	return append(out, others...)
}

// adminFile shows a file's content pretty-printed when it is JSON; templ escapes it either way.
func adminFile(f storage.File) views.AdminFile {
	out := views.AdminFile{Name: f.Name, Version: f.Version, Size: f.Size, StoredSize: f.StoredSize, UpdatedAt: f.UpdatedAt}
	var buf bytes.Buffer
	if json.Indent(&buf, f.Data, "", "  ") == nil {
		out.Content, out.JSON = buf.String(), true
		return out
	}
	out.Content = string(f.Data)
	if !utf8.ValidString(out.Content) {
		out.Content = strings.ToValidUTF8(out.Content, "\uFFFD")
	}
	return out
}

func (s *Server) adminExtend(c *fiber.Ctx) error {
	days, err := strconv.Atoi(c.FormValue("days"))
	if err != nil || !slices.Contains(adminExtendChoices, days) {
		return errorf(fiber.StatusUnprocessableEntity, codeValidation, "days: choose 7, 30, 90 or 365")
	}
	id := strings.Clone(c.Params("id"))
	if _, err := s.briefs.ExtendSessionTTL(c.UserContext(), id, time.Duration(days)*24*time.Hour); err != nil {
		return err
	}
	if err := s.audit(c, views.AuditExtend, id, strconv.Itoa(days)); err != nil {
		return err
	}
	return redirect(c, "/admin/sessions/"+id+"?notice=extended")
}

func (s *Server) adminDelete(c *fiber.Ctx) error {
	if c.FormValue("confirm") != "yes" {
		return errorf(fiber.StatusUnprocessableEntity, codeValidation, "confirm: send confirm=yes to delete")
	}
	ctx := c.UserContext()
	id := strings.Clone(c.Params("id"))
	sess, err := s.briefs.ReadSession(ctx, id)
	if err != nil {
		return err
	}
	if err := s.removeBrief(ctx, id); err != nil {
		return err
	}
	if err := s.audit(c, views.AuditDelete, id, sess.BusinessName); err != nil {
		return err
	}
	return redirect(c, "/admin/sessions?notice=deleted")
}

// adminRerun generates a failed section again. Sections that did not fail are left alone: their
// owner regenerates them from the brief page.
func (s *Server) adminRerun(c *fiber.Ctx) error {
	sec, err := sectionParam(c)
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	id := strings.Clone(c.Params("id"))
	sess, err := s.briefs.ReadSession(ctx, id)
	if err != nil {
		return err
	}
	if sess.Sections[string(sec)].Status != storage.SectionFailed {
		return errorf(fiber.StatusConflict, codeConflict, "only a failed section can be re-run")
	}
	if err := s.generator.Regenerate(ctx, id, []agents.Section{sec}, ""); err != nil {
		return err
	}
	if err := s.audit(c, views.AuditRerun, id, string(sec)); err != nil {
		return err
	}
	return redirect(c, "/admin/sessions/"+id+"?notice=rerun")
}

// --- users ---

func (s *Server) adminUsers(c *fiber.Ctx) error {
	ctx := c.UserContext()
	users, next, err := s.accounts.ListUsers(ctx, c.Query("cursor"), usersPageSize)
	if err != nil {
		return err
	}
	ids := make([]string, len(users))
	for i, u := range users {
		ids[i] = u.ID
	}
	counts, err := s.briefs.CountUserBriefs(ctx, ids)
	if err != nil {
		return err
	}
	me := userOf(c).ID
	p := views.AdminUsersProps{}
	for i, u := range users {
		p.Rows = append(p.Rows, views.AdminUserRow{
			ID: u.ID, Email: u.Email, Name: u.Name, Admin: u.IsAdmin(), Self: u.ID == me,
			Briefs: counts[i], CreatedAt: u.CreatedAt,
		})
	}
	if next != "" {
		p.Next = "/admin/users?cursor=" + url.QueryEscape(next)
	}
	if c.Query("notice") == "role" {
		p.Notice = s.msg(c).Admin.NoticeRole
	}
	return s.render(c, fiber.StatusOK, views.AdminUsersPage(p))
}

// adminSetRole grants or revokes the admin role. Nobody changes their own: an admin cannot lock
// themselves out, nor confirm their own promotion.
func (s *Server) adminSetRole(c *fiber.Ctx) error {
	var role storage.Role
	action := ""
	switch c.FormValue("role") {
	case string(storage.RoleAdmin):
		role, action = storage.RoleAdmin, views.AuditGrant
	case string(storage.RoleOwner):
		role, action = storage.RoleOwner, views.AuditRevoke
	default:
		return errorf(fiber.StatusUnprocessableEntity, codeValidation, "role: choose admin or owner")
	}
	uid := strings.Clone(c.Params("uid"))
	if uid == userOf(c).ID {
		return errorf(fiber.StatusForbidden, codeForbidden, "an admin cannot change their own role")
	}
	ctx := c.UserContext()
	u, err := s.accounts.User(ctx, uid)
	if err != nil {
		return err
	}
	if err := s.accounts.SetRole(ctx, uid, role); err != nil {
		return err
	}
	if err := s.audit(c, action, uid, u.Email); err != nil {
		return err
	}
	return redirect(c, "/admin/users?notice=role")
}

// --- Redis ---

func (s *Server) adminRedis(c *fiber.Ctx) error {
	ctx := c.UserContext()
	stats, err := s.briefs.Stats(ctx)
	if err != nil {
		return err
	}
	days, err := s.briefs.CreatedPerDay(ctx, time.Now(), chartDays)
	if err != nil {
		return err
	}
	latencies, err := s.metrics.AgentLatencies()
	if err != nil {
		return err
	}
	info := stats.Server
	p := views.AdminRedisProps{
		Mode: string(info.Mode), Version: info.Version, Nodes: info.Nodes,
		UsedMemory: info.UsedMemory, MaxMemory: info.MaxMemory,
		Policy: info.MaxMemoryPolicy, EvictionUnsafe: info.EvictionUnsafe(),
		EvictedKeys: info.EvictedKeys, ExpiredKeys: info.ExpiredKeys,
		AOFEnabled: info.AOFEnabled, AOFLastRewrite: info.AOFLastRewrite, AOFLastWriteOK: info.AOFLastWriteOK,
		Clients: info.ConnectedClients, OpsPerSec: info.OpsPerSec,
		Briefs: stats.Briefs, StoredBytes: stats.StoredBytes,
	}
	for db, n := range info.KeysPerDB {
		p.KeysPerDB = append(p.KeysPerDB, views.DBKeys{DB: db, Keys: n})
	}
	slices.SortFunc(p.KeysPerDB, func(a, b views.DBKeys) int { return strings.Compare(a.DB, b.DB) })
	for _, d := range days {
		p.Daily = append(p.Daily, views.DayCount{Day: d.Day, Count: d.Count})
	}
	for _, l := range latencies {
		p.Agents = append(p.Agents, views.AgentLatency{Section: l.Section, Runs: l.Runs, Mean: l.Mean, P95: l.P95})
	}
	return s.render(c, fiber.StatusOK, views.AdminRedisPage(p))
}

// --- audit ---

// audit records an admin action that has just happened. It outlives the request: the action is
// done, so its record must be written even if the admin's browser goes away.
func (s *Server) audit(c *fiber.Ctx, action, target, detail string) error {
	u := userOf(c)
	e := storage.AuditEntry{ActorID: u.ID, Actor: u.Email, Action: action, Target: target, Detail: detail}
	if err := s.briefs.RecordAudit(context.WithoutCancel(c.UserContext()), e); err != nil {
		return fmt.Errorf("audit %s of %s: %w", action, target, err)
	}
	return nil
}

func auditRows(entries []storage.AuditEntry) []views.AuditRow {
	rows := make([]views.AuditRow, len(entries))
	for i, e := range entries {
		r := views.AuditRow{At: e.At, Actor: e.Actor, Action: e.Action, Target: e.Target, Detail: e.Detail}
		switch e.Action {
		case views.AuditExtend, views.AuditRerun:
			r.TargetURL = "/admin/sessions/" + url.PathEscape(e.Target)
		case views.AuditGrant, views.AuditRevoke:
			r.TargetURL = "/admin/users"
		}
		rows[i] = r
	}
	return rows
}
