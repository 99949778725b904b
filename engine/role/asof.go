package role

import "github.com/skillmatch/skillmatch/engine"

// As-of dates. A profile counts a job that runs to "Present" up to its own
// as-of date (engine.Resume.AsOf, the day it was parsed). Ranked later, the
// same job has gone on: CountTo and RankOptions.AsOf count it to the
// ranking's date instead, from the stored figures alone (no text is
// re-read). A skill used in a current job gains the months between the two
// dates and stays current; any other skill keeps its months and was last
// used that much longer ago; total experience grows like a current skill.
// That is exactly what parsing the resume again on the later date gives,
// except for a job whose written end date falls after the profile's as-of
// date (an expected end, "– Jun 2027"): the profile saw it as current and
// keeps counting it past that end. Months are never taken back: a date
// before the profile's own leaves it as it is.

// CountTo returns r with its months, recency and total experience counted
// to the date asOf ("YYYY-MM-DD" or "YYYY-MM") instead of r.AsOf, as the
// package's "As-of dates" describe, and AsOf set to asOf. r itself is not
// modified (changed skills and positions are copies). When asOf is not a
// date, or falls in r's as-of month or before it, r is returned unchanged.
func CountTo(r engine.Resume, asOf string) engine.Resume {
	to, from := monthIndex(asOf), monthIndex(r.AsOf)
	if to < 0 || from < 0 || to <= from {
		return r
	}
	out := countTo(r, to)
	out.AsOf = asOf
	return out
}

// countTo is CountTo by month index; the result's AsOf is the first day of
// month to. r must have a valid AsOf before month to. Each skill's facts
// are counted forward by laterFacts, then written back as dates.
func countTo(r engine.Resume, to int) engine.Resume {
	from := monthIndex(r.AsOf)
	if from < 0 || to <= from {
		return r
	}
	d := to - from
	r.AsOf = engine.Month(to).String() + "-01"
	r.TotalMonths = totalLater(&r, d)
	if hasCurrentJob(&r) {
		r.Positions = append([]engine.Position(nil), r.Positions...)
		for i := range r.Positions {
			if r.Positions[i].Current {
				r.Positions[i].Months += d
			}
		}
	}
	copied := false
	var last, own *string // the new month and the profile's, shared
	for i := range r.Skills {
		s := &r.Skills[i]
		months, ago := skillFacts(s, from)
		laterMonths, laterAgo := laterFacts(months, ago, d, s.Current)
		grew := s.Current && laterMonths != months
		// last used after the profile's own date (no parsed profile says
		// so): laterFacts counts from that date, as the Ranker does
		late := !s.Current && laterAgo >= 0 && to-laterAgo != monthIndex(*s.LastUsed)
		if !grew && !late {
			continue
		}
		if !copied {
			r.Skills = append([]engine.Skill(nil), r.Skills...)
			s = &r.Skills[i]
			copied = true
		}
		if late {
			if own == nil {
				o := engine.Month(to - laterAgo).String()
				own = &o
			}
			s.LastUsed = own
			continue
		}
		if last == nil {
			l := engine.Month(to).String()
			last = &l
		}
		grown := laterMonths
		s.Months, s.LastUsed = &grown, last
	}
	return r
}

// laterFacts is the one rule of the package's "As-of dates", for a skill's
// months and months since last use (skillFacts; -1 when unknown) counted d
// months later: a current skill's known months grow by d and it stays in
// use; any other skill's known months since last use grow by d. CountTo,
// the Ranker's postings and its moves to another month all count with it.
func laterFacts(months, ago, d int, current bool) (int, int) {
	switch {
	case current && months >= 0:
		months += d
	case !current && ago >= 0:
		ago += d
	}
	return months, ago
}

// totalLater is r's total months of experience counted d months later: it
// grows like a current skill when one of r's positions is current.
func totalLater(r *engine.Resume, d int) int {
	if hasCurrentJob(r) {
		return max(r.TotalMonths, 0) + d
	}
	return r.TotalMonths
}

// TotalMonths returns candidate id's total months of experience counted to
// the date asOf ("YYYY-MM-DD" or "YYYY-MM") as CountTo counts it, and false
// for an id the ranker does not hold.
func (k *Ranker) TotalMonths(id, asOf string) (int, bool) {
	k.mu.RLock()
	defer k.mu.RUnlock()
	s, ok := k.slot[id]
	if !ok {
		return 0, false
	}
	r := &k.resumes[s]
	to, from := monthIndex(asOf), monthIndex(r.AsOf)
	if to < 0 || from < 0 || to <= from {
		return r.TotalMonths, true
	}
	return totalLater(r, to-from), true
}

// hasCurrentJob reports whether one of r's positions runs to its as-of date.
func hasCurrentJob(r *engine.Resume) bool {
	for i := range r.Positions {
		if r.Positions[i].Current {
			return true
		}
	}
	return false
}

// countedMonth is the month a profile with as-of month own is counted to
// when a ranking asks for month want (-1: each profile's own): never
// before its own.
func countedMonth(want, own int) int {
	if want < 0 || own < 0 {
		return own
	}
	return max(want, own)
}

// postingAt is candidate slot s's posting for skill sk of a profile with
// as-of month own, counted to month at (countedMonth).
func postingAt(s uint32, sk *engine.Skill, own, at int) posting {
	months, ago := skillFacts(sk, own)
	months, ago = laterFacts(months, ago, at-own, sk.Current)
	p := posting{cand: s, months: clamp16(months), ago: clamp16(ago)}
	if sk.Current {
		p.ago = agoCurrent
	}
	return p
}

// totalOf is r's total months of experience counted to the ranker's month.
func (k *Ranker) totalOf(r *engine.Resume) int32 {
	own := monthIndex(r.AsOf)
	return int32(max(totalLater(r, countedMonth(k.month, own)-own), 0))
}

// rlockAt read-locks the ranker with its postings counted to month (-1:
// each profile's own), moving them there first if need be.
func (k *Ranker) rlockAt(month int) {
	if month < 0 {
		month = -1
	}
	for {
		k.mu.RLock()
		if k.month == month {
			return
		}
		k.mu.RUnlock()
		k.mu.Lock()
		if k.month != month {
			k.countAllTo(month)
		}
		k.mu.Unlock()
	}
}

// countAllTo moves every posting and total from the ranker's month to
// month, in place: a candidate whose counted month moves by d months has
// each current skill's months and every other known months-since-last-use
// shifted by d, which is what postingAt gives at the new month. The caller
// holds the write lock.
func (k *Ranker) countAllTo(month int) {
	shift := make([]int32, len(k.ids))
	for s := range k.ids {
		if !k.alive[s] {
			continue
		}
		r := &k.resumes[s]
		own := monthIndex(r.AsOf)
		shift[s] = int32(countedMonth(month, own) - countedMonth(k.month, own))
	}
	k.month = month
	for s := range k.ids {
		if k.alive[s] && shift[s] != 0 {
			k.total[s] = k.totalOf(&k.resumes[s])
		}
	}
	k.maxMonths, k.maxAgo = 0, 0
	for _, list := range k.postings {
		for i := range list {
			p := &list[i]
			if d := int(shift[p.cand]); d != 0 {
				current := p.ago == agoCurrent
				months, ago := laterFacts(int(p.months), int(p.ago), d, current)
				if current {
					p.months = clamp16(months)
				} else {
					p.ago = clamp16(ago)
				}
			}
			k.maxMonths, k.maxAgo = max(k.maxMonths, p.months), max(k.maxAgo, p.ago)
		}
	}
}
