package handlers

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// apiDoc is the OpenAPI document as a client downloads it.
type apiDoc map[string]any

func openAPIDoc(t *testing.T, env *testEnv) apiDoc {
	t.Helper()
	resp := env.client().get("/api/v1/openapi.json")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("GET /api/v1/openapi.json: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var doc apiDoc
	if err := json.Unmarshal([]byte(resp.body), &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return doc
}

func obj(v any) map[string]any { m, _ := v.(map[string]any); return m }

// operation is the documented operation for a route under /api/v1 (Fiber path form).
func (d apiDoc) operation(method, path string) map[string]any {
	return obj(obj(obj(d["paths"])[openAPIPath(path)])[strings.ToLower(method)])
}

// checkResponse validates an answer against the schema documented for its status.
func (d apiDoc) checkResponse(t *testing.T, method, path string, resp response) {
	t.Helper()
	op := d.operation(method, path)
	if op == nil {
		t.Errorf("%s %s is not documented", method, path)
		return
	}
	documented := obj(obj(op["responses"])[strconv.Itoa(resp.StatusCode)])
	if documented == nil {
		t.Errorf("%s %s answered %d, which the document does not list", method, path, resp.StatusCode)
		return
	}
	schema := obj(obj(obj(documented["content"])["application/json"])["schema"])
	if schema == nil {
		if resp.body != "" {
			t.Errorf("%s %s %d: documented without a body, answered %.100s", method, path, resp.StatusCode, resp.body)
		}
		return
	}
	var v any
	if err := json.Unmarshal([]byte(resp.body), &v); err != nil {
		t.Errorf("%s %s %d: body is not JSON: %v", method, path, resp.StatusCode, err)
		return
	}
	for _, p := range d.validate(schema, v, "$") {
		t.Errorf("%s %s %d: %s", method, path, resp.StatusCode, p)
	}
}

// checkRequest validates a request body against the documented request schema.
func (d apiDoc) checkRequest(t *testing.T, method, path, body string) {
	t.Helper()
	schema := obj(obj(obj(obj(d.operation(method, path)["requestBody"])["content"])["application/json"])["schema"])
	if schema == nil {
		t.Errorf("%s %s: no documented JSON request body", method, path)
		return
	}
	var v any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatal(err)
	}
	for _, p := range d.validate(schema, v, "$") {
		t.Errorf("%s %s request: %s", method, path, p)
	}
}

// validate checks v against the subset of JSON Schema the generator writes, and also that an
// object holds no property the schema does not document.
func (d apiDoc) validate(schema map[string]any, v any, at string) []string {
	if r, ok := schema["$ref"].(string); ok {
		name := strings.TrimPrefix(r, "#/components/schemas/")
		target := obj(obj(obj(d["components"])["schemas"])[name])
		if target == nil {
			return []string{at + ": dangling $ref " + r}
		}
		return d.validate(target, v, at)
	}
	if anyOf, ok := schema["anyOf"].([]any); ok {
		var all []string
		for _, alt := range anyOf {
			probs := d.validate(obj(alt), v, at)
			if len(probs) == 0 {
				return nil
			}
			all = append(all, probs...)
		}
		return append([]string{at + ": matches no alternative"}, all...)
	}
	if t, ok := schema["type"]; ok && !typeMatches(t, v) {
		return []string{fmt.Sprintf("%s: %T does not match type %v", at, v, t)}
	}
	var probs []string
	if enum, ok := schema["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			found = found || e == v
		}
		if !found {
			probs = append(probs, fmt.Sprintf("%s: %v is not one of %v", at, v, enum))
		}
	}
	if schema["format"] == "date-time" {
		if s, _ := v.(string); s != "" {
			if _, err := time.Parse(time.RFC3339Nano, s); err != nil {
				probs = append(probs, at+": not a date-time: "+s)
			}
		}
	}
	switch val := v.(type) {
	case map[string]any:
		props := obj(schema["properties"])
		for _, r := range asStrings(schema["required"]) {
			if _, ok := val[r]; !ok {
				probs = append(probs, at+": required property "+r+" is missing")
			}
		}
		for k, pv := range val {
			switch {
			case props != nil && props[k] != nil:
				probs = append(probs, d.validate(obj(props[k]), pv, at+"."+k)...)
			case schema["additionalProperties"] != nil:
				probs = append(probs, d.validate(obj(schema["additionalProperties"]), pv, at+"."+k)...)
			case props != nil:
				probs = append(probs, at+": property "+k+" is not documented")
			}
		}
	case []any:
		if items := obj(schema["items"]); items != nil {
			for i, item := range val {
				probs = append(probs, d.validate(items, item, at+"["+strconv.Itoa(i)+"]")...)
			}
		}
	}
	return probs
}

