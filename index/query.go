package index

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/skillmatch/skillmatch/engine"
)

// The search language, parsed here into an AST and built into bleve queries
// in code (search.go) — user text is never handed to bleve's query-string
// parser.
//
//	query   = or
//	or      = and { "OR" and }
//	and     = unary { ["AND"] unary }          juxtaposition means AND
//	unary   = ("NOT" | "-") unary | primary
//	primary = "(" or ")" | PHRASE | WORD [months] | "skill:" NAME [months]
//	        | "total_months" CMP NUMBER
//	months  = "months" CMP NUMBER               months of the preceding skill
//	        | ["with" | "of"] NUMBER["+"] YEARS  at least 12×NUMBER months
//	CMP     = ">=" | ">" | "<=" | "<" | "="
//	YEARS   = "years" | "year" | "yrs" | "yr"
//
// AND, OR and NOT are operators in any case. A WORD is full text; when the
// skill resolver knows it, it also matches candidates with that skill.
// `python months>=36` requires python with at least 36 months of dated
// experience; a skill without dated experience never satisfies it. The
// way recruiters write it, `python with 3+ years` (or `python 3 years`,
// `skill:go of 2+ yrs`), means the same as `python months>=36`: "N years"
// and "N+ years" are both a minimum. Only right after a known skill; "with",
// numbers and "years" anywhere else stay ordinary words.

// Limits that keep hostile queries cheap. Exceeding one is engine.ErrInvalid.
const (
	maxQueryBytes = 2000
	maxQueryTerms = 100
	maxQueryDepth = 20
	maxMonths     = maxMonthsTerm
)

// Node is a parsed query.
type Node interface{ node() }

type (
	// AndNode matches what all Children match.
	AndNode struct{ Children []Node }
	// OrNode matches what any child matches.
	OrNode struct{ Children []Node }
	// NotNode matches what Child does not.
	NotNode struct{ Child Node }
	// TextNode is a word or a "phrase" of the resume text. SkillID is set
	// when the word names a known skill.
	TextNode struct {
		Text    string
		Phrase  bool
		SkillID string
	}
	// SkillNode requires a skill; with Op set, also its months (Op Months).
	SkillNode struct {
		ID     string
		Op     string
		Months int
	}
	// TotalNode compares total months of experience.
	TotalNode struct {
		Op     string
		Months int
	}
)

func (AndNode) node()   {}
func (OrNode) node()    {}
func (NotNode) node()   {}
func (TextNode) node()  {}
func (SkillNode) node() {}
func (TotalNode) node() {}

type tokKind int

const (
	tEOF tokKind = iota
	tLParen
	tRParen
	tAnd
	tOr
	tNot
	tWord
	tPhrase
	tSkill
	tMonths // months CMP NUMBER
	tTotal  // total_months CMP NUMBER
)

type token struct {
	kind tokKind
	text string // word, phrase, skill name, or comparison operator
	n    int    // number of a comparison
	pos  int    // 1-based rune position in the query
}

func (t token) String() string {
	switch t.kind {
	case tEOF:
		return "end of query"
	case tLParen:
		return "'('"
	case tRParen:
		return "')'"
	case tAnd:
		return "AND"
	case tOr:
		return "OR"
	case tNot:
		return "NOT"
	case tPhrase:
		return strconv.Quote(t.text)
	case tSkill:
		return "skill:" + t.text
	case tMonths:
		return "months" + t.text + strconv.Itoa(t.n)
	case tTotal:
		return "total_months" + t.text + strconv.Itoa(t.n)
	}
	return strconv.Quote(t.text)
}

func invalidf(pos int, format string, args ...any) error {
	return fmt.Errorf("query: %s at position %d: %w", fmt.Sprintf(format, args...), pos, engine.ErrInvalid)
}

