package storage

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// SectionStatus is where one section's generation is.
type SectionStatus string

const (
	SectionQueued  SectionStatus = "queued"
	SectionRunning SectionStatus = "running"
	SectionDone    SectionStatus = "done"
	SectionFailed  SectionStatus = "failed"
)

func (s SectionStatus) valid() bool {
	switch s {
	case SectionQueued, SectionRunning, SectionDone, SectionFailed:
		return true
	}
	return false
}

// BriefStatus is a brief's overall status, derived from its sections in the same atomic call that
// changes them: generating while any section is queued or running, failed if any failed, else done.
type BriefStatus string

const (
	BriefGenerating BriefStatus = "generating"
	BriefDone       BriefStatus = "done"
	BriefFailed     BriefStatus = "failed"
)

func (s BriefStatus) valid() bool {
	switch s {
	case BriefGenerating, BriefDone, BriefFailed:
		return true
	}
	return false
}

// briefStatuses are the statuses with an index, in the order indexSyncLua expects.
var briefStatuses = [...]BriefStatus{BriefGenerating, BriefDone, BriefFailed}

// AnyVersion as WriteOptions.ExpectVersion writes whatever version the file has.
const AnyVersion int64 = -1

// Summary field names written by WriteSession and shown in listings.
const (
	FieldBusinessName = "business_name"
	FieldSector       = "sector"
	FieldCity         = "city"
	FieldCountry      = "country"
	FieldLanguage     = "language"
)

// Fields the store keeps itself; callers cannot set them. The sector is fixed at creation because
// the sector index is keyed by it.
var reservedFields = map[string]bool{
	"id": true, "owner": true, "created": true, "exp": true, "status": true, "bytes": true,
	"hbytes": true, "versions": true, "op": true, "seq": true, FieldSector: true,
}

// StatusField is the summary field holding a section's status.
func StatusField(section string) string { return "status:" + section }

// ErrorField is the summary field holding a section's last error text.
func ErrorField(section string) string { return "error:" + section }

// SectionFields are the fields that move a section to status, with its error text ("" clears it).
func SectionFields(section string, status SectionStatus, errText string) map[string]string {
	return map[string]string{StatusField(section): string(status), ErrorField(section): errText}
}

// File is one file of a brief, decoded.
type File struct {
	Name    string
	Version int64
	Data    []byte
	// Size is len(Data); StoredSize what the value takes in Redis (header, compression).
	Size       int
	StoredSize int
	UpdatedAt  time.Time
}

// SectionState is a section's status and when it last changed, with its error text if it failed.
type SectionState struct {
	Status SectionStatus
	Since  time.Time
	Error  string
}

// Summary is what a brief's listing row and header need, read in one call.
type Summary struct {
	ID           string
	OwnerID      string
	BusinessName string
	Sector       string
	City         string
	Country      string
	Language     string
	Status       BriefStatus
	Sections     map[string]SectionState
	CreatedAt    time.Time
	ExpiresAt    time.Time
	// StoredBytes is what the current files take as stored; HistoryBytes what their kept previous
	// versions take; Versions counts every file write the brief has had.
	StoredBytes  int64
	HistoryBytes int64
	Versions     int64
	// Fields holds every other field written through WriteSession, WriteFile or UpdateFields.
	Fields map[string]string

	seq int64
}

// Session is a whole brief: its summary and current files.
type Session struct {
	Summary
	Files map[string]File
}

// NewSession describes a brief to create.
type NewSession struct {
	OwnerID      string
	BusinessName string
	Sector       string
	City         string
	Country      string
	Language     string
	// Files are the brief's first files, such as "input", each at version 1.
	Files map[string][]byte
	// Sections are the sections' initial statuses, usually queued.
	Sections map[string]SectionStatus
	// Fields are further summary fields.
	Fields map[string]string
	// TTL overrides Options.TTL for this brief when positive.
	TTL time.Duration
}

// WriteOptions qualify WriteFile.
type WriteOptions struct {
	// ExpectVersion is the version the file must have for the write to happen: 0 for a file that
	// must not exist yet, AnyVersion for no check. A mismatch is ErrConflict.
	ExpectVersion int64
	// Fields are summary fields set in the same atomic call, such as the section's status.
	Fields map[string]string
}

var (
	fieldRE = regexp.MustCompile(`^[a-z][a-z0-9_]{0,31}(:[a-z][a-z0-9_]{0,63})?$`)
	ownerRE = regexp.MustCompile(`^[A-Za-z0-9_.@+-]{1,128}$`)
)

// Bounds on summary fields, so a brief's hash stays small enough to read on every listing.
const (
	maxFieldValue = 16 << 10
	maxFields     = 64
	maxSector     = 100
)

