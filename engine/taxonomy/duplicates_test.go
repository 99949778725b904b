package taxonomy

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/skillmatch/skillmatch/engine"
)

// vendorPrefixes are company names that products carry or drop ("Microsoft
// Excel" / "Excel", "Apache Groovy" / "Groovy").
var vendorPrefixes = []string{"microsoft", "ms", "apache", "adobe", "oracle", "ibm", "google", "amazon", "aws", "autodesk",
	"intuit", "sap", "atlassian", "novell", "cisco", "apple", "the", "jetbrains", "salesforce", "red hat", "vmware",
	"hp", "hewlett packard", "dell", "symantec", "mcafee", "citrix", "corel", "esri", "sybase", "bmc", "mozilla",
	"hashicorp", "elastic", "juniper", "tibco", "sas", "progress", "infor", "epicor", "sage", "ca",
	"embarcadero", "mathworks", "microfocus", "micro focus", "microsoft office", "apple iwork", "adobe photoshop",
	"qlik tech", "salesforce com", "statacorp", "sun microsystems", "tenable", "unity technologies",
	"unreal technology", "wolfram research", "on center", "trimble gps"}

// looseKey lower-cases a name and drops punctuation other than + and #, so
// "Node.js", "NodeJS"-like spacing and "object-oriented design" / "object
// oriented design" compare alike.
func looseKey(s string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(s) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '#' || c == ' ':
			b.WriteRune(c)
		case c == '-' || c == '/' || c == '_' || c == '.' || c == ',' || c == '(' || c == ')':
			b.WriteRune(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// squash is looseKey without spaces and a ".js" ending: "Power Point" and
// "PowerPoint", "mocha.js" and "Mocha" compare alike.
func squash(s string) string {
	k := strings.ReplaceAll(looseKey(s), " ", "")
	if t := strings.TrimSuffix(k, "js"); len(t) > 2 {
		return t
	}
	return k
}

func isCapitals(w string) bool {
	if len(w) < 2 || len(w) > 6 {
		return false
	}
	letters := 0
	for _, c := range w {
		switch {
		case c >= 'A' && c <= 'Z':
			letters++
		case c >= '0' && c <= '9':
		default:
			return false
		}
	}
	return letters >= 2
}

// nameVariants returns the keys under which a name could be written for the
// same skill: itself, without a vendor prefix, without a generic tail
// ("software"), without an appended acronym ("File transfer protocol FTP"),
// and that acronym alone when it is the initials of the words before it.
func nameVariants(n string) []string {
	out := []string{looseKey(n), squash(n)}
	w := strings.Fields(n)
	for len(w) > 1 {
		l := strings.ToLower(w[len(w)-1])
		if l != "software" && l != "system" && l != "systems" && l != "suite" {
			break
		}
		w = w[:len(w)-1]
		out = append(out, looseKey(strings.Join(w, " ")))
	}
	if k := len(w); k > 1 && isCapitals(w[k-1]) {
		rest := strings.Join(w[:k-1], " ")
		var initials strings.Builder
		for _, x := range strings.FieldsFunc(rest, func(r rune) bool { return r == ' ' || r == '-' }) {
			if l := strings.ToLower(x); l != "and" && l != "of" && l != "for" && l != "the" {
				initials.WriteString(strings.ToUpper(x[:1]))
			}
		}
		if initials.String() == w[k-1] { // "AWS EC2" is no acronym appended
			out = append(out, looseKey(rest), looseKey(w[k-1]))
		}
	}
	k := looseKey(n)
	for _, v := range vendorPrefixes {
		if rest, ok := strings.CutPrefix(k, v+" "); ok && len(rest) > 2 {
			out = append(out, rest)
		}
	}
	return out
}

// distinctSkills lists pairs the duplicate check finds that are different
// skills, each with why.
var distinctSkills = map[[2]string]string{
	{"data-analysis", "electronic-design-automation-eda"}: "EDA: exploratory data analysis vs electronic design automation",
	{"financial-analysis", "fpa"}:                         "FP&A (planning and analysis) vs FPA, a software product",
	{"cisco", "ios"}:                                      "Cisco IOS vs Apple's iOS",
	{"aws", "web-services"}:                               "Amazon Web Services vs web services",
	{"crm", "dynamics-crm"}:                               "MS CRM is a CRM product, not CRM",
	{"crm", "salesforce"}:                                 "Salesforce CRM is a CRM product",
	{"erp", "sap"}:                                        "SAP ERP is an ERP product",
	{"sql", "sql-server"}:                                 "MS-SQL is a database, SQL the language",
	{"oracle-database", "sql"}:                            "Oracle SQL names the database",
	{"database-administration", "oracle-database"}:        "Oracle RDBMS names the database",
	{"accounting", "sage-accounting"}:                     "a product vs the practice",
	{"ibm-middleware", "middleware"}:                      "IBM's middleware products (WebSphere, MQ) vs middleware in general",
	{"data-management", "sas-data-management"}:            "a product vs the practice",
	{"oracle-database", "relational-databases"}:           "Oracle Relational Database is one of them",
	{"sas", "statistics"}:                                 "SAS (Statistical Analysis Software) is a product",
	{"ca-service-desk", "technical-support"}:              "a product vs the practice",
	{"firewalls", "juniper-networks"}:                     "Juniper's firewalls are one of its products",
	{"antivirus", "symantec-endpoint-protection"}:         "a product vs the practice",
	{"amazon-emr", "ehr"}:                                 "Amazon EMR (Elastic MapReduce) vs electronic medical records",
	{"business-intelligence", "oracle-business-intelligence-enterprise-edition"}: "a product vs the practice",
	{"swift", "swift-payments"}:                               "the SWIFT payment network vs the Swift language",
	{"angular", "angularjs"}:                                  "Angular (2+) vs AngularJS (1.x)",
	{"derivatives", "wolfram-research-derivatives"}:           "a Mathematica add-on vs the financial products",
	{"unit-testing", "unittest"}:                              "Python's unittest framework vs the practice",
	{"pms", "property-management"}:                            "the software vs the practice",
	{"property-management", "property-management-system-pms"}: "the software vs the practice",
	// O*NET long-tail products (session 4) beside the practice they serve
	{"adobe-elearning", "instructional-design"}:              "Adobe's eLearning Suite vs e-learning design",
	{"infor-supply-chain-management", "supply-chain"}:        "a product vs the practice",
	{"epicor-erp", "erp"}:                                    "Epicor's ERP is an ERP product",
	{"inventory-management", "oracle-inventory"}:             "an Oracle E-Business module vs the practice",
	{"data-management", "oracle-master-data-management-mdm"}: "a product vs the practice",
	{"data-management", "sap-master-data-management"}:        "a product vs the practice",
	{"sap-scm", "supply-chain"}:                              "a product vs the practice",
	{"human-capital-management", "sap-hr"}:                   "SAP HCM is an SAP module, HCM the practice",
}

// TestNoDuplicateSkills fails when two skills of the embedded taxonomy are one
// thing under two ids: a name or alias of one, written the loose way
// (punctuation and case aside), without a vendor prefix, a generic tail or
// an appended acronym, or as that acronym alone, is a name or alias of the
// other. Fix a real duplicate with curated.yaml's merged map (or by moving
// names between curated skills); list a false alarm in distinctSkills.
func TestNoDuplicateSkills(t *testing.T) {
	tax := Default()
	owner := map[string][]string{} // loose name → ids that have it
	for _, s := range tax.Skills() {
		for _, n := range append([]string{s.Name}, s.Aliases...) {
			for _, k := range []string{looseKey(n), squash(n)} {
				if ids := owner[k]; len(ids) == 0 || ids[len(ids)-1] != s.ID {
					owner[k] = append(owner[k], s.ID)
				}
			}
		}
	}
	found := map[[2]string]string{}
	for _, s := range tax.Skills() {
		for _, n := range append([]string{s.Name}, s.Aliases...) {
			for _, v := range nameVariants(n) {
				for _, other := range owner[v] {
					if other == s.ID {
						continue
					}
					pair := [2]string{s.ID, other}
					if pair[0] > pair[1] {
						pair[0], pair[1] = pair[1], pair[0]
					}
					if _, ok := found[pair]; !ok {
						o, _ := tax.Get(other)
						found[pair] = fmt.Sprintf("%s %q ~ %s %q", s.ID, n, other, closest(o, v))
					}
				}
			}
		}
	}
	var bad []string
	for pair, why := range found {
		if _, ok := distinctSkills[pair]; !ok {
			bad = append(bad, why)
		}
	}
	sort.Strings(bad)
	if len(bad) > 0 {
		t.Errorf("%d pairs of skills look like one skill under two ids:\n%s", len(bad), strings.Join(bad, "\n"))
	}
	for pair := range distinctSkills {
		if _, ok := found[pair]; !ok {
			t.Errorf("distinctSkills lists %v, which the check no longer finds: remove it", pair)
		}
	}
}

func closest(s Skill, key string) string {
	for _, n := range append([]string{s.Name}, s.Aliases...) {
		if looseKey(n) == key {
			return n
		}
	}
	return s.Name
}

// TestMergedIDsResolve checks that ids retired by a merge still name their
// skill — in the embedded taxonomy, after a user's overlay, and in a file of
// one's own — and that a merge to an unknown id is refused.
func TestMergedIDsResolve(t *testing.T) {
	tax := Default()
	for _, tc := range []struct{ retired, keeper string }{
		{"file-transfer-protocol-ftp", "ftp"},
		{"geographic-information-system-gis", "gis"},
		{"apache-groovy", "groovy"},
		{"ibm-aix", "aix"},
		{"esri-arcgis", "arcgis"},
		{"border-gateway-protocol", "bgp"},
	} {
		if _, live := tax.byID[tc.retired]; live {
			t.Errorf("%s is still a skill of its own", tc.retired)
		}
		s, ok := tax.Get(tc.retired)
		if !ok || s.ID != tc.keeper {
			t.Errorf("Get(%q) = %q, %v; want %q", tc.retired, s.ID, ok, tc.keeper)
		}
		if got := tax.Canonical(tc.retired); got != tc.keeper {
			t.Errorf("Canonical(%q) = %q, want %q", tc.retired, got, tc.keeper)
		}
		if s, ok := tax.Lookup(tc.retired); !ok || s.ID != tc.keeper {
			t.Errorf("Lookup(%q) = %q, %v; want %q", tc.retired, s.ID, ok, tc.keeper)
		}
	}
	if got := tax.Canonical("python"); got != "python" {
		t.Errorf("Canonical(python) = %q", got)
	}
	if got := tax.Canonical("no-such-skill"); got != "no-such-skill" {
		t.Errorf("Canonical(no-such-skill) = %q", got)
	}
	// The merged names are the keeper's now: extraction finds them under it.
	var ids []string
	for _, m := range tax.Extract("Set up file transfer protocol servers and a Geographic information system.") {
		ids = append(ids, m.SkillID)
	}
	if diff := cmp.Diff([]string{"ftp", "gis"}, ids); diff != "" {
		t.Errorf("extracted ids (-want +got):\n%s", diff)
	}

	over, err := LoadOverlay(tax, strings.NewReader("skills:\n  - {id: acme-erp, name: Acme ERP, category: software}\n"), "acme.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := over.Get("file-transfer-protocol-ftp"); !ok || s.ID != "ftp" {
		t.Errorf("after an overlay, Get(file-transfer-protocol-ftp) = %q, %v", s.ID, ok)
	}
	// An overlay may bring the retired id back as a skill of its own: it wins.
	over, err = LoadOverlay(tax, strings.NewReader("skills:\n  - {id: apache-groovy, name: Apache Groovy 5, category: language}\n"), "g.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := over.Get("apache-groovy"); s.ID != "apache-groovy" || over.Canonical("apache-groovy") != "apache-groovy" {
		t.Errorf("an overlay's own apache-groovy resolves to %q", s.ID)
	}

	_, err = New(File{Skills: []Skill{{ID: "a", Name: "A", Category: "tool"}}, Merged: map[string]string{"b": "c"}})
	if !errors.Is(err, engine.ErrInvalid) {
		t.Errorf("a merge to an unknown id: err = %v, want ErrInvalid", err)
	}
}
