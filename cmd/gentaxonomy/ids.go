package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"sort"
	"strings"
)

// merge folds each retired id of curated.yaml's merged map into the skill that
// keeps it: the retired skill's name, aliases and case rules become the
// keeper's aliases (names the keeper already has are skipped), edges to it
// point to the keeper, and the map is written into skills.json so that
// Taxonomy.Get still resolves the retired id. A retired id the sources no
// longer produce is fine (the generator already merged it); a keeper that is
// missing, or itself retired, is an error.
func (b *builder) merge(merged map[string]string) error {
	for _, f := range slices.Sorted(maps.Keys(merged)) {
		to := merged[f]
		if _, retired := merged[to]; retired {
			return fmt.Errorf("merged: %q → %q, which is retired too (name the final id)", f, to)
		}
		keep, ok := b.skills[to]
		if !ok {
			return fmt.Errorf("merged: %q → unknown id %q", f, to)
		}
		old, ok := b.skills[f]
		if !ok {
			continue
		}
		if b.curated[f] {
			return fmt.Errorf("merged: %q is a curated skill: move its names to %q in curated.yaml instead", f, to)
		}
		have := map[string]bool{}
		for _, n := range append([]string{keep.Name}, keep.Aliases...) {
			have[norm(n)] = true
		}
		for _, n := range append([]string{old.Name}, old.Aliases...) {
			if !have[norm(n)] {
				have[norm(n)] = true
				keep.Aliases = append(keep.Aliases, n)
			}
		}
		for _, c := range old.Case {
			if !slices.Contains(keep.Case, c) {
				keep.Case = append(keep.Case, c)
			}
		}
		sort.Strings(keep.Case)
		for n, id := range b.byName {
			if id == f {
				b.byName[n] = to
			}
		}
		delete(b.skills, f)
		for _, s := range b.skills {
			s.Implies = repoint(s.Implies, f, to, s.ID)
			s.Related = repoint(s.Related, f, to, s.ID)
		}
		b.counts["merged"]++
	}
	b.merged = merged
	return nil
}

// repoint replaces from by to in a list of edges, dropping an edge of a
// skill to itself and repeats.
func repoint(edges []string, from, to, self string) []string {
	if !slices.Contains(edges, from) {
		return edges
	}
	var out []string
	for _, e := range edges {
		if e == from {
			e = to
		}
		if e != self && !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	return out
}

// checkStableIDs fails when an id of the previous skills.json at path is
// neither a skill of the new one nor a retired id in merged: roles, stored
// profiles and labels name skills by id, so an id may move to another skill
// but never vanish. A missing previous file passes (the first run).
func checkStableIDs(path string, skills map[string]*curatedSkill, merged map[string]string) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var prev struct {
		Skills []struct {
			ID string `json:"id"`
		} `json:"skills"`
		Merged map[string]string `json:"merged"`
	}
	if err := json.Unmarshal(data, &prev); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	var lost []string
	ids := make([]string, 0, len(prev.Skills)+len(prev.Merged))
	for _, s := range prev.Skills {
		ids = append(ids, s.ID)
	}
	for id := range prev.Merged {
		ids = append(ids, id)
	}
	for _, id := range ids {
		if skills[id] == nil && merged[id] == "" {
			lost = append(lost, id)
		}
	}
	if len(lost) > 0 {
		sort.Strings(lost)
		return fmt.Errorf("%d ids of %s would vanish (name the skill that keeps each under merged: in curated.yaml, or pass -allow-lost-ids): %s",
			len(lost), path, strings.Join(lost, ", "))
	}
	return nil
}
