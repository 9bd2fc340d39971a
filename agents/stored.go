package agents

import (
	"encoding/json"
	"fmt"
	"math"
	"time"

	"genesis/storage"
)

// InputFile is the name of the brief's file that keeps the owner's input.
const InputFile = "input"

// SectionFile is how a section is stored: the agent's result and how it was made.
type SectionFile struct {
	GeneratedAt    time.Time       `json:"generated_at"`
	Provider       string          `json:"provider"`
	Fallback       bool            `json:"fallback"`
	FallbackReason string          `json:"fallback_reason,omitempty"`
	Variation      int             `json:"variation"`
	Instruction    string          `json:"instruction,omitempty"`
	DurationMS     float64         `json:"duration_ms"`
	Data           json.RawMessage `json:"data"`
	// RestoredFrom is the version this one copies, when an owner restored an earlier version.
	RestoredFrom int64 `json:"restored_from,omitempty"`
}

// SectionView is one section of a brief as readers see it: its state and, once done, its result.
type SectionView struct {
	Name  Section
	State SectionState
	File  *SectionFile
	// Result is the decoded result, one of the *Result types, nil until the section is done once.
	Result any
}

// Brief is a stored brief, decoded.
type Brief struct {
	ID        string
	OwnerID   string
	Input     Input
	Status    storage.BriefStatus
	Sections  map[Section]*SectionView
	CreatedAt time.Time
	UpdatedAt time.Time
	ExpiresAt time.Time
	// StoredBytes and Versions describe the brief in the virtual file system.
	StoredBytes int64
	Versions    int64
}

// Section returns the view of one section; never nil.
func (b Brief) Section(s Section) *SectionView {
	if v, ok := b.Sections[s]; ok {
		return v
	}
	return &SectionView{Name: s, State: SectionState{Status: StatusQueued}}
}

// MarketResearch and its siblings return the decoded result, nil until that section is done.
func (b Brief) MarketResearch() *MarketResearchResult {
	r, _ := b.Section(MarketResearch).Result.(*MarketResearchResult)
	return r
}

func (b Brief) Content() *ContentGenerationResult {
	r, _ := b.Section(ContentGeneration).Result.(*ContentGenerationResult)
	return r
}

func (b Brief) Logo() *LogoCreationResult {
	r, _ := b.Section(LogoCreation).Result.(*LogoCreationResult)
	return r
}

func (b Brief) SEO() *SEOOptimizationResult {
	r, _ := b.Section(SEOOptimization).Result.(*SEOOptimizationResult)
	return r
}

func (b Brief) Template() *TemplateSelectionResult {
	r, _ := b.Section(TemplateSelection).Result.(*TemplateSelectionResult)
	return r
}

// DecodeSection decodes a stored section file and its result in one pass over the JSON. The
// returned file's Data is left empty: the result holds it, decoded.
func DecodeSection(s Section, data []byte) (*SectionFile, any, error) {
	switch s {
	case MarketResearch:
		return decodeAs[MarketResearchResult](s, data)
	case ContentGeneration:
		return decodeAs[ContentGenerationResult](s, data)
	case LogoCreation:
		return decodeAs[LogoCreationResult](s, data)
	case SEOOptimization:
		return decodeAs[SEOOptimizationResult](s, data)
	case TemplateSelection:
		return decodeAs[TemplateSelectionResult](s, data)
	}
	return nil, nil, fmt.Errorf("decode %s: unknown section", s)
}

func decodeAs[T any](s Section, data []byte) (*SectionFile, any, error) {
	// The outer Data field is shallower than SectionFile's, so it receives "data".
	var env struct {
		SectionFile
		Data *T `json:"data"`
	}
	if err := json.Unmarshal(data, &env); err != nil {
		return nil, nil, fmt.Errorf("decode %s: %w", s, err)
	}
	if env.Data == nil {
		return nil, nil, fmt.Errorf("decode %s: no result", s)
	}
	return &env.SectionFile, env.Data, nil
}

// newResult returns an empty result of the section's type, to decode into.
func newResult(s Section) any {
	switch s {
	case MarketResearch:
		return &MarketResearchResult{}
	case ContentGeneration:
		return &ContentGenerationResult{}
	case LogoCreation:
		return &LogoCreationResult{}
	case SEOOptimization:
		return &SEOOptimizationResult{}
	case TemplateSelection:
		return &TemplateSelectionResult{}
	}
	return nil
}

// BriefFrom decodes a brief read from storage.
func BriefFrom(sess storage.Session) (Brief, error) {
	b := Brief{
		ID:          sess.ID,
		OwnerID:     sess.OwnerID,
		Status:      sess.Status,
		Sections:    map[Section]*SectionView{},
		CreatedAt:   sess.CreatedAt,
		UpdatedAt:   sess.CreatedAt,
		ExpiresAt:   sess.ExpiresAt,
		StoredBytes: sess.StoredBytes,
		Versions:    sess.Versions,
	}
	if f, ok := sess.Files[InputFile]; ok {
		if err := json.Unmarshal(f.Data, &b.Input); err != nil {
			return Brief{}, fmt.Errorf("decode input of brief %s: %w", sess.ID, err)
		}
	}
	for _, s := range Sections() {
		st := sess.Sections[string(s)]
		v := &SectionView{Name: s, State: SectionState{Status: Status(st.Status), Error: st.Error, Since: st.Since}}
		if v.State.Status == "" {
			v.State.Status = StatusQueued
		}
		if f, ok := sess.Files[string(s)]; ok {
			file, result, err := DecodeSection(s, f.Data)
			if err != nil {
				return Brief{}, fmt.Errorf("brief %s: %w", sess.ID, err)
			}
			v.File, v.Result = file, result
			v.State.Version = f.Version
			v.State.GeneratedAt = file.GeneratedAt
			v.State.Provider = file.Provider
			v.State.Fallback = file.Fallback
			v.State.FallbackReason = file.FallbackReason
			if f.UpdatedAt.After(b.UpdatedAt) {
				b.UpdatedAt = f.UpdatedAt
			}
		}
		b.Sections[s] = v
	}
	return b, nil
}

// OverallConfidence is how far the brief can be trusted, 0..1, counted honestly: a section that is
// not done counts 0; one the configured provider failed and the builtin wrote counts 0.6; market
// research counts by its own confidence level (an unknown sector or country lowers it).
func (b Brief) OverallConfidence() float64 {
	total := 0.0
	for _, s := range Sections() {
		v := b.Section(s)
		if v.State.Status != StatusDone || v.Result == nil {
			continue
		}
		score := 1.0
		if v.State.Fallback {
			score = 0.6
		}
		if mr, ok := v.Result.(*MarketResearchResult); ok {
			score *= confidenceScore(mr.MarketSizeEstimation.ConfidenceLevel)
		}
		total += score
	}
	return math.Round(total/float64(len(Sections()))*100) / 100
}

func confidenceScore(level string) float64 {
	switch level {
	case "high", "élevé", "élevée", "haute":
		return 1
	case "medium", "moyen", "moyenne":
		return 0.8
	case "low", "faible":
		return 0.6
	}
	return 0.8
}

// ReadyForWebsite reports whether the sections a website is built from are done.
func (b Brief) ReadyForWebsite() bool {
	for _, s := range []Section{ContentGeneration, LogoCreation, SEOOptimization, TemplateSelection} {
		if v := b.Section(s); v.State.Status != StatusDone || v.Result == nil {
			return false
		}
	}
	return true
}
