package handlers

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/gofiber/fiber/v2"

	"genesis/agents"
)

// apiOperation documents one route of /api/v1. The OpenAPI document is generated from these and
// from the Go types of the bodies, so a body's schema cannot drift from what the handler encodes;
// a test checks that every API route of the route table is here and nothing else is.
type apiOperation struct {
	Method  string
	Path    string // as routed under /api/v1, with :params
	Summary string
	Detail  string
	Public  bool
	Query   []apiParam
	// Request is a value of the JSON request body's type, nil for none; Form documents a form
	// alternative.
	Request any
	Form    any
	// Status and Body are the success answer (Body nil: no content); Errors the statuses of the
	// error answers it may give, each an apiError.
	Status int
	Body   any
	Errors []int
	// Accepted: the operation may answer 202 with an apiAccepted instead, when the agents take long.
	Accepted bool
}

type apiParam struct {
	Name        string
	Description string
	Schema      map[string]any
}

// tokenRequest documents the JSON body of POST /auth/token: the email and password of a
// registerRequest, which is what the handler reads it into.
type tokenRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// tokenForm documents the OAuth2 password form POST /auth/token also accepts.
type tokenForm struct {
	Username  string `json:"username"`
	Password  string `json:"password"`
	GrantType string `json:"grant_type,omitempty"`
}

// apiOperations is every route of /api/v1.
func apiOperations() []apiOperation {
	briefErrors := []int{http.StatusUnauthorized, http.StatusNotFound}
	return []apiOperation{
		{Method: "GET", Path: "/openapi.json", Summary: "This document", Public: true,
			Status: 200, Body: map[string]any{}},
		{Method: "POST", Path: "/auth/register", Summary: "Create an account", Public: true,
			Request: registerRequest{}, Status: 201, Body: userResponse{},
			Errors: []int{400, 409, 413, 415, 422, 429}},
		{Method: "POST", Path: "/auth/token", Summary: "Get a bearer token",
			Detail: "JSON {email, password}, or an OAuth2 password form (username, password).", Public: true,
			Request: tokenRequest{}, Form: tokenForm{}, Status: 200, Body: tokenResponse{},
			Errors: []int{400, 401, 413, 415, 422, 429}},
		{Method: "GET", Path: "/auth/me", Summary: "The signed-in account", Status: 200, Body: userResponse{},
			Errors: []int{401}},
		{Method: "DELETE", Path: "/auth/token", Summary: "Revoke the bearer token sent", Status: 204,
			Errors: []int{400, 401}},
		{Method: "POST", Path: "/business/brief/generate", Summary: "Generate a brief",
			Detail: "Answers 201 with the brief once every section is written. With async=true, or when the agents " +
				"take longer than " + strconv.Itoa(int(apiWaitLimit/time.Second)) + " s, answers 202 with where to poll.",
			Query:   []apiParam{{Name: "async", Description: "answer at once with 202", Schema: map[string]any{"type": "boolean"}}},
			Request: generateRequest{}, Status: 201, Body: apiBriefResponse{}, Accepted: true,
			Errors: []int{400, 401, 413, 415, 422, 429}},
		{Method: "GET", Path: "/business/brief/:id", Summary: "A brief", Status: 200, Body: apiBriefResponse{},
			Errors: briefErrors},
		{Method: "GET", Path: "/business/brief/:id/results", Summary: "A brief's five sections", Status: 200, Body: apiResults{},
			Errors: briefErrors},
		{Method: "POST", Path: "/business/brief/:id/regenerate", Summary: "Regenerate some sections",
			Detail: "Writes the named sections again; the others stay exactly as they are. Answers with the brief once " +
				"they are written, or 202 with where to poll.",
			Request: regenerateRequest{}, Status: 200, Body: apiBriefResponse{}, Accepted: true,
			Errors: []int{400, 401, 404, 409, 413, 415, 422, 429}},
		{Method: "GET", Path: "/business/briefs", Summary: "The user's briefs, newest first",
			Query: []apiParam{
				{Name: "limit", Description: "briefs per page", Schema: map[string]any{"type": "integer", "minimum": 1, "maximum": apiListMax, "default": apiListDefault}},
				{Name: "cursor", Description: "next_cursor of the previous page", Schema: map[string]any{"type": "string"}},
			},
			Status: 200, Body: apiBriefList{}, Errors: []int{400, 401}},
		{Method: "DELETE", Path: "/business/brief/:id", Summary: "Delete a brief", Status: 204, Errors: briefErrors},
		{Method: "POST", Path: "/business/brief/:id/extend", Summary: "Keep a brief longer",
			Detail:  "The brief then expires ttl_seconds from now, between 1 hour and 365 days.",
			Request: extendRequest{}, Status: 200, Body: extendResponse{},
			Errors: []int{400, 401, 404, 413, 415, 422}},
		{Method: "POST", Path: "/business/website/create", Summary: "Build a brief's website",
			Detail: "Builds the website and, when publishing is configured, starts publishing it in the background " +
				"(see publication on the brief). 409 when the brief is not ready for a website.",
			Request: websiteRequest{}, Status: 201, Body: websiteResponse{},
			Errors: []int{400, 401, 404, 409, 413, 415, 422}},
	}
}