func asStrings(v any) []string {
	var out []string
	for _, s := range anySlice(v) {
		if str, ok := s.(string); ok {
			out = append(out, str)
		}
	}
	return out
}

func anySlice(v any) []any { s, _ := v.([]any); return s }

func typeMatches(t any, v any) bool {
	types := []any{t}
	if list, ok := t.([]any); ok {
		types = list
	}
	for _, t := range types {
		switch t {
		case "object":
			if _, ok := v.(map[string]any); ok {
				return true
			}
		case "array":
			if _, ok := v.([]any); ok {
				return true
			}
		case "string":
			if _, ok := v.(string); ok {
				return true
			}
		case "boolean":
			if _, ok := v.(bool); ok {
				return true
			}
		case "number":
			if _, ok := v.(float64); ok {
				return true
			}
		case "integer":
			if f, ok := v.(float64); ok && f == float64(int64(f)) {
				return true
			}
		case "null":
			if v == nil {
				return true
			}
		}
	}
	return false
}

// TestOpenAPIMatchesRoutes: every /api/v1 route of the route table is documented with its method,
// and the document names no route that does not exist. Public routes are documented as needing no
// credentials, and only they are.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	env := newEnv(t)
	doc := openAPIDoc(t, env)
	routed := map[string]access{}
	for _, r := range env.server.routeTable {
		if p, ok := strings.CutPrefix(r.Path, "/api/v1"); ok {
			routed[r.Method+" "+openAPIPath(p)] = r.Access
		}
	}
	documented := map[string]bool{}
	for path, item := range obj(doc["paths"]) {
		for method, op := range obj(item) {
			key := strings.ToUpper(method) + " " + path
			documented[key] = true
			a, ok := routed[key]
			if !ok {
				t.Errorf("%s is documented but not routed", key)
				continue
			}
			sec, hasSec := obj(op)["security"]
			if open := hasSec && len(anySlice(sec)) == 0; open != (a == public) {
				t.Errorf("%s: documented as public=%v, routed as %s", key, open, a)
			}
		}
	}
	for key := range routed {
		if !documented[key] {
			t.Errorf("%s is routed but not documented in /api/v1/openapi.json", key)
		}
	}
	if doc["openapi"] != "3.1.0" {
		t.Errorf("openapi = %v", doc["openapi"])
	}
}

