package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
)

// curatedSkill is one entry of curated.yaml; the field names are those of the
// embedded JSON and of a user's overlay file.
type curatedSkill struct {
	ID        string   `yaml:"id" json:"id"`
	Name      string   `yaml:"name" json:"name"`
	Category  string   `yaml:"category" json:"category"`
	Aliases   []string `yaml:"aliases" json:"aliases,omitempty"`
	Implies   []string `yaml:"implies" json:"implies,omitempty"`
	Related   []string `yaml:"related" json:"related,omitempty"`
	Context   string   `yaml:"context" json:"context,omitempty"`
	Ambiguous []string `yaml:"ambiguous" json:"ambiguous,omitempty"`
	Veto      []string `yaml:"veto" json:"veto,omitempty"`
	Case      []string `yaml:"case_sensitive" json:"case_sensitive,omitempty"`
}

type curatedFile struct {
	Exclude     []string          `yaml:"exclude"`
	CommonWords []string          `yaml:"common_words"`
	Merged      map[string]string `yaml:"merged"`    // retired id → the id that keeps the skill
	Tags        map[string]string `yaml:"tags"`      // Stack Overflow tag → display name, imported as a skill
	ONETTail    []string          `yaml:"onet_tail"` // O*NET long-tail examples of other occupation groups, picked by hand
	Skills      []curatedSkill    `yaml:"skills"`
}

func readCurated(path string) (curatedFile, error) {
	var f curatedFile
	data, err := os.ReadFile(path)
	if err != nil {
		return f, err
	}
	if err := yaml.UnmarshalWithOptions(data, &f, yaml.Strict()); err != nil {
		return f, fmt.Errorf("%s: %v", path, err)
	}
	return f, nil
}

// readEnglishWords returns the words that occur in lower case in plain English
// prose — the O*NET occupation descriptions and the ESCO skill descriptions —
// so a word seen there in lower case is a common word ("design", "spring",
// "login") rather than a product name, plus the curated list of common words.
func readEnglishWords(onetPath, escoPath string, extra []string) (map[string]bool, error) {
	words := map[string]bool{}
	for _, path := range []string{onetPath, escoPath} {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		for _, line := range strings.Split(string(data), "\n") {
			fields := strings.Split(line, "\t")
			for k, f := range fields {
				// O*NET occupation titles ("Graphic Designers", "Chefs and
				// Head Cooks") are everyday nouns even though capitalised.
				title := path == onetPath && k == 1
				for _, w := range strings.FieldsFunc(f, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') }) {
					if title {
						w = strings.ToLower(w)
					}
					if w == strings.ToLower(w) && len(w) > 1 {
						words[w] = true
						if strings.HasSuffix(w, "s") {
							words[strings.TrimSuffix(w, "s")] = true
						}
					}
				}
			}
		}
	}
	for _, w := range extra {
		words[strings.ToLower(w)] = true
	}
	return words, nil
}

func readCSV(path string, comma rune) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = comma
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var rows [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		rows = append(rows, rec)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: empty", path)
	}
	return rows[1:], nil
}

// readTags returns Stack Overflow tag → question count.
func readTags(paths ...string) (map[string]int, error) {
	tags := map[string]int{}
	for _, path := range paths {
		rows, err := readCSV(path, ',')
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if len(r) < 3 {
				continue
			}
			n, err := strconv.Atoi(r[2])
			if err != nil {
				continue
			}
			tags[r[1]] = max(tags[r[1]], n)
		}
	}
	return tags, nil
}

type synonym struct{ from, to string }

func readSynonyms(path string) ([]synonym, error) {
	rows, err := readCSV(path, ',')
	if err != nil {
		return nil, err
	}
	var out []synonym
	for _, r := range rows {
		if len(r) >= 3 {
			out = append(out, synonym{r[1], r[2]})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].to != out[j].to {
			return out[i].to < out[j].to
		}
		return out[i].from < out[j].from
	})
	return out, nil
}

type language struct {
	Name    string
	Type    string   `json:"type"`
	Aliases []string `json:"aliases"`
}

func readLinguist(path string) ([]language, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m map[string]language
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	var out []language
	for name, l := range m {
		l.Name = name
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// onetTool is one O*NET technology example with the number of occupations
// that use it and, when one occupation alone uses it, that occupation's SOC
// major group ("15" for computer and mathematical occupations).
type onetTool struct {
	Example     string
	Occupations int
	Hot         bool
	Group       string
}

func readONET(path string) ([]onetTool, error) {
	rows, err := readCSV(path, '\t')
	if err != nil {
		return nil, err
	}
	occ := map[string]map[string]bool{}
	hot := map[string]bool{}
	for _, r := range rows {
		if len(r) < 5 {
			continue
		}
		if occ[r[1]] == nil {
			occ[r[1]] = map[string]bool{}
		}
		occ[r[1]][r[0]] = true
		if r[4] == "Y" {
			hot[r[1]] = true
		}
	}
	var out []onetTool
	for ex, o := range occ {
		t := onetTool{Example: ex, Occupations: len(o), Hot: hot[ex]}
		if len(o) == 1 {
			for code := range o {
				t.Group, _, _ = strings.Cut(code, "-")
			}
		}
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Example < out[j].Example })
	return out, nil
}

type escoSkill struct {
	Label     string
	AltLabels []string
	Type      string
}

func readESCO(path string) ([]escoSkill, error) {
	rows, err := readCSV(path, ',')
	if err != nil {
		return nil, err
	}
	var out []escoSkill
	for _, r := range rows {
		if len(r) < 7 {
			continue
		}
		var alts []string
		for _, a := range strings.Split(r[6], "\n") {
			if a = strings.TrimSpace(a); a != "" {
				alts = append(alts, a)
			}
		}
		out = append(out, escoSkill{Label: r[2], Type: r[4], AltLabels: alts})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Label < out[j].Label })
	return out, nil
}
