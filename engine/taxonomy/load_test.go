package taxonomy

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDecodeFileMatchesUnmarshal checks that decodeFile gives what
// json.Unmarshal gives: for the embedded file, which its own reader must
// read without giving up, and for files it hands to json.Unmarshal
// (escapes, bad UTF-8, other fields, keys in other case, nulls, errors).
func TestDecodeFileMatchesUnmarshal(t *testing.T) {
	r := fileReader{s: string(defaultData)}
	if _, ok := r.file(0); !ok {
		t.Error("fileReader gave up on the embedded skills.json")
	}
	inputs := map[string]string{
		"embedded": string(defaultData),
		"small": `{"version":"1","merged":{"a":"b"},"skills":[{"id":"go","name":"Go","category":"language",
			"aliases":["Golang"],"implies":[],"context":"tech","ambiguous":["Go"],"veto":["* to"],"case_sensitive":["GO"],"related":["rust"]}]}`,
		"empty":         `{"skills":[]}`,
		"escapes":       `{"skills":[{"id":"a\u00e9\"b","name":"x\\y","category":"c\n"}]}`,
		"bad utf-8":     "{\"skills\":[{\"id\":\"a\xffb\",\"name\":\"\xc3\",\"category\":\"c\"}]}",
		"utf-8":         `{"skills":[{"id":"é","name":"Straße","category":"c"}]}`,
		"other field":   `{"skills":[{"id":"a","name":"A","category":"c","extra":1}]}`,
		"key case":      `{"Skills":[{"ID":"a","Name":"A","category":"c"}]}`,
		"null":          `{"skills":[{"id":"a","name":"A","category":"c","aliases":null}]}`,
		"merged twice":  `{"merged":{"a":"b"},"merged":{"c":"d"},"skills":[]}`,
		"skills twice":  `{"skills":[{"id":"a"}],"skills":[{"id":"b"}]}`,
		"number":        `{"skills":[{"id":1}]}`,
		"trailing":      `{"skills":[]} x`,
		"truncated":     `{"skills":[{"id":"a"`,
		"control byte":  "{\"version\":\"a\tb\",\"skills\":[]}",
		"white space":   " {\n \"skills\" :\t[ { \"id\" : \"a\" , \"aliases\" : [ \"b\" , \"c\" ] } ] }\n",
		"missing comma": `{"skills":[{"id":"a" "name":"b"}]}`,
	}
	for name, in := range inputs {
		var want File
		wantErr := json.Unmarshal([]byte(in), &want)
		got, err := decodeFile([]byte(in))
		if (err != nil) != (wantErr != nil) {
			t.Errorf("%s: error %v, json.Unmarshal's %v", name, err, wantErr)
			continue
		}
		if diff := cmp.Diff(want, got); err == nil && diff != "" {
			t.Errorf("%s: decodeFile differs from json.Unmarshal (-want +got):\n%s", name, diff)
		}
	}
}

// normalizeReference is normalize as it was before its one-pass ASCII path:
// names already normal are returned as they are, others lower-cased and
// their fields joined by one space.
func normalizeReference(s string) string {
	clean := true
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		space := c == ' ' || c == '\t' || c == '\n' || c == '\r'
		if c >= 'A' && c <= 'Z' || space && (prevSpace || c != ' ') {
			clean = false
			break
		}
		prevSpace = space
	}
	if clean && !prevSpace {
		return s
	}
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// TestNormalizeMatchesReference checks normalize against normalizeReference
// on every name and alias of the embedded taxonomy and on awkward strings.
func TestNormalizeMatchesReference(t *testing.T) {
	in := []string{"", " ", "Go", "  Spring \t Boot ", "C++", "a\vb\fc", "\nX\r\n", "ÉCOLE Straße", "A\u00a0B",
		"Node.JS", "MACHINE  LEARNING", "x\x85y", "X\x85y", "trailing ", "\xff\xfeBAD"}
	for _, s := range Default().Skills() {
		in = append(in, s.Name, strings.ToUpper(s.Name), " "+s.Name+"\t")
		in = append(in, s.Aliases...)
	}
	for _, s := range in {
		if got, want := normalize(s), normalizeReference(s); got != want {
			t.Errorf("normalize(%q) = %q, want %q", s, got, want)
		}
	}
}
