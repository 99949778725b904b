package taxonomy

// Paraphrases that coordinate two skills under one head: "Strategic and
// financial planning" is strategic planning and financial planning,
// "Compensation/benefits administration" compensation administration and
// benefits administration. The matcher finds the second (its name is
// written out); sharedHead reads the first from the word before the
// conjunction. The mirror form, shared first words ("accounts payable and
// receivable"), is distributed's (extract.go).

// conjunctionBefore reports whether "and", "&" or "/" may stand right
// before text[s] (one blank between at most): the cheap test that spares
// most mentions a call of sharedHead.
func conjunctionBefore(text string, s int) bool {
	return s > 4 && (text[s-1] == '/' || text[s-1] == '&' || text[s-2] == '&' || text[s-2] == '/' ||
		text[s-1] == ' ' && text[s-2]|0x20 == 'd' && text[s-3]|0x20 == 'n' && text[s-4]|0x20 == 'a')
}

// sharedHead returns the first skill of a coordinated phrase whose last
// words are shared: right before the mention cands[i], of two or more
// words, stand one word A and "and", "&" or "/", A starts no candidate of
// its own, and A followed by the mention's words but the first names a
// skill other than the mention's, with no context rule and no product
// name. The mention returned spans A. A comma is no such conjunction:
// "Quality System, and Data Analysis" is a list, not systems analysis.
func (t *Taxonomy) sharedHead(text string, cands []candidate, i int) (Mention, bool) {
	c := cands[i]
	s := c.start()
	// the mention's words but the first
	rest := s
	for rest < c.end() && wordByte[text[rest]] {
		rest++
	}
	if rest == c.end() || text[rest] != ' ' {
		return Mention{}, false
	}
	// the conjunction before the mention
	k := s
	for k > 0 && text[k-1] == ' ' {
		k--
	}
	switch {
	case k > 0 && (text[k-1] == '&' || text[k-1] == '/'):
		k--
	case k >= 4 && foldedAt(text, k-3, "and") && text[k-4] == ' ':
		k -= 3
	default:
		return Mention{}, false
	}
	for k > 0 && text[k-1] == ' ' {
		k--
	}
	// A: letters only, at least three, after a space, a line start or a sign
	e := k
	for k > 0 && (text[k-1] >= 'a' && text[k-1] <= 'z' || text[k-1] >= 'A' && text[k-1] <= 'Z') {
		k--
	}
	if e-k < 3 || k > 0 && (wordByte[text[k-1]] || text[k-1] == '-' || text[k-1] == '\'') {
		return Mention{}, false
	}
	if i > 0 && cands[i-1].end() > k {
		return Mention{}, false // A starts or ends a candidate of its own
	}
	// the name A + rest, folded as normalize folds it, in a stack buffer
	var kb [64]byte
	if e-k+c.end()-rest > len(kb) {
		return Mention{}, false
	}
	key := kb[:0]
	for x := k; x < c.end(); x++ {
		if x == e {
			x = rest
		}
		switch b := text[x]; {
		case b >= 0x80:
			return Mention{}, false // no name of a coordinated phrase is written so
		case b == ' ' || b == '\t':
			if key[len(key)-1] != ' ' {
				key = append(key, ' ')
			}
		default:
			key = append(key, lower[b])
		}
	}
	j, ok := t.byName[string(key)]
	if !ok || int32(j) == t.m.patterns[c.pat].skill || t.skills[j].Context != "" || t.skills[j].Category == "software" {
		return Mention{}, false
	}
	return Mention{SkillID: t.skills[j].ID, Start: k, End: e, Line: c.line()}, true
}