// TestOpenAPISchemasMatchGoTypes checks each documented schema against what encoding/json does
// with its Go type: the properties are exactly the keys of an encoded value with every field
// filled, and the required ones exactly the keys of an encoded zero value.
func TestOpenAPISchemasMatchGoTypes(t *testing.T) {
	raw, err := openAPIDocument()
	if err != nil {
		t.Fatal(err)
	}
	encoded, err := json.Marshal(raw)
	if err != nil {
		t.Fatal(err)
	}
	var doc apiDoc
	if err := json.Unmarshal(encoded, &doc); err != nil {
		t.Fatal(err)
	}
	schemas := obj(obj(doc["components"])["schemas"])
	seen := map[reflect.Type]bool{}
	var check func(reflect.Type)
	// fieldsOf walks the types of a struct's fields, and of the fields of embedded structs, whose
	// fields encoding/json promotes.
	var fieldsOf func(reflect.Type)
	fieldsOf = func(ty reflect.Type) {
		for i := range ty.NumField() {
			if f := ty.Field(i); f.Anonymous && f.Type.Kind() == reflect.Struct {
				fieldsOf(f.Type)
			} else {
				check(f.Type)
			}
		}
	}
	check = func(ty reflect.Type) {
		for ty.Kind() == reflect.Pointer || ty.Kind() == reflect.Slice || ty.Kind() == reflect.Map {
			ty = ty.Elem()
		}
		if ty.Kind() != reflect.Struct || ty == timeType || seen[ty] {
			return
		}
		seen[ty] = true
		schema := obj(schemas[schemaName(ty)])
		if schema == nil {
			t.Errorf("%s has no schema %s", ty, schemaName(ty))
			return
		}
		full := encodedKeys(t, filled(ty, 0))
		zero := encodedKeys(t, reflect.New(ty).Elem())
		if diff := cmp.Diff(full, keys(obj(schema["properties"]))); diff != "" {
			t.Errorf("schema %s properties differ from the encoded %s (-json +schema):\n%s", schemaName(ty), ty, diff)
		}
		required := asStrings(schema["required"])
		sort.Strings(required)
		if diff := cmp.Diff(zero, required, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("schema %s required differs from the keys of an encoded zero %s (-json +schema):\n%s", schemaName(ty), ty, diff)
		}
		fieldsOf(ty)
	}
	for _, op := range apiOperations() {
		for _, v := range []any{op.Request, op.Form, op.Body} {
			if v != nil {
				check(reflect.TypeOf(v))
			}
		}
	}
	check(reflect.TypeOf(apiError{}))
	check(reflect.TypeOf(apiAccepted{}))
	if len(seen) < 30 {
		t.Errorf("only %d struct types checked; the walk is missing some", len(seen))
	}
	// The token endpoint reads its JSON into a registerRequest: the documented fields must be its.
	reg := encodedKeys(t, reflect.ValueOf(registerRequest{}))
	for _, k := range encodedKeys(t, reflect.ValueOf(tokenRequest{})) {
		if !contains(reg, k) {
			t.Errorf("tokenRequest documents %s, which registerRequest does not read", k)
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// filled is a value of ty with every pointer, slice and map non-nil and every field non-zero, so
// encoding it leaves nothing out.
func filled(ty reflect.Type, depth int) reflect.Value {
	v := reflect.New(ty).Elem()
	if depth > 6 {
		return v
	}
	switch ty.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(ty.Elem()))
		v.Elem().Set(filled(ty.Elem(), depth+1))
	case reflect.Struct:
		if ty == timeType {
			v.Set(reflect.ValueOf(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)))
			break
		}
		for i := range ty.NumField() {
			if f := v.Field(i); f.CanSet() {
				f.Set(filled(ty.Field(i).Type, depth+1))
			}
		}
	case reflect.Slice:
		if ty == rawType {
			v.SetBytes([]byte(`{}`))
			break
		}
		v.Set(reflect.MakeSlice(ty, 1, 1))
		v.Index(0).Set(filled(ty.Elem(), depth+1))
	case reflect.Map:
		v.Set(reflect.MakeMap(ty))
		v.SetMapIndex(reflect.ValueOf("k").Convert(ty.Key()), filled(ty.Elem(), depth+1))
	case reflect.String:
		v.SetString("s")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(1)
	}
	return v
}

// encodedKeys are the top-level keys encoding/json writes for v, sorted.
func encodedKeys(t *testing.T, v reflect.Value) []string {
	t.Helper()
	b, err := json.Marshal(v.Interface())
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s does not encode as an object: %s", v.Type(), b)
	}
	return keys(m)
}

// TestSchemaValidatorCatchesDrift makes sure the validator the API tests rely on fails answers that
// do not match: a property the document does not know, a missing required one, a wrong type.
func TestSchemaValidatorCatchesDrift(t *testing.T) {
	raw, err := openAPIDocument()
	if err != nil {
		t.Fatal(err)
	}
	encoded, _ := json.Marshal(raw)
	var doc apiDoc
	if err := json.Unmarshal(encoded, &doc); err != nil {
		t.Fatal(err)
	}
	schema := map[string]any{"$ref": "#/components/schemas/ExtendResponse"}
	for _, tc := range []struct {
		body string
		bad  bool
	}{
		{`{"expires_at": "2026-01-02T03:04:05Z"}`, false},
		{`{"expires_at": "2026-01-02T03:04:05Z", "surprise": 1}`, true},
		{`{}`, true},
		{`{"expires_at": 12}`, true},
		{`{"expires_at": "next week"}`, true},
	} {
		var v any
		if err := json.Unmarshal([]byte(tc.body), &v); err != nil {
			t.Fatal(err)
		}
		if probs := doc.validate(schema, v, "$"); (len(probs) > 0) != tc.bad {
			t.Errorf("%s: problems %v, want bad=%v", tc.body, probs, tc.bad)
		}
	}
}
