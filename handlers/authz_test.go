package handlers

import (
	"context"

	"genesis/agents"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestAuthorizationMatrix sends every route of the route table as each kind of visitor and checks
// the answer its access rule promises. A route added without a rule cannot exist (the router
// requires one), and a route whose parameters this test cannot fill fails it.
func TestAuthorizationMatrix(t *testing.T) {
	env := newEnv(t)
	owner := env.newUser("Owner")
	other := env.newUser("Other")
	admin := env.newAdmin("Admin")
	id := owner.createBrief(env, briefForm())
	params := map[string]string{
		":id":    id,
		":name":  "seo_optimization",
		":file":  "favicon.zip",
		":email": owner.email,
		":uid":   owner.id,
		"*":      "index.html",
	}
	type visitor struct {
		name   string
		client *client
		csrf   string
	}
	anon := env.client()
	visitors := []visitor{
		{"anonymous", anon, anon.csrf()},
		{"other owner", other.client, other.csrf()},
		{"admin", admin.client, admin.csrf()},
		{"owner", owner.client, owner.csrf()},
	}

	routes := append([]route(nil), env.server.routeTable...)
	// Signing out ends the visitor's session; do it last.
	sort.SliceStable(routes, func(i, j int) bool { return routes[j].Path == "/logout" && routes[i].Path != "/logout" })
	for _, r := range routes {
		path := r.Path
		for _, seg := range strings.Split(r.Path, "/") {
			if strings.HasPrefix(seg, ":") || seg == "*" {
				v, ok := params[seg]
				if !ok {
					t.Fatalf("route %s %s: the matrix has no sample value for %s", r.Method, r.Path, seg)
				}
				path = strings.Replace(path, seg, v, 1)
			}
		}
		for _, v := range visitors {
			if r.Method == http.MethodDelete && strings.Contains(r.Path, ":id") {
				// A delete that is let through deletes: give each visitor a brief of the owner's own.
				path = strings.Replace(r.Path, ":id", freshBrief(t, env, owner.id), 1)
			}
			got := send(t, v.client, r.Method, path, v.csrf)
			if !allowed(r, v.name, got) {
				t.Errorf("%s %s as %s: %d%s — not what a %s route promises", r.Method, r.Path, v.name, got.status, got.location, r.Access)
			}
		}
	}
}

// freshBrief creates a brief for owner without waiting for its sections.
func freshBrief(t *testing.T, env *testEnv, ownerID string) string {
	t.Helper()
	in := agents.Input{BusinessName: "Spare", Sector: "Bakery", Location: agents.Location{City: "Lagos", Country: "Nigeria"}, Language: agents.English}
	sum, err := env.orch.Create(context.Background(), ownerID, in)
	if err != nil {
		t.Fatal(err)
	}
	return sum.ID
}

type answer struct {
	status   int
	location string
}

// send makes one request with no body beyond the CSRF token and reads only the status, so a live
// stream does not hold the test.
func send(t *testing.T, c *client, method, path, csrf string) answer {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var body *strings.Reader
	if method == http.MethodGet {
		body = strings.NewReader("")
	} else {
		body = strings.NewReader("csrf_token=" + csrf)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.env.base+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if method != http.MethodGet {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-CSRF-Token", csrf)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	resp.Body.Close()
	return answer{status: resp.StatusCode, location: resp.Header.Get("Location")}
}

// allowed says whether an answer keeps the route's promise to this visitor. Visitors the rule lets
// in may still get a 4xx for the empty request (422, 400…), never the answers of a refusal.
func allowed(r route, visitor string, a answer) bool {
	refused := a.status == http.StatusNotFound || a.status == http.StatusUnauthorized || a.status == http.StatusForbidden ||
		strings.HasPrefix(a.location, "/login")
	loginRequired := a.status == http.StatusUnauthorized || (a.status == http.StatusSeeOther && strings.HasPrefix(a.location, "/login"))
	switch r.Access {
	case public:
		return a.status != http.StatusNotFound && a.status != http.StatusForbidden && a.status < 500
	case signedIn:
		if visitor == "anonymous" {
			return loginRequired
		}
		return !refused && a.status < 500
	case briefOwner:
		switch visitor {
		case "anonymous":
			return loginRequired
		case "other owner":
			return a.status == http.StatusNotFound
		}
		return !refused && a.status < 500
	case adminOnly:
		if visitor == "admin" {
			return !refused && a.status < 500
		}
		return a.status == http.StatusNotFound
	}
	return false
}
