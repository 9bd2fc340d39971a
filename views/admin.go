package views

import (
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"genesis/agents"
	"genesis/views/i18n"
)

// Audit actions, as the handlers record them.
const (
	AuditExtend = "extend"
	AuditDelete = "delete"
	AuditRerun  = "rerun"
	AuditGrant  = "grant_admin"
	AuditRevoke = "revoke_admin"
)

// AuditRow is one recorded admin action.
type AuditRow struct {
	At     time.Time
	Actor  string
	Action string
	Target string
	// TargetURL links to what was acted on; "" when there is nothing to open.
	TargetURL string
	// Detail is the action's raw detail: days for an extension, a section for a re-run, an email
	// or a business name otherwise.
	Detail string
}

// AdminOverviewProps is what the admin overview shows.
type AdminOverviewProps struct {
	Briefs, StoredBytes, Users int64
	Generating, Done, Failed   int64
	Policy                     string
	EvictionUnsafe             bool
	Audit                      []AuditRow
}

// AdminSessionFilter is the sessions filter as typed, shown back in the form.
type AdminSessionFilter struct {
	Owner, Sector, Status, From, To, Sort, Order string
}

// AdminSessionRow is one brief in the sessions table.
type AdminSessionRow struct {
	ID           string
	OwnerEmail   string
	BusinessName string
	Sector       string
	Status       string
	Sections     map[agents.Section]agents.Status
	CreatedAt    time.Time
	ExpiresAt    time.Time
	StoredBytes  int64
	Versions     int64
}

// AdminSessionsResults is the part of the sessions page that filtering replaces.
type AdminSessionsResults struct {
	Rows []AdminSessionRow
	// Next and First are the URLs of the next and the first page; "" when there is none to go to.
	Next   string
	First  string
	Notice string
	Now    time.Time
}

// AdminSessionsProps is the sessions page.
type AdminSessionsProps struct {
	Filter  AdminSessionFilter
	Errors  FieldErrors
	Sectors []string
	Notice  string
	Results AdminSessionsResults
}

// AdminSectionState is one section of a brief as the admin sees it.
type AdminSectionState struct {
	Section agents.Section
	Status  agents.Status
	Since   time.Time
	Error   string
}

// AdminFile is one stored file of a brief, or one previous version of it.
type AdminFile struct {
	Name       string
	Version    int64
	Size       int
	StoredSize int
	UpdatedAt  time.Time
	// Content is the file pretty-printed when it is JSON (JSON true), else its text.
	Content string
	JSON    bool
	History []AdminFile
}

// AdminSessionProps is one brief, whole, with what an admin can do to it.
type AdminSessionProps struct {
	ID, OwnerID, OwnerEmail             string
	BusinessName, Sector, City, Country string
	Language, Status                    string
	CreatedAt, ExpiresAt                time.Time
	StoredBytes, HistoryBytes, Versions int64
	Sections                            []AdminSectionState
	Files                               []AdminFile
	Audit                               []AuditRow
	ExtendChoices                       []int
	Notice                              string
	Now                                 time.Time
}

// AdminUserRow is one account on the users page.
type AdminUserRow struct {
	ID, Email, Name string
	Admin           bool
	// Self is the admin looking at the page, whose role cannot be changed from here.
	Self      bool
	Briefs    int64
	CreatedAt time.Time
}

// AdminUsersProps is the users page.
type AdminUsersProps struct {
	Rows   []AdminUserRow
	Next   string
	Notice string
}

// DBKeys is how many keys one Redis database holds.
type DBKeys struct {
	DB   string
	Keys int64
}

// DayCount is how many briefs were created on a day.
type DayCount struct {
	Day   time.Time
	Count int64
}

// AgentLatency is how long one agent takes.
type AgentLatency struct {
	Section   agents.Section
	Runs      uint64
	Mean, P95 time.Duration
}

// AdminRedisProps is the Redis panel.
type AdminRedisProps struct {
	Mode, Version         string
	Nodes                 int
	UsedMemory, MaxMemory int64
	Policy                string
	EvictionUnsafe        bool
	EvictedKeys           int64
	ExpiredKeys           int64
	AOFEnabled            bool
	AOFLastRewrite        string
	AOFLastWriteOK        bool
	Clients, OpsPerSec    int64
	KeysPerDB             []DBKeys
	Briefs, StoredBytes   int64
	Daily                 []DayCount
	Agents                []AgentLatency
}

