package taxonomy

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// decodeFile decodes a taxonomy file in JSON (the embedded skills.json, for
// Default). It gives what json.Unmarshal gives, faster: the file's shape —
// an object of version, merged and skills, skills made of strings and lists
// of strings — is read by hand (see fileReader), every string a substring of
// one copy of data, so that the load allocates no string per name. Anything
// else the reader does not expect (another field, a null, a number, broken
// JSON) makes it give up, and json.Unmarshal decodes the file, errors
// included.
func decodeFile(data []byte) (File, error) {
	n := bytes.Count(data, []byte(`"id":`)) // about the number of skills
	r := fileReader{s: string(data)}
	if f, ok := r.file(n); ok {
		return f, nil
	}
	f := File{Skills: make([]Skill, 0, n)}
	err := json.Unmarshal(data, &f)
	return f, err
}

// fileReader reads a File from JSON text s; each method returns false for
// input it does not handle, and the caller gives up.
type fileReader struct {
	s string
	i int // the next byte to read
}

func (r *fileReader) file(skills int) (File, bool) {
	var f File
	ok := r.object(func(key string) bool {
		switch key {
		case "version":
			var ok bool
			f.Version, ok = r.str()
			return ok
		case "merged":
			if f.Merged == nil {
				f.Merged = map[string]string{}
			}
			return r.object(func(from string) bool {
				to, ok := r.str()
				f.Merged[from] = to
				return ok
			})
		case "skills":
			f.Skills = make([]Skill, 0, skills)
			if !r.next('[') {
				return false
			}
			if r.next(']') {
				return true
			}
			for {
				var s Skill
				if !r.skill(&s) {
					return false
				}
				f.Skills = append(f.Skills, s)
				if r.next(']') {
					return true
				}
				if !r.next(',') {
					return false
				}
			}
		}
		return false
	})
	r.space()
	return f, ok && r.i == len(r.s)
}

func (r *fileReader) skill(s *Skill) bool {
	return r.object(func(key string) bool {
		var ok bool
		switch key {
		case "id":
			s.ID, ok = r.str()
		case "name":
			s.Name, ok = r.str()
		case "category":
			s.Category, ok = r.str()
		case "context":
			s.Context, ok = r.str()
		case "aliases":
			s.Aliases, ok = r.strs()
		case "implies":
			s.Implies, ok = r.strs()
		case "related":
			s.Related, ok = r.strs()
		case "ambiguous":
			s.Ambiguous, ok = r.strs()
		case "veto":
			s.Veto, ok = r.strs()
		case "case_sensitive":
			s.CaseSensitive, ok = r.strs()
		}
		return ok
	})
}

// object reads an object, calling field after each key and its colon to
// read the value.
func (r *fileReader) object(field func(key string) bool) bool {
	if !r.next('{') {
		return false
	}
	if r.next('}') {
		return true
	}
	for {
		k, ok := r.str()
		if !ok || !r.next(':') || !field(k) {
			return false
		}
		if r.next('}') {
			return true
		}
		if !r.next(',') {
			return false
		}
	}
}

// strs reads a list of strings; [] is an empty list, not nil, as
// json.Unmarshal has it. The list is gathered on the stack and allocated
// once at its length.
func (r *fileReader) strs() ([]string, bool) {
	if !r.next('[') {
		return nil, false
	}
	var buf [16]string
	got := buf[:0]
	if !r.next(']') {
		for {
			s, ok := r.str()
			if !ok {
				return nil, false
			}
			got = append(got, s)
			if r.next(']') {
				break
			}
			if !r.next(',') {
				return nil, false
			}
		}
	}
	return append(make([]string, 0, len(got)), got...), true
}

// str reads a string. One with escapes or bytes that are not UTF-8 is
// decoded by json.Unmarshal (which unescapes it, or turns bad bytes into
// U+FFFD); others are substrings of r.s.
func (r *fileReader) str() (string, bool) {
	r.space()
	if r.i >= len(r.s) || r.s[r.i] != '"' {
		return "", false
	}
	start := r.i + 1
	escaped, high := false, false
	for j := start; j < len(r.s); j++ {
		switch c := r.s[j]; {
		case c == '"':
			r.i = j + 1
			if !escaped && (!high || utf8.ValidString(r.s[start:j])) {
				return r.s[start:j], true
			}
			var out string
			if json.Unmarshal([]byte(r.s[start-1:j+1]), &out) != nil {
				return "", false
			}
			return out, true
		case c == '\\':
			escaped = true
			j++ // the escaped byte cannot end the string
		case c < 0x20:
			return "", false
		case c >= 0x80:
			high = true
		}
	}
	return "", false
}

// next skips white space and reads the byte c, if it comes next.
func (r *fileReader) next(c byte) bool {
	r.space()
	if r.i < len(r.s) && r.s[r.i] == c {
		r.i++
		return true
	}
	return false
}

func (r *fileReader) space() {
	for r.i < len(r.s) {
		switch r.s[r.i] {
		case ' ', '\t', '\n', '\r':
			r.i++
		default:
			return
		}
	}
}