// lex splits a query into tokens.
func lex(q string) ([]token, error) {
	if len(q) > maxQueryBytes {
		return nil, fmt.Errorf("query: %d bytes, at most %d: %w", len(q), maxQueryBytes, engine.ErrInvalid)
	}
	if !utf8.ValidString(q) {
		i := 0
		for i < len(q) {
			r, size := utf8.DecodeRuneInString(q[i:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			i += size
		}
		return nil, invalidf(utf8.RuneCountInString(q[:i])+1, "invalid UTF-8")
	}
	rs := []rune(q)
	var toks []token
	i := 0
	for i < len(rs) {
		r := rs[i]
		pos := i + 1
		switch {
		case unicode.IsSpace(r) || unicode.IsControl(r):
			i++
			continue
		case r == '(':
			toks = append(toks, token{kind: tLParen, pos: pos})
			i++
		case r == ')':
			toks = append(toks, token{kind: tRParen, pos: pos})
			i++
		case r == '"':
			text, next, err := lexPhrase(rs, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{kind: tPhrase, text: text, pos: pos})
			i = next
		case r == '-':
			if i+1 >= len(rs) || isBreak(rs[i+1]) && rs[i+1] != '(' && rs[i+1] != '"' {
				return nil, invalidf(pos, "'-' must be followed by a term")
			}
			toks = append(toks, token{kind: tNot, pos: pos})
			i++
		default:
			tok, next, err := lexWord(rs, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, tok)
			i = next
		}
		if len(toks) > maxQueryTerms {
			return nil, invalidf(pos, "more than %d terms", maxQueryTerms)
		}
	}
	return append(toks, token{kind: tEOF, pos: len(rs) + 1}), nil
}

func isBreak(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || r == '(' || r == ')' || r == '"'
}

// lexPhrase reads a quoted phrase starting at rs[i] == '"'.
func lexPhrase(rs []rune, i int) (string, int, error) {
	j := i + 1
	for j < len(rs) && rs[j] != '"' {
		j++
	}
	if j >= len(rs) {
		return "", 0, invalidf(i+1, "unterminated phrase")
	}
	text := strings.TrimSpace(string(rs[i+1 : j]))
	if text == "" {
		return "", 0, invalidf(i+1, "empty phrase")
	}
	return text, j + 1, nil
}

func lexWord(rs []rune, i int) (token, int, error) {
	pos := i + 1
	j := i
	for j < len(rs) && !isBreak(rs[j]) {
		j++
	}
	word := string(rs[i:j])
	lower := strings.ToLower(word)
	switch lower {
	case "and":
		return token{kind: tAnd, pos: pos}, j, nil
	case "or":
		return token{kind: tOr, pos: pos}, j, nil
	case "not":
		return token{kind: tNot, pos: pos}, j, nil
	}
	for _, f := range []struct {
		name string
		kind tokKind
	}{{"total_months", tTotal}, {"months", tMonths}} {
		rest, ok := strings.CutPrefix(lower, f.name)
		if !ok || rest != "" && !strings.ContainsRune("<>=", rune(rest[0])) {
			continue
		}
		k := i + utf8.RuneCountInString(f.name)
		op, n, next, found, err := lexComparison(rs, k)
		if err != nil {
			return token{}, 0, err
		}
		if found {
			return token{kind: f.kind, text: op, n: n, pos: pos}, next, nil
		}
	}
	if name, ok := strings.CutPrefix(lower, "skill:"); ok {
		if name == "" && j < len(rs) && rs[j] == '"' {
			text, next, err := lexPhrase(rs, j)
			if err != nil {
				return token{}, 0, err
			}
			return token{kind: tSkill, text: text, pos: pos}, next, nil
		}
		if name == "" {
			return token{}, 0, invalidf(pos, "skill: needs a skill name")
		}
		return token{kind: tSkill, text: string(rs[i+len("skill:") : j]), pos: pos}, j, nil
	}
	return token{kind: tWord, text: word, pos: pos}, j, nil
}

// lexComparison reads "CMP NUMBER" (spaces allowed around CMP) at rs[k]. It
// reports found=false, leaving the word ordinary, when no operator follows.
func lexComparison(rs []rune, k int) (op string, n, next int, found bool, err error) {
	skip := func() {
		for k < len(rs) && rs[k] == ' ' {
			k++
		}
	}
	skip()
	start := k
	for k < len(rs) && strings.ContainsRune("<>=", rs[k]) {
		k++
	}
	op = string(rs[start:k])
	switch op {
	case "":
		return "", 0, 0, false, nil
	case ">=", ">", "<=", "<", "=":
	default:
		return "", 0, 0, false, invalidf(start+1, "unknown comparison %q (use >=, >, <=, < or =)", op)
	}
	skip()
	numStart := k
	for k < len(rs) && '0' <= rs[k] && rs[k] <= '9' {
		k++
	}
	if k == numStart {
		return "", 0, 0, false, invalidf(numStart+1, "%s needs a whole number of months", op)
	}
	if k < len(rs) && !isBreak(rs[k]) {
		return "", 0, 0, false, invalidf(k+1, "unexpected %q after a number of months", rs[k])
	}
	digits := string(rs[numStart:k])
	n, convErr := strconv.Atoi(digits)
	if convErr != nil || n > maxMonths {
		return "", 0, 0, false, invalidf(numStart+1, "months must be at most %d", maxMonths)
	}
	return op, n, k, true, nil
}

// ParseQuery parses a search query. resolve maps a skill name, id or alias
// to a taxonomy id; nil uses the lower-cased name. An empty query parses to
// nil (match everything). Syntax errors, unknown skill: names and exceeded
// limits are engine.ErrInvalid, with the position (1-based, in characters)
// in the message.
func ParseQuery(q string, resolve func(string) (string, bool)) (Node, error) {
	toks, err := lex(q)
	if err != nil {
		return nil, err
	}
	if resolve == nil {
		resolve = func(name string) (string, bool) { return strings.ToLower(name), true }
	}
	p := &parser{toks: toks, resolve: resolve}
	if p.peek().kind == tEOF {
		return nil, nil
	}
	n, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		if t.kind == tRParen {
			return nil, invalidf(t.pos, "unmatched ')'")
		}
		return nil, invalidf(t.pos, "unexpected %s", t)
	}
	return n, nil
}

type parser struct {
	toks    []token
	i       int
	depth   int
	resolve func(string) (string, bool)
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) parseOr() (Node, error) {
	first, err := p.parseAnd()
	if err != nil {
		return nil, err
	}
	children := []Node{first}
	for p.peek().kind == tOr {
		p.next()
		n, err := p.parseAnd()
		if err != nil {
			return nil, err
		}
		children = append(children, n)
	}
	if len(children) == 1 {
		return first, nil
	}
	return OrNode{Children: children}, nil
}

func (p *parser) parseAnd() (Node, error) {
	var children []Node
	for {
		t := p.peek()
		if t.kind == tEOF || t.kind == tRParen || t.kind == tOr {
			break
		}
		if t.kind == tAnd {
			if len(children) == 0 {
				return nil, invalidf(t.pos, "AND needs a term before it")
			}
			p.next()
			if k := p.peek().kind; k == tEOF || k == tRParen || k == tOr || k == tAnd {
				return nil, invalidf(p.peek().pos, "AND needs a term after it, found %s", p.peek())
			}
			continue
		}
		n, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		children = append(children, n)
	}
	switch len(children) {
	case 0:
		t := p.peek()
		return nil, invalidf(t.pos, "expected a term, found %s", t)
	case 1:
		return children[0], nil
	}
	return AndNode{Children: children}, nil
}

func (p *parser) parseUnary() (Node, error) {
	if p.peek().kind == tNot {
		t := p.next()
		if err := p.enter(t.pos); err != nil {
			return nil, err
		}
		defer p.leave()
		if k := p.peek().kind; k == tEOF || k == tRParen || k == tOr || k == tAnd {
			return nil, invalidf(t.pos, "NOT needs a term after it")
		}
		child, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		return NotNode{Child: child}, nil
	}
	return p.parsePrimary()
}

func (p *parser) enter(pos int) error {
	p.depth++
	if p.depth > maxQueryDepth {
		return invalidf(pos, "nested more than %d levels deep", maxQueryDepth)
	}
	return nil
}

func (p *parser) leave() { p.depth-- }

func (p *parser) parsePrimary() (Node, error) {
	t := p.next()
	switch t.kind {
	case tLParen:
		if err := p.enter(t.pos); err != nil {
			return nil, err
		}
		defer p.leave()
		if p.peek().kind == tRParen {
			return nil, invalidf(t.pos, "empty parentheses")
		}
		n, err := p.parseOr()
		if err != nil {
			return nil, err
		}
		if c := p.next(); c.kind != tRParen {
			return nil, invalidf(t.pos, "'(' is never closed")
		}
		return n, nil
	case tPhrase:
		return TextNode{Text: t.text, Phrase: true}, nil
	case tWord:
		id, ok := p.resolve(t.text)
		if !ok || id == "" {
			if m := p.peek(); m.kind == tMonths {
				return nil, invalidf(m.pos, "%s must follow a known skill; %q is not one", m, t.text)
			}
			return TextNode{Text: t.text}, nil
		}
		n := SkillNode{ID: id}
		if ok, err := p.skillCondition(&n); err != nil {
			return nil, err
		} else if ok {
			return n, nil
		}
		return TextNode{Text: t.text, SkillID: id}, nil
	case tSkill:
		id, ok := p.resolve(t.text)
		if !ok {
			return nil, invalidf(t.pos, "unknown skill %q", t.text)
		}
		n := SkillNode{ID: id}
		if _, err := p.skillCondition(&n); err != nil {
			return nil, err
		}
		return n, nil
	case tTotal:
		return TotalNode{Op: t.text, Months: t.n}, nil
	case tMonths:
		return nil, invalidf(t.pos, "%s must follow a skill, as in `python %s`", t, t)
	case tRParen:
		return nil, invalidf(t.pos, "unmatched ')'")
	case tEOF:
		return nil, invalidf(t.pos, "query ends where a term was expected")
	}
	return nil, invalidf(t.pos, "unexpected %s", t)
}

// skillCondition reads the condition that may follow a known skill into n:
// a recruiter's years (a minimum, see yearsSuffix) or a months condition.
// It reports whether one was there.
func (p *parser) skillCondition(n *SkillNode) (bool, error) {
	if months, ok, err := p.yearsSuffix(); err != nil || ok {
		n.Op, n.Months = ">=", months
		return ok, err
	}
	if p.peek().kind == tMonths {
		m := p.next()
		n.Op, n.Months = m.text, m.n
		return true, nil
	}
	return false, nil
}

// yearsSuffix reads a recruiter's "[with|of] N[+] years" after a skill and
// consumes it, returning 12×N months. It consumes nothing and reports false
// when the next words are anything else (`python with django`, `python 3`).
// N years over the months limit is engine.ErrInvalid.
func (p *parser) yearsSuffix() (months int, ok bool, err error) {
	j := p.i
	word := func(k int) (token, bool) {
		if k < len(p.toks) && p.toks[k].kind == tWord {
			return p.toks[k], true
		}
		return token{}, false
	}
	if t, isWord := word(j); isWord {
		if f := strings.ToLower(t.text); f == "with" || f == "of" {
			j++
		}
	}
	num, isWord := word(j)
	if !isWord {
		return 0, false, nil
	}
	digits, unit := splitYears(num.text)
	if digits == "" {
		return 0, false, nil
	}
	end := j + 1
	if unit == "" {
		u, isWord := word(end)
		if !isWord || !isYears(strings.ToLower(u.text)) {
			return 0, false, nil
		}
		end++
	}
	n, convErr := strconv.Atoi(digits)
	if convErr != nil || n*12 > maxMonths {
		return 0, false, invalidf(num.pos, "%s years is more than %d months", digits, maxMonths)
	}
	p.i = end
	return n * 12, true, nil
}

// splitYears splits "3", "3+", "3+years" or "3yrs" into its digits and a
// years word ("" when none is attached). digits is "" when w is not of that
// form.
func splitYears(w string) (digits, unit string) {
	k := 0
	for k < len(w) && '0' <= w[k] && w[k] <= '9' {
		k++
	}
	if k == 0 || k > 4 {
		return "", ""
	}
	digits, rest := w[:k], strings.TrimPrefix(w[k:], "+")
	if rest == "" {
		return digits, ""
	}
	if isYears(strings.ToLower(rest)) {
		return digits, rest
	}
	return "", ""
}

func isYears(w string) bool {
	switch w {
	case "years", "year", "yrs", "yr":
		return true
	}
	return false
}
