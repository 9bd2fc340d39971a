package handlers

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"golang.org/x/sync/errgroup"

	"genesis/agents"
	"genesis/static"
	"genesis/storage"
	"genesis/storage/redistest"
	"genesis/views/i18n"
)

// benchSectors are the seeded briefs' sectors, one brief in ten each.
var benchSectors = []string{"Bakery", "Florist", "Tailor", "Restaurant", "Hair salon", "Bookshop", "Gym", "Dentist", "Garage", "Cafe"}

// BenchmarkAdminSessions times pages of the admin sessions table over real HTTP, with 100,000
// briefs of 1,000 owners seeded through the storage API (BENCH_BRIEFS overrides the count), and
// reports the median and 99th percentile of the answers.
func BenchmarkAdminSessions(b *testing.B) {
	n := 100_000
	if v := os.Getenv("BENCH_BRIEFS"); v != "" {
		if _, err := fmt.Sscan(v, &n); err != nil {
			b.Fatalf("BENCH_BRIEFS=%q: %v", v, err)
		}
	}
	_, rdb := redistest.Private(b, "--appendonly", "no", "--save", "")
	const prefix = "genesis"
	ctx := context.Background()
	accounts := storage.NewAccounts(rdb, prefix)

	start := time.Now()
	owners, err := seedOwners(ctx, accounts, 1000)
	if err != nil {
		b.Fatal(err)
	}
	if err := seedListing(ctx, rdb, prefix, owners, n); err != nil {
		b.Fatal(err)
	}
	b.Logf("seeded %d briefs of %d owners in %v", n, len(owners), time.Since(start).Round(time.Millisecond))

	base := benchServer(b, rdb, prefix, accounts)
	c := benchAdmin(b, ctx, base, accounts)
	ownerEmail := owners[len(owners)/2].Email
	for _, tc := range []struct {
		name, path string
		header     []string
	}{
		{"sector+status/page", "/admin/sessions?sector=Bakery&status=failed", nil},
		{"sector+status/fragment", "/admin/sessions?sector=Bakery&status=failed", []string{"HX-Request", "true", "HX-Target", sessionsTarget}},
		{"owner/page", "/admin/sessions?owner=" + url.QueryEscape(ownerEmail), nil},
		{"all-newest/page", "/admin/sessions", nil},
		{"sector-by-expiry/page", "/admin/sessions?sector=Florist&sort=expiry&order=asc", nil},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var took []time.Duration
			for b.Loop() {
				t0 := time.Now()
				body, err := benchGet(c, base+tc.path, tc.header...)
				took = append(took, time.Since(t0))
				if err != nil {
					b.Fatal(err)
				}
				if !strings.Contains(body, `data-testid="session-row"`) {
					b.Fatalf("%s: no rows in the answer", tc.path)
				}
			}
			slices.Sort(took)
			pct := func(p float64) float64 {
				return float64(took[int(p*float64(len(took)-1))]) / float64(time.Millisecond)
			}
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.99), "p99-ms")
		})
	}
}

// seedOwners creates count accounts, a few at a time.
func seedOwners(ctx context.Context, accounts *storage.Accounts, count int) ([]storage.User, error) {
	users := make([]storage.User, count)
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(16)
	for i := range users {
		g.Go(func() error {
			u, err := accounts.CreateUser(gctx, fmt.Sprintf("owner%04d@example.com", i), fmt.Sprintf("Owner %d", i), "not-a-hash", storage.RoleOwner)
			users[i] = u
			return err
		})
	}
	return users, g.Wait()
}

// seedListing writes n small briefs through WriteSession from 16 workers: created over the last
// 30 days, one sector in ten each, 80% done, 15% generating, 5% with a failed section.
func seedListing(ctx context.Context, rdb redis.UniversalClient, prefix string, owners []storage.User, n int) error {
	from := time.Now().Add(-30 * 24 * time.Hour)
	step := 30 * 24 * time.Hour / time.Duration(n)
	// WriteSession reads the clock once per brief: each brief gets the next tick of the 30 days.
	var tick atomic.Int64
	store := storage.New(rdb, storage.Options{Prefix: prefix, TTL: 60 * 24 * time.Hour, Timeout: 10 * time.Second,
		Clock: func() time.Time { return from.Add(time.Duration(tick.Add(1)) * step) }})
	input := []byte(`{"business_name":"Seeded","sector":"Bakery","location":{"city":"Dakar","country":"Senegal"}}`)
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(16)
	for i := range n {
		g.Go(func() error {
			sections := map[string]storage.SectionStatus{}
			for _, s := range agents.Sections() {
				sections[string(s)] = storage.SectionDone
			}
			switch {
			case i%20 == 7:
				sections[string(agents.SEOOptimization)] = storage.SectionFailed
			case i%20 < 3:
				sections[string(agents.LogoCreation)] = storage.SectionRunning
			}
			_, err := store.WriteSession(gctx, storage.NewSession{
				OwnerID: owners[i%len(owners)].ID, BusinessName: fmt.Sprintf("Business %d", i),
				Sector: benchSectors[(i/20)%len(benchSectors)], City: "Dakar", Country: "Senegal", Language: "fr",
				Files: map[string][]byte{agents.InputFile: input}, Sections: sections,
			})
			return err
		})
	}
	return g.Wait()
}

// benchServer serves Genesis on loopback over rdb and returns its base URL.
func benchServer(b *testing.B, rdb redis.UniversalClient, prefix string, accounts *storage.Accounts) string {
	b.Helper()
	assets, err := static.Load()
	if err != nil {
		b.Fatal(err)
	}
	knowledge, err := agents.LoadKnowledge()
	if err != nil {
		b.Fatal(err)
	}
	store := storage.New(rdb, storage.Options{Prefix: prefix, TTL: 60 * 24 * time.Hour})
	_, base := serve(b, Config{
		Logger: slog.New(slog.DiscardHandler), Catalogue: i18n.New(), Assets: assets,
		Health: probe{rdb}, Accounts: accounts, Briefs: store, Drafts: storage.NewDrafts(rdb, prefix),
		Knowledge: knowledge, Limiter: storage.NewLimiter(rdb, prefix), SessionKeys: testKeys(3),
	})
	return base
}

// benchAdmin signs an admin in through the login form and returns their browser.
func benchAdmin(b *testing.B, ctx context.Context, base string, accounts *storage.Accounts) *http.Client {
	b.Helper()
	const email, password = "bench-admin@example.com", "bench-admin-password"
	if _, err := accounts.CreateUser(ctx, email, "Bench", hashPassword(password), storage.RoleAdmin); err != nil {
		b.Fatal(err)
	}
	c := browser()
	home, err := benchGet(c, base+"/")
	if err != nil {
		b.Fatal(err)
	}
	m := csrfMeta.FindStringSubmatch(home)
	if m == nil {
		b.Fatal("no CSRF token on /")
	}
	resp, err := c.PostForm(base+"/login", url.Values{"email": {email}, "password": {password}, "csrf_token": {m[1]}})
	if err != nil {
		b.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		b.Fatalf("admin login: %d", resp.StatusCode)
	}
	return c
}

func benchGet(c *http.Client, u string, header ...string) (string, error) {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return "", err
	}
	setHeaders(req, header)
	resp, err := c.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("GET %s: %d", u, resp.StatusCode)
	}
	return string(body), nil
}
