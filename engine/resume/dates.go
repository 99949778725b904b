package resume

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/skillmatch/skillmatch/engine"
)

// month is a calendar month as a single integer, year*12 + (month-1), so
// that month arithmetic is integer arithmetic.
//
// Month arithmetic used throughout this package: an interval of months is
// inclusive at both ends, so "Jan 2020 – Dec 2020" is 12 months and
// "March 2018 – March 2018" is 1 month. Experience is a set of months; the
// total and per-skill figures are the sizes of unions of such intervals, so
// overlapping jobs are counted once and gaps are not counted.
type month int

func monthOf(year, m int) month { return month(year*12 + m - 1) }

func monthOfTime(t time.Time) month { return monthOf(t.Year(), int(t.Month())) }

func (m month) year() int { return int(m) / 12 }

// String formats m as "YYYY-MM" (engine.Month's format).
func (m month) String() string { return engine.Month(m).String() }

// interval is an inclusive run of months [start, end].
type interval struct{ start, end month }

func (iv interval) months() int {
	if iv.end < iv.start {
		return 0
	}
	return int(iv.end-iv.start) + 1
}

// unionMonths is the number of distinct months covered by the intervals.
func unionMonths(ivs []interval) int {
	s := make([]interval, 0, len(ivs))
	for _, iv := range ivs {
		if iv.end >= iv.start {
			s = append(s, iv)
		}
	}
	sort.Slice(s, func(i, j int) bool { return s[i].start < s[j].start })
	n := 0
	for i := 0; i < len(s); {
		cur := s[i]
		for i++; i < len(s) && s[i].start <= cur.end+1; i++ {
			cur.end = max(cur.end, s[i].end)
		}
		n += cur.months()
	}
	return n
}

// dateRange is a span of employment as written: "March 2018 – Present",
// "2019–2021", "Jan '22 – Mar '23". Start and end are resolved against the
// as-of month by resolve.
type dateRange struct {
	start, end         month
	startYearOnly      bool // the start was a year alone ("2019")
	endYearOnly        bool
	present            bool // the end was "Present", "now", "Current"…
	single             bool // one date, no range ("2018", "June 2019")
	text               string
	startByte, endByte int // where the range is in the line
}