// openAPIPath is a Fiber path in OpenAPI's form: /brief/:id becomes /brief/{id}.
func openAPIPath(path string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		if strings.HasPrefix(p, ":") {
			parts[i] = "{" + p[1:] + "}"
		}
	}
	return strings.Join(parts, "/")
}

// openAPIDocument is the OpenAPI 3.1 description of /api/v1.
func openAPIDocument() (map[string]any, error) {
	g := newSchemaGen()
	errorBody := g.schema(reflect.TypeOf(apiError{}))
	paths := map[string]any{}
	for _, op := range apiOperations() {
		o := map[string]any{
			"summary":     op.Summary,
			"operationId": operationID(op),
		}
		if op.Detail != "" {
			o["description"] = op.Detail
		}
		if op.Public {
			o["security"] = []any{}
		}
		var params []any
		for _, p := range strings.Split(op.Path, "/") {
			if name, ok := strings.CutPrefix(p, ":"); ok {
				params = append(params, map[string]any{"name": name, "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
			}
		}
		for _, q := range op.Query {
			params = append(params, map[string]any{"name": q.Name, "in": "query", "description": q.Description, "schema": q.Schema})
		}
		if len(params) > 0 {
			o["parameters"] = params
		}
		if op.Request != nil {
			content := map[string]any{"application/json": map[string]any{"schema": g.schema(reflect.TypeOf(op.Request))}}
			if op.Form != nil {
				content["application/x-www-form-urlencoded"] = map[string]any{"schema": g.schema(reflect.TypeOf(op.Form))}
			}
			o["requestBody"] = map[string]any{"required": true, "content": content}
		}
		responses := map[string]any{}
		success := map[string]any{"description": http.StatusText(op.Status)}
		if op.Body != nil {
			success["content"] = map[string]any{"application/json": map[string]any{"schema": g.schema(reflect.TypeOf(op.Body))}}
		}
		responses[strconv.Itoa(op.Status)] = success
		if op.Accepted {
			responses["202"] = map[string]any{"description": "still being written: poll status_url",
				"content": map[string]any{"application/json": map[string]any{"schema": g.schema(reflect.TypeOf(apiAccepted{}))}}}
		}
		for _, status := range op.Errors {
			responses[strconv.Itoa(status)] = map[string]any{"description": http.StatusText(status),
				"content": map[string]any{"application/json": map[string]any{"schema": errorBody}}}
		}
		o["responses"] = responses
		path := openAPIPath(op.Path)
		item, _ := paths[path].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[path] = item
		}
		method := strings.ToLower(op.Method)
		if _, dup := item[method]; dup {
			return nil, fmt.Errorf("openapi: %s %s documented twice", op.Method, op.Path)
		}
		item[method] = o
	}
	if g.err != nil {
		return nil, g.err
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":       "Genesis API",
			"version":     "1.0.0",
			"description": "Business briefs written by five agents, and the websites they become. Errors are {\"error\": {\"code\", \"message\"}} with a stable code and an English message.",
		},
		"servers":  []any{map[string]any{"url": "/api/v1"}},
		"security": []any{map[string]any{"bearerAuth": []any{}}, map[string]any{"sessionCookie": []any{}}},
		"paths":    paths,
		"components": map[string]any{
			"schemas": g.components,
			"securitySchemes": map[string]any{
				"bearerAuth":    map[string]any{"type": "http", "scheme": "bearer", "description": "a token from POST /auth/token"},
				"sessionCookie": map[string]any{"type": "apiKey", "in": "cookie", "name": sessionCookie, "description": "the browser session; unsafe methods also need the X-CSRF-Token header"},
			},
		},
	}, nil
}

