package resume

import (
	"testing"
)

func TestDateRanges(t *testing.T) {
	asOf := monthOf(2024, 6)
	tests := []struct {
		line       string
		start, end string // "" when no range is found
		current    bool
		months     int
	}{
		{"March 2018 – Present", "2018-03", "2024-06", true, 76},
		{"03/2018 - now", "2018-03", "2024-06", true, 76},
		{"3/2018 – 5/2019", "2018-03", "2019-05", false, 15},
		{"2018-03 – 2019-05", "2018-03", "2019-05", false, 15},
		{"2019–2021", "2019-07", "2021-06", false, 24},
		{"2019 - 2021", "2019-07", "2021-06", false, 24},
		{"2019-2021", "2019-07", "2021-06", false, 24},
		{"Jan '22 – Mar '23", "2022-01", "2023-03", false, 15},
		{"Sept. 2019 – Dec. 2021", "2019-09", "2021-12", false, 28},
		{"Aug 2007 to Current", "2007-08", "2024-06", true, 203},
		{"(2020–present)", "2020-07", "2024-06", true, 48},
		{"Acme Corp (2020 — Present)", "2020-07", "2024-06", true, 48},
		{"2018", "2018-01", "2018-12", false, 12},
		{"2018 – 2018", "2018-01", "2018-12", false, 12},
		{"June 2019", "2019-06", "2019-06", false, 1},
		{"Jan 2020 – Dec 2020", "2020-01", "2020-12", false, 12},
		{"12 March 2018 - 3 April 2019", "2018-03", "2019-04", false, 14},
		{"Since MAY 2018 to TILL DATE", "2018-05", "2024-06", true, 74},
		{"Duration: January 2017 to Till Date", "2017-01", "2024-06", true, 90},
		{"2021 onwards", "2021-07", "2024-06", true, 36},
		{"May 2013 to May 2017", "2013-05", "2017-05", false, 49},
		{"2016 – Jan 2019", "2016-07", "2019-01", false, 31},
		{"Sep 2019 – 2019", "2019-09", "2019-12", false, 4},
		{"Finance Director , 01/2013 － Current Company Name", "2013-01", "2024-06", true, 138},
		{"FEB 2018 to Still", "2018-02", "2024-06", true, 77},
		{"(16th Jan 2017 to till 30th Aug 2018)", "2017-01", "2018-08", false, 20},
		{"Licensed Advocate in practice from 16-Aug-2012", "2012-08", "2024-06", true, 143},
		{"a Lecturer in Shubhankan Fine Arts College Indore from Nov 2018.", "2018-11", "2024-06", true, 68},
		{"DURATION.: From 1st jan 2018", "2018-01", "2024-06", true, 78},
		// an end after the as-of date is clipped to it: experience after the
		// as-of date does not exist yet
		{"Jan 2024 – Dec 2025", "2024-01", "2024-06", true, 6},
		// a start after the as-of date: no months at all
		{"Jan 2025 – Present", "2025-01", "2024-12", false, 0},
		{"no dates here", "", "", false, 0},
	}
	for _, tt := range tests {
		ds := findDateRanges(tt.line)
		var got dateRange
		found := len(ds) > 0
		if found {
			got = ds[0]
		}
		if tt.start == "" {
			if found {
				t.Errorf("findDateRanges(%q) = %q, want none", tt.line, got.text)
			}
			continue
		}
		if !found {
			t.Errorf("findDateRanges(%q) found nothing, want %s – %s", tt.line, tt.start, tt.end)
			continue
		}
		iv, cur, ok := got.resolve(asOf)
		if !ok {
			t.Errorf("resolve(%q) failed", tt.line)
			continue
		}
		if iv.start.String() != tt.start || iv.end.String() != tt.end || cur != tt.current || iv.months() != tt.months {
			t.Errorf("%q = %s – %s current=%v months=%d, want %s – %s current=%v months=%d",
				tt.line, iv.start, iv.end, cur, iv.months(), tt.start, tt.end, tt.current, tt.months)
		}
	}
}

func TestUnionMonths(t *testing.T) {
	tests := []struct {
		name string
		ivs  []interval
		want int
	}{
		{"one year", []interval{{monthOf(2020, 1), monthOf(2020, 12)}}, 12},
		{"overlap merged", []interval{{monthOf(2019, 1), monthOf(2020, 6)}, {monthOf(2020, 1), monthOf(2020, 12)}}, 24},
		{"gap not counted", []interval{{monthOf(2018, 1), monthOf(2018, 6)}, {monthOf(2020, 1), monthOf(2020, 6)}}, 12},
		{"inside", []interval{{monthOf(2015, 1), monthOf(2024, 12)}, {monthOf(2016, 1), monthOf(2016, 12)}}, 120},
		{"empty interval", []interval{{monthOf(2025, 1), monthOf(2024, 12)}}, 0},
	}
	for _, tt := range tests {
		if got := unionMonths(tt.ivs); got != tt.want {
			t.Errorf("%s: unionMonths = %d, want %d", tt.name, got, tt.want)
		}
	}
}

// A date inside a sentence of a job's description is not a job.
func TestAnchorDate(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Senior Engineer — Acme Ltd, Leeds    March 2019 – Present", true},
		{"2019 – 2021", true},
		{"Intern, Lagos State Statistics Office", false},
		{"Working Student at Uni Berlin IT Services (2015)", true},
		{"- Migrated 40 services from Windows Server 2012 to Linux in 2019 and 2020.", false},
		{"Reduced build times by half in 2019 by caching dependencies and splitting the test suite.", false},
		{"(Career break: caring for family, 2020 - 2022)", false},
		{"Operating systems: Windows 9x/2000/XP/Vista.", false},
		{"Director, New Product Research, Global Oral Healthcare R&D 01/2011 to Current Company Name City , State Responsibilities Include: Developing and implementing the research strategy for new products.", true},
		{"Led the migration of forty services from 2015 to 2017 and trained the support team on the new runbooks.", false},
	}
	for _, tt := range tests {
		if _, got := anchorDate(tt.line); got != tt.want {
			t.Errorf("anchorDate(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}