var monthNames = map[string]int{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
	"october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

const (
	reMonthName = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`
	reYear      = `(?:19[5-9]\d|20\d\d)`
	reDay       = `(?:[0-3]?\d(?:st|nd|rd|th)?)`
	// a point in time: "March 2018", "12 March 2018", "March 12, 2018",
	// "Jan '22", "03/2018", "2018-03", "2018"
	rePoint = `(?:` +
		`(?:` + reDay + `[\s\-/.]+)?` + reMonthName + `(?:\s+` + reDay + `)?[,\s\-/.]*(?:` + reYear + `|['’‘]\d\d)` +
		`|(?:0?[1-9]|1[0-2])\s*[/.\-]\s*` + reYear +
		`|` + reYear + `[/.\-](?:0[1-9]|1[0-2])` +
		`|` + reYear + `)`
	rePresent = `(?:present|current(?:ly)?|now|today|ongoing|still|to\s+date|till\s+(?:the\s+)?date|till\s+now|till\s+today|up\s*to\s+date|date|onwards?)`
	reSep     = `\s*(?:-{1,2}|–|—|−|－|~|to\s+till|to|till|until|through|thru)\s*`
)

var (
	rangeRe = regexp.MustCompile(`(?i)(?:^|[^\p{L}\d])((?:from\s+|since\s+)?(` + rePoint + `)(?:` + reSep + `(` + rePoint + `|` + rePresent + `)|\s+(onwards?|till\s+date|to\s+date))?)(?:$|[^\p{L}\d])`)
	yearRe  = regexp.MustCompile(reYear)
	twoYear = regexp.MustCompile(`['’‘](\d\d)$`)
	numMY   = regexp.MustCompile(`^(\d{1,2})\s*[/.\-]\s*(\d{4})$`)
	numYM   = regexp.MustCompile(`^(\d{4})[/.\-](\d{1,2})$`)
)

// parsePoint reads one date as written. It reports whether only a year was
// given.
func parsePoint(s string) (m month, yearOnly, ok bool) {
	s = strings.TrimSpace(strings.ToLower(s))
	if g := numMY.FindStringSubmatch(s); g != nil {
		mo, _ := strconv.Atoi(g[1])
		y, _ := strconv.Atoi(g[2])
		return monthOf(y, mo), false, mo >= 1 && mo <= 12
	}
	if g := numYM.FindStringSubmatch(s); g != nil {
		y, _ := strconv.Atoi(g[1])
		mo, _ := strconv.Atoi(g[2])
		return monthOf(y, mo), false, mo >= 1 && mo <= 12
	}
	if len(s) == 4 {
		if y, err := strconv.Atoi(s); err == nil {
			return monthOf(y, 1), true, true
		}
	}
	// a month name and a year, possibly with a day
	mo := 0
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '.' || r == '\t' || r == '-' || r == '/' }) {
		if n, ok := monthNames[w]; ok {
			mo = n
			break
		}
	}
	if mo == 0 {
		return 0, false, false
	}
	if g := twoYear.FindStringSubmatch(s); g != nil {
		yy, _ := strconv.Atoi(g[1])
		// '22 is 2022; '98 is 1998: a two-digit year more than a few years
		// ahead of any plausible as-of date belongs to the last century.
		y := 2000 + yy
		if yy > 50 {
			y = 1900 + yy
		}
		return monthOf(y, mo), false, true
	}
	ys := yearRe.FindAllString(s, -1)
	if len(ys) == 0 {
		return 0, false, false
	}
	y, _ := strconv.Atoi(ys[len(ys)-1])
	return monthOf(y, mo), false, true
}

// findDateRanges returns the employment date ranges written on a line, in
// order. A lone date ("2018", "June 2019") counts as a single-date range.
func findDateRanges(line string) []dateRange {
	if strings.IndexAny(line, "0123456789") < 0 {
		return nil // every date has a digit; most lines have none
	}
	var out []dateRange
	for _, loc := range rangeRe.FindAllStringSubmatchIndex(line, -1) {
		d := dateRange{text: line[loc[2]:loc[3]], startByte: loc[2], endByte: loc[3]}
		var ok bool
		d.start, d.startYearOnly, ok = parsePoint(line[loc[4]:loc[5]])
		if !ok {
			continue
		}
		switch {
		case loc[6] >= 0:
			endText := line[loc[6]:loc[7]]
			if e, yo, ok := parsePoint(endText); ok {
				d.end, d.endYearOnly = e, yo
			} else {
				d.present = true
			}
		case loc[8] >= 0: // "2019 onwards"
			d.present = true
		case loc[4] > loc[2]: // "since May 2018", "from Nov 2018": to the as-of date
			d.present = true
		default:
			d.single = true
			d.end, d.endYearOnly = d.start, d.startYearOnly
		}
		out = append(out, d)
	}
	return out
}

// resolve turns a written range into an interval of months, given the as-of
// month. It applies the package's conventions:
//
//   - "Present" (now, current, to date…) is the as-of month;
//   - a year alone, in a range, stands for the middle of that year: July as a
//     start, June as an end, so "2019–2021" is Jul 2019–Jun 2021, 24 months,
//     the two years a careful reader would count;
//   - a single year alone ("2018", or "2018 – 2018") is that whole year,
//     Jan–Dec, 12 months;
//     a single month ("June 2019") is 1 month;
//   - the interval is clipped at the as-of month: experience after the as-of
//     date does not exist yet. A position that ends on or after the as-of month
//     is current; one that starts after it has 0 months and is not current.
//     A range that ends before it starts resolves to ok=false.
func (d dateRange) resolve(asOf month) (iv interval, current, ok bool) {
	start, end := d.start, d.end
	switch {
	case d.single && d.startYearOnly:
		start, end = monthOf(d.start.year(), 1), monthOf(d.start.year(), 12)
	case d.single:
	case d.startYearOnly && d.endYearOnly && d.start.year() == d.end.year(): // "2019 – 2019"
		start, end = monthOf(d.start.year(), 1), monthOf(d.start.year(), 12)
	default:
		if d.startYearOnly {
			start = monthOf(d.start.year(), 7)
		}
		if d.present {
			end = asOf
		} else if d.endYearOnly {
			end = monthOf(d.end.year(), 6)
			if end < start { // "Sep 2019 – 2019"
				end = monthOf(d.end.year(), 12)
			}
		}
	}
	if start > asOf {
		return interval{start, start - 1}, false, true // not started yet: 0 months
	}
	if end < start {
		return interval{}, false, false
	}
	if end >= asOf {
		end, current = asOf, true
	}
	return interval{start, end}, current, true
}
