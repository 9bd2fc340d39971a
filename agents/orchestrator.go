package agents

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"genesis/storage"
)

// Store is what the orchestrator needs of the brief store.
type Store interface {
	WriteSession(ctx context.Context, n storage.NewSession) (storage.Summary, error)
	ReadSession(ctx context.Context, id string) (storage.Session, error)
	ReadFile(ctx context.Context, id, name string) (storage.File, error)
	WriteFile(ctx context.Context, id, name string, data []byte, opts storage.WriteOptions) (storage.File, error)
	UpdateFields(ctx context.Context, id string, fields map[string]string) (storage.BriefStatus, error)
	AcquireLease(ctx context.Context, id, section, holder string, ttl time.Duration) (bool, error)
	RenewLease(ctx context.Context, id, section, holder string, ttl time.Duration) (bool, error)
	ReleaseLease(ctx context.Context, id, section, holder string) error
	OrphanedSections(ctx context.Context, grace time.Duration, max int) ([]storage.SectionRef, error)
	Publish(ctx context.Context, briefID string, payload []byte) error
	Subscribe(ctx context.Context, briefID string) (<-chan []byte, func() error, error)
}

// Observer is told how each agent run went, for metrics.
type Observer interface {
	AgentRun(section Section, provider string, outcome string, d time.Duration)
}

// Config wires an orchestrator.
type Config struct {
	Store  Store
	Logger *slog.Logger
	// Primary writes sections; Fallback (the builtin) writes them when Primary fails. Fallback may be
	// nil when Primary is the builtin itself.
	Primary  Provider
	Fallback Provider
	// Holder names this process in leases; unique per instance.
	Holder string
	// AgentTimeout bounds one agent run; MaxRunning bounds agents running at once.
	AgentTimeout time.Duration
	MaxRunning   int
	// LeaseTTL is how long a section stays claimed without renewal; a dead instance's sections are
	// taken over after it.
	LeaseTTL time.Duration
	// RecoverEvery is how often sections left by dead instances are looked for.
	RecoverEvery time.Duration
	Observer     Observer
}

// Orchestrator runs agents outside any request, writes each result the moment it is ready, and
// announces every status change on the brief's event channel.
type Orchestrator struct {
	cfg Config
	sem chan struct{}
	wg  sync.WaitGroup
	// ctx ends when Stop is called: no new run starts after it. runCtx ends when Stop gives up
	// waiting: the runs still going are abandoned to their leases.
	ctx    context.Context
	cancel context.CancelFunc
	runCtx context.Context
	abort  context.CancelFunc
}