// adminActive reports whether the page at current belongs to the admin section at path.
func adminActive(current, path string) bool {
	if path == "/admin" {
		return current == path
	}
	return current == path || strings.HasPrefix(current, path+"/")
}

// byteSize says n bytes in the largest unit that keeps it at least 1: "512 B", "1.5 KB", "1,5 Ko".
func byteSize(m *i18n.Messages, n int64) string {
	units := m.Admin.ByteUnits
	v, i := float64(n), 0
	for v >= 1024 && i < len(units)-1 {
		v /= 1024
		i++
	}
	if i == 0 {
		return m.Number(n) + "\u00a0" + units[0]
	}
	return m.Fixed(v, 1) + "\u00a0" + units[i]
}

// millis says a duration in milliseconds: one decimal below 10 ms, whole above.
func millis(m *i18n.Messages, d time.Duration) string {
	ms := float64(d) / float64(time.Millisecond)
	if ms < 10 {
		return i18n.F(m.Admin.Milliseconds, m.Fixed(ms, 1))
	}
	return i18n.F(m.Admin.Milliseconds, m.Number(int64(math.Round(ms))))
}

// shortDay is a day and short month: "2 Mar", "2 mars".
func shortDay(m *i18n.Messages, t time.Time) string {
	return strconv.Itoa(t.Day()) + "\u00a0" + m.Admin.ShortMonths[t.Month()-1]
}

func briefStatusText(m *i18n.Messages, status string) string {
	switch status {
	case "generating":
		return m.Brief.BriefGenerating
	case "failed":
		return m.Brief.BriefFailed
	case "done":
		return m.Brief.BriefDone
	}
	return status
}

func briefStatusClass(status string) string {
	switch status {
	case "generating":
		return statusClass(agents.StatusRunning)
	case "failed":
		return statusClass(agents.StatusFailed)
	case "done":
		return statusClass(agents.StatusDone)
	}
	return statusClass(agents.StatusQueued)
}

func auditActionText(m *i18n.Messages, action string) string {
	switch action {
	case AuditExtend:
		return m.Admin.ActionExtend
	case AuditDelete:
		return m.Admin.ActionDelete
	case AuditRerun:
		return m.Admin.ActionRerun
	case AuditGrant:
		return m.Admin.ActionGrant
	case AuditRevoke:
		return m.Admin.ActionRevoke
	}
	return action
}

func auditDetailText(m *i18n.Messages, r AuditRow) string {
	switch r.Action {
	case AuditExtend:
		if days, err := strconv.Atoi(r.Detail); err == nil {
			return i18n.F(m.Admin.Days, days)
		}
	case AuditRerun:
		if sec, ok := agents.ParseSection(r.Detail); ok {
			return sectionTitle(m, sec)
		}
	}
	return r.Detail
}

func modeText(m *i18n.Messages, mode string) string {
	switch mode {
	case "standalone":
		return m.Admin.ModeStandalone
	case "cluster":
		return m.Admin.ModeCluster
	case "sentinel":
		return m.Admin.ModeSentinel
	}
	return mode
}

// shortID is the start of a brief id, enough to tell briefs apart in a table.
func shortID(id string) string {
	if len(id) > 8 {
		return id[:8] + "…"
	}
	return id
}

// statusSymbol marks a status by shape as well as colour, for the compact table badges.
func statusSymbol(s agents.Status) string {
	switch s {
	case agents.StatusDone:
		return "✓"
	case agents.StatusFailed:
		return "✕"
	case agents.StatusRunning:
		return "…"
	}
	return "○"
}

func urlQuery(s string) string { return url.QueryEscape(s) }

// aofSummary says whether the append-only file is on and how its last rewrite went.
func aofSummary(m *i18n.Messages, p AdminRedisProps) string {
	out := m.Admin.AOFOff
	if p.AOFEnabled {
		out = m.Admin.AOFOn
	}
	if p.AOFLastRewrite != "" {
		out += ", " + i18n.F(m.Admin.AOFRewrite, p.AOFLastRewrite)
	}
	return out
}

// fileTitle names a brief's file for people; the page shows the file's own name beside it.
func fileTitle(m *i18n.Messages, name string) string {
	switch name {
	case agents.InputFile:
		return m.Admin.FileInput
	case "meta":
		return m.Admin.FileMeta
	}
	if sec, ok := agents.ParseSection(name); ok {
		return sectionTitle(m, sec)
	}
	return ""
}
