package resume

import (
	"encoding/json"
	"fmt"
	"net/mail"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

// validate checks v against the subset of JSON Schema the JSON Resume schema
// uses: type, properties, additionalProperties, items, pattern, $ref to
// #/definitions, and the email and uri formats. It returns every violation
// with its JSON path.
func validate(root, schema map[string]any, v any, path string) []string {
	if ref, ok := schema["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/definitions/")
		def, ok := root["definitions"].(map[string]any)[name].(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: unknown $ref %s", path, ref)}
		}
		return validate(root, def, v, path)
	}
	var errs []string
	if typ, ok := schema["type"].(string); ok {
		okType := false
		switch typ {
		case "object":
			_, okType = v.(map[string]any)
		case "array":
			_, okType = v.([]any)
		case "string":
			_, okType = v.(string)
		case "number":
			_, okType = v.(float64)
		case "integer":
			f, isNum := v.(float64)
			okType = isNum && f == float64(int64(f))
		case "boolean":
			_, okType = v.(bool)
		}
		if !okType {
			return []string{fmt.Sprintf("%s: %T is not %s", path, v, typ)}
		}
	}
	switch x := v.(type) {
	case map[string]any:
		props, _ := schema["properties"].(map[string]any)
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if ps, ok := props[k].(map[string]any); ok {
				errs = append(errs, validate(root, ps, x[k], path+"."+k)...)
			} else if ap, ok := schema["additionalProperties"].(bool); ok && !ap {
				errs = append(errs, fmt.Sprintf("%s: property %q not allowed", path, k))
			}
		}
	case []any:
		if is, ok := schema["items"].(map[string]any); ok {
			for i, e := range x {
				errs = append(errs, validate(root, is, e, fmt.Sprintf("%s[%d]", path, i))...)
			}
		}
	case string:
		if p, ok := schema["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(x) {
			errs = append(errs, fmt.Sprintf("%s: %q does not match %s", path, x, p))
		}
		switch schema["format"] {
		case "email":
			if a, err := mail.ParseAddress(x); err != nil || a.Address != x {
				errs = append(errs, fmt.Sprintf("%s: %q is not an email address", path, x))
			}
		case "uri":
			if u, err := url.Parse(x); err != nil || u.Scheme == "" || u.Host == "" {
				errs = append(errs, fmt.Sprintf("%s: %q is not an absolute URI", path, x))
			}
		}
	}
	return errs
}

func loadSchema(t *testing.T) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureDir, "jsonresume-schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// The validator itself must reject what the schema rejects, or the test
// below proves nothing.
func TestValidatorRejects(t *testing.T) {
	schema := loadSchema(t)
	bad := []string{
		`{"basics": "Jane"}`,
		`{"basics": {"email": "not an email"}}`,
		`{"basics": {"url": "github.com/jane"}}`,
		`{"work": [{"startDate": "March 2019"}]}`,
		`{"work": {"name": "Acme"}}`,
		`{"skills": [{"keywords": "go"}]}`,
		`{"education": [{"endDate": 2014}]}`,
	}
	for _, s := range bad {
		var v any
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			t.Fatal(err)
		}
		if errs := validate(schema, schema, v, "$"); len(errs) == 0 {
			t.Errorf("validate(%s) found nothing wrong", s)
		}
	}
}

// TestToJSONResumeSchema exports every structure fixture, and the other
// skills fixtures, and checks each against the JSON Resume schema, and that
// the export holds the profile (its skills, then its other skills).
func TestToJSONResumeSchema(t *testing.T) {
	schema := loadSchema(t)
	tax := fixtureTaxonomy(t)
	fixtures := loadFixtures(t)
	others, _ := filepath.Glob("testdata/other/*.txt")
	for _, p := range others {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		fixtures = append(fixtures, fixture{name: filepath.Base(p), text: string(b), asOf: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
	}
	for _, f := range fixtures {
		t.Run(f.name, func(t *testing.T) {
			r := Parse(f.text, tax, Options{AsOf: f.asOf})
			b, err := json.Marshal(ToJSONResume(r))
			if err != nil {
				t.Fatal(err)
			}
			var v map[string]any
			if err := json.Unmarshal(b, &v); err != nil {
				t.Fatal(err)
			}
			for _, e := range validate(schema, schema, v, "$") {
				t.Error(e)
			}
			for _, k := range []string{"basics", "work", "education", "skills"} {
				if _, ok := v[k]; !ok {
					t.Errorf("no %q", k)
				}
			}
			if got := len(v["work"].([]any)); got != len(r.Positions) {
				t.Errorf("work has %d entries, want %d", got, len(r.Positions))
			}
			if got := len(v["skills"].([]any)); got != len(r.Skills)+len(r.OtherSkills) {
				t.Errorf("skills has %d entries, want %d", got, len(r.Skills)+len(r.OtherSkills))
			}
			for i, o := range r.OtherSkills {
				if got := v["skills"].([]any)[len(r.Skills)+i].(map[string]any)["name"]; got != o.Name {
					t.Errorf("skills[%d].name = %v, want other skill %q", len(r.Skills)+i, got, o.Name)
				}
			}
			if r.Contact.Name != "" && v["basics"].(map[string]any)["name"] != r.Contact.Name {
				t.Errorf("basics.name = %v, want %q", v["basics"].(map[string]any)["name"], r.Contact.Name)
			}
			for i, p := range r.Positions {
				w := v["work"].([]any)[i].(map[string]any)
				if p.Start != "" && w["startDate"] != p.Start {
					t.Errorf("work[%d].startDate = %v, want %s", i, w["startDate"], p.Start)
				}
				if _, has := w["endDate"]; p.Start != "" && has == p.Current {
					t.Errorf("work[%d]: endDate present = %v, current = %v", i, has, p.Current)
				}
			}
		})
	}
}