func validID(id string) bool {
	if len(id) != idLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// checkName accepts file and section names: ^[a-z][a-z0-9_]{0,63}$ (by hand: it is on every read).
func checkName(kind, name string) error {
	ok := len(name) >= 1 && len(name) <= 64 && 'a' <= name[0] && name[0] <= 'z'
	for i := 1; ok && i < len(name); i++ {
		c := name[i]
		ok = 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_'
	}
	if !ok {
		return fmt.Errorf("%w: %s name %q (want lower-case letters, digits, _)", ErrInvalid, kind, name)
	}
	return nil
}

func checkOwner(owner string) error {
	if !ownerRE.MatchString(owner) {
		return fmt.Errorf("%w: owner id %q", ErrInvalid, owner)
	}
	return nil
}

// checkFields validates caller-set summary fields.
func checkFields(fields map[string]string) error {
	if len(fields) > maxFields {
		return fmt.Errorf("%w: %d fields in one call (at most %d)", ErrInvalid, len(fields), maxFields)
	}
	for k, v := range fields {
		if !fieldRE.MatchString(k) || reservedFields[k] || storeManaged(k) {
			return fmt.Errorf("%w: field name %q", ErrInvalid, k)
		}
		if len(v) > maxFieldValue {
			return fmt.Errorf("%w: field %s is %d bytes (at most %d)", ErrTooLarge, k, len(v), maxFieldValue)
		}
		if sec, ok := strings.CutPrefix(k, "status:"); ok {
			if !SectionStatus(v).valid() {
				return fmt.Errorf("%w: status %q for section %s", ErrInvalid, v, sec)
			}
		}
	}
	return nil
}

// storeManaged reports whether k is a per-file or per-section field the store keeps itself.
func storeManaged(k string) bool {
	for _, p := range []string{"v:", "z:", "op:", "since:"} {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// briefFiles are the files a brief usually has (DESIGN.md): ReadSession fetches them together with
// the summary in one round trip, and any others in a second.
var briefFiles = []string{"input", "meta", "market_research", "content_generation", "logo_creation", "seo_optimization", "template_selection"}

// marksGenerating reports whether fields may make the brief generating.
func marksGenerating(fields map[string]string) bool {
	for k, v := range fields {
		if strings.HasPrefix(k, "status:") && (v == string(SectionQueued) || v == string(SectionRunning)) {
			return true
		}
	}
	return false
}

// deriveStatus is deriveLua in Go, for briefs being created.
func deriveStatus(sections map[string]SectionStatus) BriefStatus {
	failed := false
	for _, st := range sections {
		switch st {
		case SectionQueued, SectionRunning:
			return BriefGenerating
		case SectionFailed:
			failed = true
		}
	}
	if failed {
		return BriefFailed
	}
	return BriefDone
}

// parseSummary reads a brief's summary hash; ok is false when the hash is empty (no such brief).
func parseSummary(id string, h map[string]string) (Summary, bool) {
	if len(h) == 0 {
		return Summary{}, false
	}
	num := func(k string) int64 {
		n, _ := strconv.ParseInt(h[k], 10, 64)
		return n
	}
	sum := Summary{
		ID:           id,
		OwnerID:      h["owner"],
		BusinessName: h[FieldBusinessName],
		Sector:       h[FieldSector],
		City:         h[FieldCity],
		Country:      h[FieldCountry],
		Language:     h[FieldLanguage],
		Status:       BriefStatus(h["status"]),
		Sections:     map[string]SectionState{},
		CreatedAt:    time.UnixMilli(num("created")),
		ExpiresAt:    time.UnixMilli(num("exp")),
		StoredBytes:  num("bytes"),
		HistoryBytes: num("hbytes"),
		Versions:     num("versions"),
		Fields:       map[string]string{},
		seq:          num("seq"),
	}
	for k, v := range h {
		if sec, ok := strings.CutPrefix(k, "status:"); ok {
			st := sum.Sections[sec]
			st.Status = SectionStatus(v)
			sum.Sections[sec] = st
			continue
		}
		if sec, ok := strings.CutPrefix(k, "since:"); ok {
			st := sum.Sections[sec]
			ms, _ := strconv.ParseInt(v, 10, 64)
			st.Since = time.UnixMilli(ms)
			sum.Sections[sec] = st
			continue
		}
		if sec, ok := strings.CutPrefix(k, "error:"); ok {
			st := sum.Sections[sec]
			st.Error = v
			sum.Sections[sec] = st
			continue
		}
		switch k {
		case FieldBusinessName, FieldSector, FieldCity, FieldCountry, FieldLanguage:
			continue
		}
		if reservedFields[k] || storeManaged(k) {
			continue
		}
		sum.Fields[k] = v
	}
	return sum, true
}
