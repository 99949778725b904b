package taxonomy

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestExtractTechnical: a text known to be technical is its own context
// for ambiguous names, while vetoes and proper-noun rules still hold.
func TestExtractTechnical(t *testing.T) {
	tax := Default()
	for _, tt := range []struct {
		text             string
		plain, technical []string
	}{
		{"Go Platform Engineer", nil, []string{"go"}},
		{"C Programmer", nil, []string{"c"}},
		{"Python Backend Developer", []string{"python"}, []string{"python"}},
		{"R Developer", []string{"r"}, []string{"r"}},
		{"R&D Engineer", nil, nil},
		{"Head Chef", nil, nil},
		{"Registered Nurse", []string{"registered-nurse"}, []string{"registered-nurse"}},
	} {
		ids := func(ms []Mention) []string {
			var out []string
			for _, m := range ms {
				out = append(out, m.SkillID)
			}
			return out
		}
		if diff := cmp.Diff(tt.plain, ids(tax.Extract(tt.text))); diff != "" {
			t.Errorf("Extract(%q) (-want +got):\n%s", tt.text, diff)
		}
		if diff := cmp.Diff(tt.technical, ids(tax.ExtractTechnical(tt.text))); diff != "" {
			t.Errorf("ExtractTechnical(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}

// TestProductRules: an ambiguous product name heading a company's name is
// the company, and a framework's name in a long keyword list needs an
// engineering name close by; the product vetoes read from the corpus hold.
// Each trap row fails without its rule, each positive row when it widens.
func TestProductRules(t *testing.T) {
	tax := Default()
	for _, tt := range []struct {
		text string
		want []string
	}{
		// a company word after the name (companyName)
		{"Clients: Codank Software, Checkpoint Technologies, Lowes", nil},
		{"Sorg Opera Company - Business Manager", nil},
		{"Java developer at Oracle Corp.", []string{"java"}},
		// a list of clients (clientList)
		{"Worked for these clients: Codank Software, Security Guard Exchange, Lowes", nil},
		{"CLIENTS: Elkay Manufacturing, Spitfire Spark Plugs, Ironbridge Software", nil},
		{"Tools: Exchange, Outlook, Active Directory", []string{"microsoft-exchange", "outlook", "active-directory"}},
		{"Firewalls: Checkpoint, Palo Alto, Fortinet", []string{"firewalls", "check-point", "fortinet"}},
		{"Front desk: Opera, Micros, Excel", []string{"front-office", "opera-pms", "micros", "excel"}},
		// a long keyword list (crowded): Express among accounting words,
		// with QuickBooks and Excel on the line, is no framework
		{"Public Accounting, Express, QuickBooks, reporting, Sales, supervision, tax, payroll, budgets, billing, invoices, Excel, filing",
			[]string{"accounting", "quickbooks", "leadership", "payroll", "budgeting", "excel", "file-management"}},
		{"Node.js, Express, MongoDB, React, Redux, HTML, CSS, Git, Jira, Jenkins, Docker, Linux, AWS",
			[]string{"nodejs", "express", "mongodb", "react", "redux", "html", "css", "git", "jira", "jenkins", "docker", "linux", "aws"}},
		{"Backend: Node, Express and MongoDB", []string{"nodejs", "express", "mongodb"}},
		// a practice too: networking in an HR keyword list is the soft kind
		{"Excel, Microsoft Office, customer service, event coordination, HRIS, human resources, social media management, leadership skills, networking, strong organizational skills, press releases, promotion, public relations",
			[]string{"excel", "microsoft-office", "customer-service", "event-planning", "hris", "hr-management", "social-media-marketing", "leadership", "organizational-skills", "public-relations", "public-relations"}},
		{"Active Directory, DHCP, DNS, Cisco, networking, firewalls, backups, printers, laptops, desktops, imaging, VPN, TCP/IP",
			[]string{"active-directory", "dhcp", "dns", "cisco", "networking", "firewalls", "disaster-recovery", "vpn", "tcp-ip"}},
		{"Proficient with mainstream social networking sites.", nil},
		{"Leadership qualities, team networking and courage", []string{"leadership"}},
		// product vetoes (curated.yaml) and a library named after its vendor
		{"Quark Express, Quattro Pro", []string{"quarkxpress", "corel-quattropro"}}, // Quattro Pro in another spelling (spellings.go)
		{"IP Routing; IPsec; DHCP; Remote Access", []string{"networking", "vpn", "dhcp"}},
		{"Ion Exchange and Affinity chromatography", []string{"chromatography"}},
		{"Seagate Barracuda 2 Tb SATA drive", nil},
		{"Apache POI, Selenium, TestNG", []string{"apache-poi", "selenium", "testng"}},
		// AWS the welding society and GCP good clinical practice (curated
		// context and vetoes); the cloud platforms beside their products
		{"AWS Certified Welding Inspector (CWI)", []string{"welding"}},
		{"AWS D1.1 structural welding", []string{"welding"}},
		{"ICH/GCP guidelines and GMP", []string{"gmp"}},
		{"Deployed on AWS using EC2 and S3", []string{"aws", "aws-ec2", "aws-s3"}},
		{"Python, NLP, GCP.", []string{"python", "nlp", "gcp"}},
		// product acronyms that are other things (curated vetoes)
		{"GAAS/SAS No. 99", nil},
		{"Used SAS to analyze sales", []string{"sas"}},
		{"Configuring NIM Master and NFS on AIX", []string{"aix"}},
		{"RAC Western Australia", nil},
		{"Oracle 11gR2 RAC on Linux", []string{"oracle", "oracle-rac", "linux"}},
		// a platform on a line about operating systems (osLine)
		{"Operating System: Windows, Mac.", []string{"windows"}},
		{"Replaced broken windows and doors", nil},
		// a sentence wrapped onto the next line (wrappedSupport)
		{"Made requests to the API server and tested Restful API\nusing Postman.", []string{"rest-api", "postman"}},
		{"Wrote Java services.\nusing Postman daily", []string{"java"}},
		{"Sales lead for the office\nusing Postman daily", nil},
	} {
		if diff := cmp.Diff(tt.want, mentionIDs(tax, tt.text)); diff != "" {
			t.Errorf("Extract(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}
