package api

import (
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/skillmatch/skillmatch/engine"
)

// skillView is one skill offered to the web UI's autocomplete.
type skillView struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Category string `json:"category"`
}

// suggestSkills answers the web UI's autocomplete: skills whose name or an
// alias starts with q (then contains it), exact matches first.
func (s *server) suggestSkills(c *gin.Context) {
	limit, err := intParam(c, "limit", 10, 1, 50)
	if err != nil {
		s.fail(c, err)
		return
	}
	q := strings.ToLower(strings.TrimSpace(c.Query("q")))
	type hit struct {
		rank int
		v    skillView
	}
	var hits []hit
	for _, sk := range s.cfg.Taxonomy.Skills() {
		best := -1
		for _, n := range append([]string{sk.Name, sk.ID}, sk.Aliases...) {
			n = strings.ToLower(n)
			r := -1
			switch {
			case q == "":
				r = 3
			case n == q:
				r = 0
			case strings.HasPrefix(n, q):
				r = 1
			case strings.Contains(n, q):
				r = 2
			}
			if r >= 0 && (best < 0 || r < best) {
				best = r
			}
		}
		if best >= 0 {
			hits = append(hits, hit{best, skillView{sk.ID, sk.Name, sk.Category}})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].rank != hits[j].rank {
			return hits[i].rank < hits[j].rank
		}
		return len(hits[i].v.Name) < len(hits[j].v.Name)
	})
	out := make([]skillView, 0, min(limit, len(hits)))
	for _, h := range hits[:min(limit, len(hits))] {
		out = append(out, h.v)
	}
	c.JSON(http.StatusOK, gin.H{"skills": out})
}

// unknownSkill is the error for a skill name the taxonomy does not know,
// with a suggestion when the taxonomy has a close one.
func (s *server) unknownSkill(name string) error {
	if alt, ok := s.cfg.Taxonomy.Suggest(name); ok {
		return fmt.Errorf("unknown skill; did you mean %s?: %w", alt, engine.ErrInvalid)
	}
	return fmt.Errorf("unknown skill: %w", engine.ErrInvalid)
}
