package index

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"

	"golang.org/x/sync/errgroup"

	"github.com/skillmatch/skillmatch/engine"
)

// ReparseStats summarise a Reparse run.
type ReparseStats struct {
	Candidates    int  // stored candidates read
	Changed       int  // candidates whose profile was rewritten
	SkillsChanged int  // of those, candidates whose set of skill ids differs
	SkillsAdded   int  // skill ids gained, over all candidates
	SkillsRemoved int  // skill ids lost, over all candidates
	Rebuilt       bool // the search index was rebuilt from SQLite
}

// reparseBatchSize is how many candidates one Reparse transaction rewrites
// (a variable so tests can interrupt a run between batches).
var reparseBatchSize = 500

// Reparse derives every stored candidate's profile again with derive (which
// is given the stored candidate: its Profile.Text, Format, File and AsOf) and
// rewrites the profiles that differ, reparseBatchSize candidates per SQLite
// transaction; ids, file names, hashes, sizes, originals and created_at never
// change. derive runs on up to GOMAXPROCS candidates at once and must be safe
// for concurrent use; an error from it stops the run (returned with the
// candidate id). progress, when not nil, is called after each batch with the
// candidates read so far and the total.
//
// The search index is then rebuilt from SQLite (Reindex). Before the first
// rewritten batch is committed the recorded mapping version is cleared, so a
// run interrupted at any point leaves every candidate either old or new in
// SQLite and the next Open rebuilds the index from them (reconcile alone
// would not: it takes an entry present in both as up to date). A second run
// with the same derive changes nothing and skips the rebuild when the index
// is known to be complete.
//
// Every candidate derived, changed or not, is recorded as read with
// Options.TaxonomyVersion (in its batch's transaction), so derive must use
// that taxonomy; after a complete run StaleCandidates is 0.
func (s *Store) Reparse(ctx context.Context, derive func(Candidate) (engine.Resume, error), progress func(done, total int)) (ReparseStats, error) {
	var st ReparseStats
	total, err := s.CountCandidates(ctx)
	if err != nil {
		return st, err
	}
	version, err := s.getMeta(ctx, metaMappingVersion)
	if err != nil {
		return st, fmt.Errorf("reparse: read mapping version: %w", err)
	}
	dirty := version != MappingVersion // an earlier run was interrupted
	after := ""
	for {
		cs, err := s.candidatePage(ctx, after, reparseBatchSize)
		if err != nil {
			return st, fmt.Errorf("reparse: %w", err)
		}
		if len(cs) == 0 {
			break
		}
		after = cs[len(cs)-1].ID
		fresh, err := deriveAll(ctx, cs, derive)
		if err != nil {
			return st, err
		}
		var upd []reparsed
		var same []string // unchanged candidates, to record the version
		for i, c := range cs {
			n := c
			n.Profile = fresh[i]
			n.Profile.File = c.File // as AddCandidates stores it
			oldJSON, err := json.Marshal(c.Profile)
			if err != nil {
				return st, fmt.Errorf("reparse: candidate %s: encode profile: %w", c.ID, err)
			}
			newJSON, err := json.Marshal(n.Profile)
			if err != nil {
				return st, fmt.Errorf("reparse: candidate %s: encode profile: %w", c.ID, err)
			}
			if bytes.Equal(oldJSON, newJSON) && c.Profile.Text == n.Profile.Text {
				same = append(same, c.ID)
				continue
			}
			upd = append(upd, reparsed{id: c.ID, profile: newJSON, text: n.Profile.Text, months: n.Profile.TotalMonths})
			st.Changed++
			added, removed := skillDiff(c, n)
			st.SkillsAdded += added
			st.SkillsRemoved += removed
			if added+removed > 0 {
				st.SkillsChanged++
			}
		}
		if len(upd) > 0 && !dirty {
			if err := s.setMeta(ctx, metaMappingVersion, ""); err != nil {
				return st, fmt.Errorf("reparse: reset mapping version: %w", err)
			}
			dirty = true
		}
		if err := s.rewriteProfiles(ctx, upd, same); err != nil {
			return st, err
		}
		st.Candidates += len(cs)
		if progress != nil {
			progress(st.Candidates, max(total, st.Candidates))
		}
		if len(cs) < reparseBatchSize {
			break
		}
	}
	if !dirty {
		return st, nil
	}
	if err := s.Reindex(ctx); err != nil {
		return st, fmt.Errorf("reparse: profiles rewritten, index not yet rebuilt (the next start or reindex rebuilds it): %w", err)
	}
	st.Rebuilt = true
	return st, nil
}

// reparsed is one profile Reparse rewrites.
type reparsed struct {
	id, text string
	profile  []byte
	months   int
}

// rewriteProfiles writes new profiles, and records the store's taxonomy
// version on them and on the unchanged candidates same, in one
// transaction. It keeps
// text_hash, the key that finds the same text uploaded again in another
// format: Reparse derives from the stored text, which it does not change
// as long as text normalisation (document.TextVersion) is the same — were
// normalisation to change, text_hash would have to be recomputed, and two
// candidates could then collide on it (the column is unique).
func (s *Store) rewriteProfiles(ctx context.Context, upd []reparsed, same []string) error {
	if len(upd) == 0 && len(same) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return translate(err, "reparse")
	}
	defer tx.Rollback()
	version := s.opts.TaxonomyVersion
	stmt, err := tx.PrepareContext(ctx, `UPDATE candidates SET profile = ?, text = ?, total_months = ?, taxonomy_version = ? WHERE id = ?`)
	if err != nil {
		return translate(err, "reparse")
	}
	defer stmt.Close()
	for _, u := range upd {
		if _, err := stmt.ExecContext(ctx, u.profile, u.text, u.months, version, u.id); err != nil {
			return translate(err, "reparse candidate "+u.id)
		}
	}
	stamp, err := tx.PrepareContext(ctx, `UPDATE candidates SET taxonomy_version = ? WHERE id = ? AND taxonomy_version IS NOT ?`)
	if err != nil {
		return translate(err, "reparse")
	}
	defer stamp.Close()
	for _, id := range same {
		if _, err := stamp.ExecContext(ctx, version, id, version); err != nil {
			return translate(err, "reparse candidate "+id)
		}
	}
	return translate(tx.Commit(), "reparse")
}

// deriveAll runs derive on cs, GOMAXPROCS at a time, keeping the order; the
// first error (or ctx ending) stops feeding it more and is returned.
func deriveAll(ctx context.Context, cs []Candidate, derive func(Candidate) (engine.Resume, error)) ([]engine.Resume, error) {
	out := make([]engine.Resume, len(cs))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, c := range cs {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() (err error) {
			if out[i], err = derive(c); err != nil {
				return fmt.Errorf("reparse: candidate %s: %w", c.ID, err)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("reparse: %w", err)
	}
	return out, nil
}

// skillDiff counts the skill ids b has and a lacks, and the reverse.
func skillDiff(a, b Candidate) (added, removed int) {
	ids := func(c Candidate) []string {
		var out []string
		for _, sk := range c.Profile.Skills {
			out = append(out, sk.ID)
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	old, cur := ids(a), ids(b)
	for _, id := range cur {
		if _, ok := slices.BinarySearch(old, id); !ok {
			added++
		}
	}
	for _, id := range old {
		if _, ok := slices.BinarySearch(cur, id); !ok {
			removed++
		}
	}
	return added, removed
}