// New returns an orchestrator; Start begins its background work.
func New(cfg Config) *Orchestrator {
	if cfg.AgentTimeout <= 0 {
		cfg.AgentTimeout = 30 * time.Second
	}
	if cfg.MaxRunning <= 0 {
		cfg.MaxRunning = 8
	}
	if cfg.LeaseTTL <= 0 {
		cfg.LeaseTTL = 15 * time.Second
	}
	if cfg.RecoverEvery <= 0 {
		cfg.RecoverEvery = 5 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithCancel(context.Background())
	runCtx, abort := context.WithCancel(context.Background())
	return &Orchestrator{cfg: cfg, sem: make(chan struct{}, cfg.MaxRunning), ctx: ctx, cancel: cancel, runCtx: runCtx, abort: abort}
}

// Event is published on a brief's channel whenever a section changes status.
type Event struct {
	BriefID string    `json:"brief_id"`
	Section Section   `json:"section"`
	Status  Status    `json:"status"`
	Version int64     `json:"version,omitempty"`
	Error   string    `json:"error,omitempty"`
	At      time.Time `json:"at"`
}

// Create stores a new brief for owner with every section queued and starts the five agents. The
// input must be normalized and valid.
func (o *Orchestrator) Create(ctx context.Context, ownerID string, in Input) (storage.Summary, error) {
	raw, err := json.Marshal(in)
	if err != nil {
		return storage.Summary{}, fmt.Errorf("encode input: %w", err)
	}
	sections := map[string]storage.SectionStatus{}
	for _, s := range Sections() {
		sections[string(s)] = storage.SectionQueued
	}
	sum, err := o.cfg.Store.WriteSession(ctx, storage.NewSession{
		OwnerID:      ownerID,
		BusinessName: in.BusinessName,
		Sector:       in.Sector,
		City:         in.Location.City,
		Country:      in.Location.Country,
		Language:     string(in.Language),
		Files:        map[string][]byte{InputFile: raw},
		Sections:     sections,
	})
	if err != nil {
		return storage.Summary{}, err
	}
	// Each run decodes the input just written instead of reading it back from the store.
	for _, s := range Sections() {
		o.start(sum.ID, s, "", raw)
	}
	return sum, nil
}

// Regenerate queues sections of a brief again and starts them, with an optional instruction. Only
// the named sections are touched.
func (o *Orchestrator) Regenerate(ctx context.Context, id string, sections []Section, instruction string) error {
	fields := map[string]string{}
	for _, s := range sections {
		for k, v := range storage.SectionFields(string(s), storage.SectionQueued, "") {
			fields[k] = v
		}
	}
	if _, err := o.cfg.Store.UpdateFields(ctx, id, fields); err != nil {
		return err
	}
	for _, s := range sections {
		o.publish(Event{BriefID: id, Section: s, Status: StatusQueued})
		o.start(id, s, instruction, nil)
	}
	return nil
}

// Restore makes an earlier version of a section current again, as a new version.
func (o *Orchestrator) Restore(ctx context.Context, id string, s Section, from storage.File) (storage.File, error) {
	var file SectionFile
	if err := json.Unmarshal(from.Data, &file); err != nil {
		return storage.File{}, fmt.Errorf("decode %s version %d: %w", s, from.Version, err)
	}
	file.RestoredFrom = from.Version
	data, err := json.Marshal(&file)
	if err != nil {
		return storage.File{}, fmt.Errorf("encode restored %s: %w", s, err)
	}
	cur, err := o.cfg.Store.ReadFile(ctx, id, string(s))
	if err != nil {
		return storage.File{}, err
	}
	written, err := o.cfg.Store.WriteFile(ctx, id, string(s), data, storage.WriteOptions{
		ExpectVersion: cur.Version,
		Fields:        storage.SectionFields(string(s), storage.SectionDone, ""),
	})
	if err != nil {
		return storage.File{}, err
	}
	o.publish(Event{BriefID: id, Section: s, Status: StatusDone, Version: written.Version})
	return written, nil
}

// Start begins looking for sections that died with their instance; Stop ends it.
func (o *Orchestrator) Start() {
	go func() {
		t := time.NewTicker(o.cfg.RecoverEvery)
		defer t.Stop()
		for {
			o.recoverOrphans()
			select {
			case <-o.ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
}

// Stop starts no new run and waits for the running ones, at most until ctx ends; then it abandons
// them. A section abandoned here keeps its status and lease until the lease expires, and any
// instance then takes it over.
func (o *Orchestrator) Stop(ctx context.Context) {
	o.cancel()
	done := make(chan struct{})
	go func() {
		o.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		o.abort()
		<-done
	}
}

// Wait blocks until no section of the brief is queued or running, then returns it.
func (o *Orchestrator) Wait(ctx context.Context, id string) (storage.Session, error) {
	events, closeSub, err := o.cfg.Store.Subscribe(ctx, id)
	if err != nil {
		return storage.Session{}, err
	}
	defer closeSub()
	for {
		sess, err := o.cfg.Store.ReadSession(ctx, id)
		if err != nil {
			return storage.Session{}, err
		}
		if sess.Status != storage.BriefGenerating {
			return sess, nil
		}
		// Events wake us early; the tick covers one lost between the read and the subscription.
		select {
		case <-ctx.Done():
			return storage.Session{}, ctx.Err()
		case <-events:
		case <-time.After(500 * time.Millisecond):
		}
	}
}

func (o *Orchestrator) recoverOrphans() {
	ctx, cancel := context.WithTimeout(o.ctx, 5*time.Second)
	defer cancel()
	orphans, err := o.cfg.Store.OrphanedSections(ctx, o.cfg.LeaseTTL, 50)
	if err != nil {
		if o.ctx.Err() == nil {
			o.cfg.Logger.Warn("look for orphaned sections", "err", err)
		}
		return
	}
	for _, ref := range orphans {
		s, ok := ParseSection(ref.Section)
		if !ok {
			continue
		}
		o.cfg.Logger.Info("taking over a section its instance left", "brief", ref.BriefID, "section", s, "status", ref.Status)
		o.start(ref.BriefID, s, "", nil)
	}
}

// start runs one section in the background, detached from any request. input is the brief's stored
// input when the caller has it at hand, nil to read it from the store.
func (o *Orchestrator) start(id string, s Section, instruction string, input []byte) {
	if o.ctx.Err() != nil {
		return
	}
	o.wg.Add(1)
	go func() {
		defer o.wg.Done()
		select {
		case o.sem <- struct{}{}:
		case <-o.ctx.Done():
			return
		}
		defer func() { <-o.sem }()
		o.runSection(id, s, instruction, input)
	}()
}

// runSection generates one section under its lease: only the lease holder writes it, so a section is
// never generated into storage by two instances at once.
func (o *Orchestrator) runSection(id string, s Section, instruction string, input []byte) {
	ctx := o.runCtx
	log := o.cfg.Logger.With("brief", id, "section", s)
	got, err := o.cfg.Store.AcquireLease(ctx, id, string(s), o.cfg.Holder, o.cfg.LeaseTTL)
	if err != nil {
		if !errors.Is(err, storage.ErrNotFound) && ctx.Err() == nil {
			log.Warn("acquire lease", "err", err)
		}
		return
	}
	if !got {
		return // another instance is generating it
	}
	defer func() {
		release, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
		defer cancel()
		if err := o.cfg.Store.ReleaseLease(release, id, string(s), o.cfg.Holder); err != nil {
			log.Warn("release lease", "err", err)
		}
	}()

	renewCtx, stopRenew := context.WithCancel(ctx)
	lost := o.keepLease(renewCtx, id, s, log)
	defer stopRenew()

	req, current, err := o.prepare(ctx, id, s, instruction, input)
	if err != nil {
		o.fail(ctx, id, s, err, log)
		return
	}
	if _, err := o.cfg.Store.UpdateFields(ctx, id, storage.SectionFields(string(s), storage.SectionRunning, "")); err != nil {
		log.Warn("mark running", "err", err)
		return
	}
	o.publish(Event{BriefID: id, Section: s, Status: StatusRunning})

	file, err := o.generate(ctx, req)
	if err != nil {
		o.fail(ctx, id, s, err, log)
		return
	}
	select {
	case <-lost:
		log.Warn("lease lost during generation; result dropped")
		return
	default:
	}
	data, err := json.Marshal(file)
	if err != nil {
		o.fail(ctx, id, s, fmt.Errorf("encode result: %w", err), log)
		return
	}
	written, err := o.cfg.Store.WriteFile(ctx, id, string(s), data, storage.WriteOptions{
		ExpectVersion: current,
		Fields:        storage.SectionFields(string(s), storage.SectionDone, ""),
	})
	if errors.Is(err, storage.ErrConflict) {
		// The owner restored a version while this ran: the newer choice stands.
		log.Info("section changed during generation; keeping the newer version")
		o.settle(ctx, id, s, log)
		return
	}
	if err != nil {
		o.fail(ctx, id, s, fmt.Errorf("store result: %w", err), log)
		return
	}
	o.publish(Event{BriefID: id, Section: s, Status: StatusDone, Version: written.Version})
}

// prepare reads what a run needs: the input (unless the run was started with it), and the current
// version of the section, whose number becomes the variation so each regeneration differs from the
// last.
func (o *Orchestrator) prepare(ctx context.Context, id string, s Section, instruction string, input []byte) (Request, int64, error) {
	if input == nil {
		f, err := o.cfg.Store.ReadFile(ctx, id, InputFile)
		if err != nil {
			return Request{}, 0, fmt.Errorf("read input: %w", err)
		}
		input = f.Data
	}
	var in Input
	if err := json.Unmarshal(input, &in); err != nil {
		return Request{}, 0, fmt.Errorf("decode input: %w", err)
	}
	var current int64
	cur, err := o.cfg.Store.ReadFile(ctx, id, string(s))
	switch {
	case err == nil:
		current = cur.Version
	case !errors.Is(err, storage.ErrNotFound):
		return Request{}, 0, fmt.Errorf("read %s: %w", s, err)
	}
	return Request{Section: s, Input: in, Variation: int(current), Instruction: instruction}, current, nil
}

// generate asks the primary provider, and the fallback when the primary fails; the result says
// honestly which one wrote it.
func (o *Orchestrator) generate(ctx context.Context, req Request) (*SectionFile, error) {
	start := time.Now()
	result, err := o.call(ctx, o.cfg.Primary, req)
	provider, fallback, reason := o.cfg.Primary.Name(), false, ""
	if err != nil && o.cfg.Fallback != nil && ctx.Err() == nil {
		o.observe(req.Section, provider, "failed", time.Since(start))
		reason = err.Error()
		provider, fallback = o.cfg.Fallback.Name(), true
		start = time.Now()
		result, err = o.call(ctx, o.cfg.Fallback, req)
	}
	elapsed := time.Since(start)
	if err != nil {
		o.observe(req.Section, provider, "failed", elapsed)
		return nil, err
	}
	outcome := "done"
	if fallback {
		outcome = "fallback"
	}
	o.observe(req.Section, provider, outcome, elapsed)
	data, err := json.Marshal(result)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", req.Section, err)
	}
	return &SectionFile{
		GeneratedAt:    time.Now().UTC(),
		Provider:       provider,
		Fallback:       fallback,
		FallbackReason: reason,
		Variation:      req.Variation,
		Instruction:    req.Instruction,
		DurationMS:     float64(elapsed.Microseconds()) / 1000,
		Data:           data,
	}, nil
}

// call runs one provider with the agent timeout, turning a panic into an error. A provider that
// ignores its context is abandoned at the deadline: its late result is dropped.
func (o *Orchestrator) call(ctx context.Context, p Provider, req Request) (any, error) {
	ctx, cancel := context.WithTimeout(ctx, o.cfg.AgentTimeout)
	defer cancel()
	type outcome struct {
		result any
		err    error
	}
	done := make(chan outcome, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				o.cfg.Logger.Error("agent panicked", "section", req.Section, "provider", p.Name(), "panic", r, "stack", string(debug.Stack()))
				done <- outcome{err: fmt.Errorf("%s agent crashed", req.Section)}
			}
		}()
		result, err := p.Generate(ctx, req)
		if err == nil && result == nil {
			err = fmt.Errorf("%s agent returned nothing", req.Section)
		}
		done <- outcome{result, err}
	}()
	select {
	case out := <-done:
		return out.result, out.err
	case <-ctx.Done():
		return nil, fmt.Errorf("%s agent: %w", req.Section, ctx.Err())
	}
}

// keepLease renews the section's lease until ctx ends; the returned channel closes if the lease is
// lost, so the run drops its result instead of overwriting another instance's.
func (o *Orchestrator) keepLease(ctx context.Context, id string, s Section, log *slog.Logger) <-chan struct{} {
	lost := make(chan struct{})
	go func() {
		t := time.NewTicker(o.cfg.LeaseTTL / 3)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			ok, err := o.cfg.Store.RenewLease(ctx, id, string(s), o.cfg.Holder, o.cfg.LeaseTTL)
			if err != nil {
				log.Warn("renew lease", "err", err)
				continue
			}
			if !ok {
				close(lost)
				return
			}
		}
	}()
	return lost
}