func operationID(op apiOperation) string {
	var sb strings.Builder
	sb.WriteString(strings.ToLower(op.Method))
	upper := true
	for _, r := range op.Path {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			upper = true
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
			upper = false
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// openAPIJSON is the OpenAPI document as served. It depends only on the code, so it is built and
// encoded on the first request, not on every one.
type openAPIJSON struct {
	once sync.Once
	body []byte
	err  error
}

func (d *openAPIJSON) get() ([]byte, error) {
	d.once.Do(func() {
		doc, err := openAPIDocument()
		if err != nil {
			d.err = err
			return
		}
		d.body, d.err = json.Marshal(doc)
	})
	return d.body, d.err
}

func (s *Server) openAPI(c *fiber.Ctx) error {
	body, err := s.openAPIBody.get()
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "public, max-age=300")
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	return c.Send(body)
}

// --- JSON Schema from Go types ---

// schemaGen turns Go types into JSON Schema as encoding/json encodes them: field names from json
// tags, embedded structs flattened, a field without omitempty or omitzero always present (and so
// required), pointers, slices and maps possibly null. Named structs become components.
type schemaGen struct {
	components map[string]any
	names      map[reflect.Type]string
	enums      map[reflect.Type][]string
	err        error
}

func newSchemaGen() *schemaGen {
	return &schemaGen{
		components: map[string]any{},
		names:      map[reflect.Type]string{},
		enums: map[reflect.Type][]string{
			reflect.TypeOf(agents.Language("")): {string(agents.English), string(agents.French)},
			reflect.TypeOf(agents.Status("")):   {string(agents.StatusQueued), string(agents.StatusRunning), string(agents.StatusDone), string(agents.StatusFailed)},
		},
	}
}

var (
	timeType = reflect.TypeOf(time.Time{})
	rawType  = reflect.TypeOf(json.RawMessage(nil))
)

// schemaName is a component's name: the Go type's, without the "api" of unexported API types.
func schemaName(t reflect.Type) string {
	name := t.Name()
	if rest, ok := strings.CutPrefix(name, "api"); ok && rest != "" && unicode.IsUpper(rune(rest[0])) {
		name = rest
	}
	return strings.ToUpper(name[:1]) + name[1:]
}

func (g *schemaGen) schema(t reflect.Type) map[string]any {
	switch {
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case t == rawType:
		return map[string]any{}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return map[string]any{"anyOf": []any{g.schema(t.Elem()), map[string]any{"type": "null"}}}
	case reflect.String:
		s := map[string]any{"type": "string"}
		if values, ok := g.enums[t]; ok {
			s["enum"] = values
		}
		return s
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": []any{"array", "null"}, "items": g.schema(t.Elem())}
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			g.fail(fmt.Errorf("openapi: map key %s is not a string", t.Key()))
		}
		return map[string]any{"type": []any{"object", "null"}, "additionalProperties": g.schema(t.Elem())}
	case reflect.Interface:
		return map[string]any{}
	case reflect.Struct:
		if t.Name() == "" {
			return g.object(t)
		}
		name := schemaName(t)
		if other, ok := g.names[t]; ok {
			return ref(other)
		}
		for other, n := range g.names {
			if n == name && other != t {
				g.fail(fmt.Errorf("openapi: %s and %s would both be schema %s", other, t, name))
			}
		}
		g.names[t] = name
		g.components[name] = nil // reserved while its fields are described, for recursive types
		g.components[name] = g.object(t)
		return ref(name)
	}
	g.fail(fmt.Errorf("openapi: no schema for %s", t))
	return map[string]any{}
}

func ref(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }

func (g *schemaGen) fail(err error) {
	if g.err == nil {
		g.err = err
	}
}

func (g *schemaGen) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	g.fields(t, props, &required)
	out := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		sort.Strings(required)
		out["required"] = required
	}
	return out
}

// jsonField reads a struct field's json tag: its name ("" for the Go name), whether encoding may
// leave it out, and whether it is skipped.
func jsonField(f reflect.StructField) (name string, optional, skip bool) {
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", false, true
	}
	name, opts, _ := strings.Cut(tag, ",")
	for _, o := range strings.Split(opts, ",") {
		if o == "omitempty" || o == "omitzero" {
			optional = true
		}
	}
	return name, optional, false
}

func (g *schemaGen) fields(t reflect.Type, props map[string]any, required *[]string) {
	for i := range t.NumField() {
		f := t.Field(i)
		name, optional, skip := jsonField(f)
		if skip {
			continue
		}
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				g.fields(ft, props, required)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if _, dup := props[name]; dup {
			g.fail(fmt.Errorf("openapi: %s has two fields named %s", t, name))
		}
		props[name] = g.schema(f.Type)
		if !optional {
			*required = append(*required, name)
		}
	}
}
