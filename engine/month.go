package engine

import "fmt"

// Month is a calendar month as one integer, year*12 + (month-1), so that
// month arithmetic is integer arithmetic. A profile writes its months
// (Skill.LastUsed, Position.Start and End) as "YYYY-MM", and dates such as
// Resume.AsOf as "YYYY-MM-DD"; String and ParseMonth are the one format and
// parse of both.
type Month int

// String formats m as "YYYY-MM".
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", int(m)/12, int(m)%12+1) }

// ParseMonth reads the month of "YYYY-MM" or "YYYY-MM-DD" (what follows the
// month is not looked at). ok is false unless s starts with four digits, a
// dash and a month number 01–12.
func ParseMonth(s string) (m Month, ok bool) {
	if len(s) < 7 || s[4] != '-' {
		return 0, false
	}
	y, mo := 0, 0
	for _, c := range s[:4] {
		if c < '0' || c > '9' {
			return 0, false
		}
		y = y*10 + int(c-'0')
	}
	for _, c := range s[5:7] {
		if c < '0' || c > '9' {
			return 0, false
		}
		mo = mo*10 + int(c-'0')
	}
	if mo < 1 || mo > 12 {
		return 0, false
	}
	return Month(y*12 + mo - 1), true
}