// fail marks the section failed, unless the run was abandoned by Stop or storage could not be
// reached: then its status stays as it is, its lease expires, and the section is taken over and run
// again once Redis answers.
func (o *Orchestrator) fail(runCtx context.Context, id string, s Section, cause error, log *slog.Logger) {
	if runCtx.Err() != nil {
		return
	}
	if errors.Is(cause, storage.ErrUnavailable) {
		log.Warn("storage unavailable; the section will be run again", "err", cause)
		return
	}
	log.Warn("section failed", "err", cause)
	ctx, cancel := context.WithTimeout(context.WithoutCancel(runCtx), 2*time.Second)
	defer cancel()
	// The stored error is what the owner reads: short and free of internals.
	msg := "generation failed"
	if errors.Is(cause, context.DeadlineExceeded) {
		msg = "generation timed out"
	}
	if _, err := o.cfg.Store.UpdateFields(ctx, id, storage.SectionFields(string(s), storage.SectionFailed, msg)); err != nil {
		log.Warn("mark failed", "err", err)
		return
	}
	o.publish(Event{BriefID: id, Section: s, Status: StatusFailed, Error: msg})
}

// settle marks a section done at whatever version it has now.
func (o *Orchestrator) settle(ctx context.Context, id string, s Section, log *slog.Logger) {
	if _, err := o.cfg.Store.UpdateFields(ctx, id, storage.SectionFields(string(s), storage.SectionDone, "")); err != nil {
		log.Warn("mark done", "err", err)
		return
	}
	o.publish(Event{BriefID: id, Section: s, Status: StatusDone})
}

func (o *Orchestrator) publish(e Event) {
	e.At = time.Now().UTC()
	payload, err := json.Marshal(e)
	if err != nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := o.cfg.Store.Publish(ctx, e.BriefID, payload); err != nil {
		o.cfg.Logger.Warn("publish progress", "brief", e.BriefID, "err", err)
	}
}

func (o *Orchestrator) observe(s Section, provider, outcome string, d time.Duration) {
	if o.cfg.Observer != nil {
		o.cfg.Observer.AgentRun(s, provider, outcome, d)
	}
}
