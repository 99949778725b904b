package taxonomy

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/skillmatch/skillmatch/engine"
)

// ids returns the distinct skill ids found in text, sorted.
func ids(text string) []string {
	got := extractedIDs(Default(), text)
	if got == nil {
		got = []string{}
	}
	return got
}

func TestExtractAmbiguousNames(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		// Traps: everyday uses of names that are also skills.
		{"go-to person", "I am the go-to person for database questions.", []string{}},
		{"Go-to at sentence start", "Go-to contact for payroll queries.", []string{"payroll"}},
		{"R&D", "Led R&D for the paint plant.", []string{}},
		{"Grade C", "Passed maths with Grade C.", []string{}},
		{"react quickly", "I react quickly to production issues.", []string{}},
		{"React quickly", "React quickly to guest complaints.", []string{"complaint-resolution"}},
		{"swift turnaround", "Known for a swift turnaround.", []string{}},
		{"Swift turnaround", "Swift turnaround on month-end close.", []string{"month-end-close"}},
		{"Spring 2019", "Graduated Spring 2019.", []string{}},
		{"Apache Corporation", "Java developer at Apache Corporation, Houston.", []string{"java"}},
		{"Apache beside Nginx", "Configured Apache, Nginx and HAProxy.", []string{"apache-httpd", "haproxy", "nginx"}},
		{"Spring semester", "Teaching assistant, Spring semester.", []string{"teaching"}},
		{"Shell Oil", "Cashier at Shell Oil.", []string{}},
		{"Ruby Tuesday", "Server at Ruby Tuesday, 2015–2017.", []string{}},
		{"excel at", "I excel at reconciling accounts.", []string{"account-reconciliation"}},
		{"Excel in", "Excel in fast-paced teams.", []string{}},
		{"Excel within", "Analytical skills.Excel within a competitive environment.", []string{"critical-thinking"}},
		{"Head Chef", "Head Chef at Bistro Lune.", []string{}},
		{"chef alone", "Chef, The Green Fork.", []string{}},
		{"Express delivery", "Managed Express delivery routes.", []string{}},
		{"Julia the manager", "Reported to Julia, the store manager.", []string{}},
		{"Ada compliance", "Ensured ADA compliance in the lobby.", []string{"employment-law"}},
		{"pension scheme", "Ran the pension Scheme enrolment.", []string{}},
		{"Access to files", "Access to patient files was audited.", []string{}},
		{"Puppet show", "Organised a Puppet show for pupils.", []string{}},
		{"Dart board", "Built a Dart board.", []string{}},
		{"lowercase go", "we go to market in May", []string{}},
		{"model numbers", "Maintained C-2 and SH-60 aircraft; languages: Python", []string{"aircraft-maintenance", "python"}},
		{"H&R Block", "Tax preparer at H&R Block, Excel and SQL", []string{"excel", "sql"}},
		{"electron microscopy", "Scanning Electron Microscopy, Python", []string{"python", "scanning-electron-microscopy"}},
		{"Outlook Express", "Outlook Express and Excel", []string{"excel", "outlook"}},
		{"Word embedding", "Word embedding and NLP in Python", []string{"nlp", "python", "word-embeddings"}},
		// Session 5 (T2) long-tail skills: a patient care assistant is no PCA, a
		// customer's decision no decision making; the skill itself still counts.
		{"PCA in a nursing home", "Certified PCA in a nursing home for three years.", []string{}},
		{"PCA beside Python", "PCA and t-SNE in Python", []string{"principal-component-analysis", "python"}},
		{"someone else's decision making", "Assisted guests with decision-making on the menu.", []string{}},
		{"decision making as a list item", "Budgeting, Decision making, Payroll", []string{"budgeting", "decision-making", "payroll"}},
		{"calm under pressure", "Calm under pressure in a busy ER.", []string{"working-under-pressure"}},
		{"English as a degree", "Bachelor of Arts : English, 2014", []string{}},
		{"English Language Arts", "Sixth grade English Language Arts teacher", []string{"english-language-arts"}},
		{"English spoken", "Bilingual English/Spanish.", []string{"english", "spanish"}},
		{"class attendance", "Tracked class attendance daily.", []string{}},
		{"reduced employee turnover", "Reduced employee turnover by 18%.", []string{"employee-retention"}},
		{"writing in prose", "Enjoys writing short notes to guests.", []string{}},
		{"Writing as a list item", "Budgeting, Writing, Payroll", []string{"budgeting", "payroll", "writing"}},
		{"research in prose", "Conducted research on local markets.", []string{}},
		{"Tamil Nadu", "Anna University, Chennai, Tamil Nadu", []string{}},
		{"Swedish massage", "Licensed in deep tissue and Swedish massage.", []string{}},
		{"polished glass", "Polish glass surfaces daily.", []string{}},
		{"languages known", "Languages Known: Tamil, Marathi, Polish", []string{"marathi", "polish", "tamil"}},
		{"Business Development is no tech cue", "Ada, Business Development, Sales", []string{"business-development"}},
		{"list item next to prose", "Reported to Julia, the store manager.\nExcel", []string{"excel"}},
		{"sentence next to a skills line", "Graduated in the Spring.\nJava, SQL", []string{"java", "sql"}},
		{"ADA in HR tools", "Skills: ADP, FMLA, ADA, Ada, benefits administration", []string{"adp", "compensation-and-benefits", "employment-law"}},
		{"SAP R/3", "SAP R/3, SQL", []string{"sap", "sql"}},
		{"trade in a company name", "Accounts officer, Southbank Plumbing Pty Ltd", []string{}},
		{"trade as a skill", "Coordinated plumbing and HVAC trades", []string{"hvac", "plumbing"}},
		{"team name", "Reports for the merchandising team", []string{}},
		{"Julia Roberts", "Publicity for actress Julia Roberts; reviewed scripts.", []string{}},
		{"name in capitals above a skills line", "JULIA CHEN\nPython, SQL", []string{"python", "sql"}},
		{"Access Hollywood", "Appeared on Access Hollywood Live; Excel reports", []string{"excel"}},
		{"Data Access Layers", "Business and Data Access Layers in C#", []string{"c-sharp"}},
		{"Ada in a title-case keyword list", "Training, Ada, Employee Relations, Fmla, Project Planning", []string{"employee-relations", "employment-law", "project-management"}},
		{"ML as author initials", "Lee ML, Park JH, Smith A. Deep learning for chest X-rays (2019).", []string{"deep-learning"}},
		{"ML initials without a year", "Lee ML, Park JH. Radiology and Python.", []string{"python"}},
		{"world Premiere", "Attended the world Premiere of the film.", []string{}},
		{"Publisher of a newspaper", "Publisher of the school newspaper.", []string{}},
		{"stock Exchange", "Traded on the stock Exchange; ran the foreign Exchange desk.", []string{"foreign-exchange"}}, // Microsoft Exchange neither time; the desk is foreign exchange
		{"Flash photography", "Flash photography and flash drives", []string{"photography"}},
		{"Toad of Toad Hall", "Toad of Toad Hall, a play, 2009", []string{}},
		{"advertising fees", "Reconciled advertising fees and advertising revenue.", []string{}},
		{"telecommunications expenses", "Paid Telecommunications expenses.", []string{}},
		{"weather forecasts", "Weather bot that posts daily forecasts.", []string{}},
		{"company named Logistics", "Backend engineer at Brightpath Logistics, Leeds", []string{}},
		{"Web developer title", "Web Developer, Bluebonnet Agency", []string{}},
		{"Aurora's Institute", "B.Tech, Aurora's Scientific and Technological Institute; Python", []string{"python"}},
		{"staffing levels", "Analysed hospital staffing levels and productivity.", []string{}},
		{"acronym defined as something else", "Checked contact resistance meter (CRM) readings and insulation resistance (IR).", []string{}},
		{"acronym defined once, used later", "Used a contact resistance meter (CRM).\n2. Contact Resistance (CRM) test.\nCRM readings logged", []string{}},
		{"name with a middle initial", "Julia M. Chen\nPython, SQL", []string{"python", "sql"}},
		{"first name alone heading the text", "Julia\nPython, SQL, Java", []string{"java", "python", "sql"}},
		{"Oracle the vendor", "Oracle Financials and SAP for month-end close; Oracle, Java", []string{"java", "month-end-close", "oracle", "oracle-e-business", "sap"}},
		{"Prolog the construction software", "Skills\n- Prolog experience\n- Works well independently", []string{}},
		{"Prolog Manager", "Submittals and RFIs in Prolog Manager", []string{"prolog-construction-software", "submittals"}},
		{"sentence ending before Net", "Cut costs by 8%. Net income rose.", []string{}},
		{"Peachtree Street", "Office at 1100 Peachtree Street, Atlanta; QuickBooks", []string{"quickbooks"}},
		{"sales and marketing teams", "Conferred with sales and marketing teams weekly.", []string{}},
		{"ionic bonds", "Studied Ionic bonds and covalent bonds.", []string{}},
		{"Sourcing the company", "Recruiter, Sourcing Services International, Dallas", []string{}},
		{"PLC the company", "They are a UK PLC with offices in Leeds.", []string{}},
		{"B2C the market", "Built a B2B/B2C e-commerce portal in Java.", []string{"e-commerce", "java"}},
		{"stray C in a keyword list", "Photoshop, billing, C, Cashier", []string{"photoshop"}},
		{"automated teller machine", "Serviced the automated teller machine and fortune teller booth.", []string{}},
		{"C in a citation", "Wu, C.-H., Sharma, M. M. 2016. Effect of Perforation", []string{}},
		{"SEI the trust system", "Trust accounts in SEI Trust 3000 and FileNet", []string{"ibm-filenet-content-manager"}},
		// Technical context: the same names count.
		{"Oracle among databases", "Databases: Oracle, MS-SQL, MS-Access", []string{"microsoft-access", "oracle-database", "sql-server"}},
		{"Oracle beside MySQL", "MySQL, Oracle and MongoDB", []string{"mongodb", "mysql", "oracle-database"}},
		{"Julia in a list below a heading", "Languages\nJulia\nPython", []string{"julia", "python"}},
		{"acronym defined as its skill", "Customer Relationship Management (CRM) and Search Engine Optimization (SEO)", []string{"crm", "seo"}},
		{"acronym in brackets after a list", "Sales tools (CRM)", []string{"crm"}},
		{"Aurora beside MySQL", "MySQL and Aurora on AWS", []string{"aws", "aws-rds", "mysql"}},
		{"staffing as recruiting", "Temporary staffing and recruiting for clinics", []string{"recruiting"}},
		{"Premiere beside Adobe tools", "Photoshop, Premiere, After Effects", []string{"after-effects", "photoshop", "premiere-pro"}},
		{"Publisher in an Office list", "Word, Publisher, Excel", []string{"excel", "microsoft-publisher", "microsoft-word"}},
		{"Exchange beside Active Directory", "Active Directory, Exchange and SMTP", []string{"active-directory", "microsoft-exchange", "smtp"}},
		{"Flash beside Dreamweaver", "Dreamweaver, Flash, HTML", []string{"adobe-dreamweaver", "adobe-flash", "html"}},
		{"Toad for PL/SQL", "PL/SQL in Toad", []string{"plsql", "toad"}},
		{"advertising campaigns", "Ran print and online advertising campaigns.", []string{"advertising"}},
		{"Telecommunications in a tech list", "Telecommunications, VoIP, MPLS", []string{"mpls", "telecommunications", "voice-over-internet-protocol-voip"}},
		{"Julia beside Python", "Julia and Python for simulations", []string{"julia", "python", "simulation"}},
		{"Prolog among languages", "Languages: Prolog, Lisp", []string{"lisp", "prolog"}},
		{"tokenised . Net", "Advanced understanding of . Net and SQL", []string{"dotnet", "sql"}},
		{"Peachtree beside QuickBooks", "QuickBooks, Peachtree and Excel", []string{"excel", "peachtree", "quickbooks"}},
		{"sales and marketing", "Led sales and marketing for a 3-store chain.", []string{"sales"}},
		{"Ionic apps", "Mobile apps in Ionic and Angular", []string{"angular", "ionic"}},
		{"sourcing candidates", "Sourcing on LinkedIn for nursing roles.", []string{"sourcing"}},
		{"PLC the controller", "Programmed the PLC for the packaging line.", []string{"programmable-logic-controller-plc"}},
		{"B2C brands", "Eight years in B2C brands and retail.", []string{"b2c-sales"}},
		{"C beside C++", "Device drivers in C and C++ on Linux", []string{"c", "cpp", "linux"}},
		{"teller the job", "Teller II, First Bank; filed SARs and CTRs", []string{"anti-money-laundering", "bank-teller"}},
		{"SEI the endorsement", "Endorsements: SEI, ESL", []string{"esl", "sheltered-english-immersion"}},
		{"Julia Programming", "Julia Programming, Python", []string{"julia", "python"}},
		{"Access Database", "Access Database, Excel", []string{"excel", "microsoft-access"}},
		{"Ada beside languages", "Ada, C and Fortran for avionics", []string{"ada", "avionics", "c", "fortran"}},
		{"Applied ML", "Applied ML, Python, NLP", []string{"machine-learning", "nlp", "python"}},
		{"ML engineer", "Senior ML engineer, Python", []string{"machine-learning", "python"}},
		{"Go, Rust and C", "Languages: Go, Rust and C", []string{"c", "go", "rust"}},
		{"Go Rust C without cue", "Go, Rust and C", []string{"c", "go", "rust"}},
		{"churn models in R", "Built churn models in R and Python.", []string{"python", "r"}},
		{"R with tidyverse", "Churn models in R (tidyverse, caret).", []string{"caret", "r", "tidyverse"}},
		{"Node.js/Express", "REST APIs in Node.js/Express.", []string{"express", "nodejs", "rest-api"}},
		{"Python and Go", "Services in Python and Go", []string{"go", "python"}},
		{"Golang needs no context", "Golang", []string{"go"}},
		{"one skill per line", "Skills\nJava\nSpring- Experience - 12 months\nGo", []string{"go", "java", "spring"}},
		{"bulleted list", "• Python\n• Go\n• Rust", []string{"go", "python", "rust"}},
		{"Java Spring", "Java, Spring, Hibernate", []string{"hibernate", "java", "spring"}},
		{"Swift for iOS", "Swift and Objective-C for iOS apps", []string{"ios", "objective-c", "swift"}},
		{"Chef Puppet Ansible", "Chef, Puppet and Ansible", []string{"ansible", "chef", "puppet"}},
		{"React TypeScript", "Dashboards in React and TypeScript", []string{"react", "typescript"}},
		{"Shell scripts", "Shell, Perl and Python scripts", []string{"perl", "python", "shell-scripting"}},
		{"Ruby developer", "Ruby developer since 2012", []string{"ruby"}},
		{"Excel noun", "Reports in Excel and Power BI", []string{"excel", "power-bi"}},
		{"Microsoft Excel at", "Microsoft Excel at an advanced level", []string{"excel"}},
		{"Access database", "Microsoft Access and SQL", []string{"microsoft-access", "sql"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, ids(tt.text)); diff != "" {
				t.Errorf("Extract(%q) ids (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestExtractLeftmostLongestAndPunctuation(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Spring Boot", []string{"spring-boot"}},
		{"Amazon S3 and S3", []string{"aws-s3"}},
		{"Microsoft SQL Server", []string{"sql-server"}},
		{"JavaScript and TypeScript", []string{"javascript", "typescript"}},
		{"Ruby on Rails", []string{"ruby-on-rails"}},
		{"Google Cloud Platform", []string{"gcp"}},
		{"scikit-learn, sklearn", []string{"scikit-learn"}},
		{"C++, C#, .NET and ASP.NET", []string{"asp-net", "c-sharp", "cpp", "dotnet"}},
		{"CI/CD with Jenkins", []string{"ci-cd", "jenkins"}},
		{"Objective-C", []string{"objective-c"}},
		{"Node.js", []string{"nodejs"}},
		{"Vue.js", []string{"vue"}},
		{"…and Python.", []string{"python"}},
		{"(Django)", []string{"django"}},
		{"PL/SQL", []string{"plsql"}},
		{"A/B testing", []string{"ab-testing"}},
		{"k8s, Postgres, JS, Golang, React.js", []string{"go", "javascript", "kubernetes", "postgresql", "react"}},
		{".net core", []string{"dotnet"}},
		{"Python3", []string{"python"}},
		{"github.com/someone", []string{}},
		{"pythonic", []string{}},
		{"JavaScripts", []string{}},
		{"“Python”—Django", []string{"django", "python"}},
		{"Spring\nBoot", []string{"spring-boot"}},
		{"unit   tests", []string{"unit-testing"}},
		{"EKS", []string{"aws-eks"}},
		{"AR and AP", []string{}},
		{"ar and ap are words in other languages", []string{}},
		{"A/R and A/P", []string{"accounts-payable", "accounts-receivable"}},
		// sentences glued by the PDF producer still end and start words
		{"market research and lesson plans.Negotiated rates", []string{"lesson-planning", "market-research", "negotiation"}},
		{"Confluence and SharePoint.Education Details", []string{"confluence", "sharepoint"}},
		{"ASP.Net, Node.js, e.g.Python", []string{"asp-net", "nodejs", "python"}},
		{"Salesforce.com and Sales Force", []string{"salesforce"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, ids(tt.text)); diff != "" {
			t.Errorf("Extract(%q) ids (-want +got):\n%s", tt.text, diff)
		}
	}
}

func TestExtractOffsetsAndLines(t *testing.T) {
	text := "Skills\nPython, Django\n\nSpring\nBoot and SQL."
	want := []Mention{
		{SkillID: "python", Start: 7, End: 13, Line: 2},
		{SkillID: "django", Start: 15, End: 21, Line: 2},
		{SkillID: "spring-boot", Start: 23, End: 34, Line: 4},
		{SkillID: "sql", Start: 39, End: 42, Line: 5},
	}
	if diff := cmp.Diff(want, Default().Extract(text)); diff != "" {
		t.Errorf("Extract mentions (-want +got):\n%s", diff)
	}
}

func TestDefault(t *testing.T) {
	tx := Default()
	if n := len(tx.Skills()); n < 2000 {
		t.Errorf("Default has %d skills, want ≥ 2000", n)
	}
	if tx.Version == "" {
		t.Error("Default has no version")
	}
	names := map[string]string{
		"python": "Python", "django": "Django", "flask": "Flask", "sql": "SQL", "postgresql": "PostgreSQL",
		"mysql": "MySQL", "rest-api": "RESTful APIs", "git": "Git", "unit-testing": "Unit testing",
		"docker": "Docker", "linux": "Linux", "aws": "AWS", "azure": "Azure", "gcp": "GCP", "html": "HTML",
		"javascript": "JavaScript", "css": "CSS", "java": "Java", "spring-boot": "Spring Boot",
		"kubernetes": "Kubernetes", "go": "Go", "react": "React", "typescript": "TypeScript", "nodejs": "Node.js",
		"pandas": "pandas", "scikit-learn": "scikit-learn", "tensorflow": "TensorFlow", "excel": "Excel",
		"quickbooks": "QuickBooks", "gaap": "GAAP", "aws-eks": "Amazon EKS", "c-sharp": "C#", "cpp": "C++",
		"dotnet": ".NET", "ci-cd": "CI/CD", "r": "R", "c": "C",
	}
	for id, name := range names {
		if got := tx.Name(id); got != name {
			t.Errorf("Name(%q) = %q, want %q", id, got, name)
		}
	}
	for _, s := range tx.Skills() {
		if s.ID != strings.ToLower(s.ID) || strings.ContainsAny(s.ID, " _") {
			t.Errorf("skill id %q is not a lower-case slug", s.ID)
		}
	}
}

func TestLookupNameImpliedRelated(t *testing.T) {
	tx := Default()
	for alias, id := range map[string]string{"k8s": "kubernetes", "Postgres": "postgresql", "JS": "javascript",
		"golang": "go", "React.js": "react", "sklearn": "scikit-learn", "node": "nodejs", ".net core": "dotnet",
		"Microsoft Excel": "excel", "Intuit QuickBooks": "quickbooks", "django": "django"} {
		s, ok := tx.Lookup(alias)
		if !ok || s.ID != id {
			t.Errorf("Lookup(%q) = %q, %v; want %q", alias, s.ID, ok, id)
		}
	}
	if got := tx.Name("no-such-skill"); got != "no-such-skill" {
		t.Errorf("Name(unknown) = %q, want the id back", got)
	}
	implied := map[string][]string{
		"django":      {"python"},
		"postgresql":  {"sql"},
		"aws-eks":     {"aws", "kubernetes"},
		"spring-boot": {"java", "spring"},
		"next-js":     {"react", "javascript"},
		// the market of a sale implies selling (see the sales labels in curated.yaml)
		"automotive-sales": {"b2c-sales", "sales"},
		"b2b-sales":        {"sales"},
		"python":           nil,
		"nope":             nil,
	}
	for id, want := range implied {
		if diff := cmp.Diff(want, tx.Implied(id)); diff != "" {
			t.Errorf("Implied(%q) (-want +got):\n%s", id, diff)
		}
	}
	related := map[string][]string{
		"flask":      {"django", "fastapi", "pyramid"},
		"aws":        {"azure", "gcp"},
		"mysql":      {"mariadb", "postgresql"},
		"postgresql": {"mysql"},
	}
	for id, want := range related {
		if diff := cmp.Diff(want, tx.Related(id)); diff != "" {
			t.Errorf("Related(%q) (-want +got):\n%s", id, diff)
		}
	}
}

func TestSuggest(t *testing.T) {
	tx := Default()
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Postgress", "PostgreSQL", true},
		{"Djnago", "Django", true},
		{"Kubernets", "Kubernetes", true},
		{"pyhton", "Python", true},
		{"Python", "Python", true},
		{"xqzvw", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := tx.Suggest(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Suggest(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestLoadOverlay(t *testing.T) {
	base := Default()
	good, err := os.Open(filepath.Join("..", "..", "testdata", "taxonomy", "overlay.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	defer good.Close()
	tx, err := LoadOverlay(base, good, "overlay.yaml")
	if err != nil {
		t.Fatalf("LoadOverlay: %v", err)
	}
	if diff := cmp.Diff([]string{"acme-erp", "erp", "python"}, ids("Ported reports from Acme ERP to Python; AcmeERP scripts.")); diff == "" {
		t.Error("the default taxonomy already knows Acme ERP; the test proves nothing")
	}
	got := extractedIDs(tx, "Ported reports from AcmeERP to Python.")
	if diff := cmp.Diff([]string{"acme-erp", "python"}, got); diff != "" {
		t.Errorf("overlay Extract (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"erp", "sql"}, tx.Implied("acme-erp")); diff != "" {
		t.Errorf("overlay Implied (-want +got):\n%s", diff)
	}
	// The overlay replaces the default's Excel: it no longer has the alias "MS Excel".
	if s, _ := tx.Lookup("excel"); s.Name != "Microsoft Excel" {
		t.Errorf("overridden excel has name %q", s.Name)
	}
	if _, ok := tx.Lookup("MS Excel"); ok {
		t.Error("overridden excel keeps the default's alias")
	}
	if n, m := len(tx.Skills()), len(base.Skills()); n != m+1 {
		t.Errorf("overlay has %d skills, want %d", n, m+1)
	}
	if _, ok := base.Lookup("AcmeERP"); ok {
		t.Error("LoadOverlay changed its base")
	}
}

func TestLoadOverlayErrors(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "taxonomy", "bad-*.yaml"))
	if len(paths) == 0 {
		t.Fatal("no bad overlay fixtures")
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		// The first line of each bad file says where the error is: "# want: LINE TEXT".
		first, _, _ := strings.Cut(string(data), "\n")
		want := strings.TrimSpace(strings.TrimPrefix(first, "# want:"))
		wantLine, wantText, _ := strings.Cut(want+" ", " ")
		wantText = strings.TrimSpace(wantText)
		name := filepath.Base(p)
		_, err = LoadOverlay(Default(), strings.NewReader(string(data)), name)
		if err == nil {
			t.Errorf("%s: LoadOverlay succeeded, want an error", name)
			continue
		}
		if !errors.Is(err, engine.ErrInvalid) {
			t.Errorf("%s: error %v does not wrap engine.ErrInvalid", name, err)
		}
		if !strings.HasPrefix(err.Error(), name+":"+wantLine+":") || !strings.Contains(err.Error(), wantText) {
			t.Errorf("%s: error %q, want it to start %q and mention %q", name, err, name+":"+wantLine+":", wantText)
		}
	}
}

// FuzzExtract checks the invariants of Extract on any input: mentions in
// order, not overlapping, within the text, on the line they start on, and
// each one spelling a name or alias of its skill, or a vendor short form of
// it (vendor.go).
func FuzzExtract(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "resumes", "*.txt"))
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(string(data))
		}
	}
	f.Add("C++ C# .NET Node.js/Express CI/CD Go, Rust and C; R&D; Grade C")
	tx := Default()
	f.Fuzz(func(t *testing.T, text string) {
		ms := tx.Extract(text)
		prevEnd := 0
		for _, m := range ms {
			if m.End <= m.Start || m.End > len(text) {
				t.Fatalf("mention %+v out of range (len %d)", m, len(text))
			}
			if line := 1 + strings.Count(text[:m.Start], "\n"); m.Line != line {
				t.Fatalf("mention %+v: line %d, want %d", m, m.Line, line)
			}
			// a skill stated by a verb and its object ("negotiated vendor
			// contracts") spans both and may hold other mentions
			if span := text[m.Start:m.End]; verbStated(tx, span, m.SkillID) || endsWithObject(tx, span, m.SkillID) {
				continue
			}
			// one word of a coordinated phrase ("Strategic and financial
			// planning") names its skill with the phrase's shared words
			if coordinatedWord(tx, text, m) {
				prevEnd = max(prevEnd, m.End)
				continue
			}
			if m.Start < prevEnd {
				t.Fatalf("mention %+v overlaps the one before (previous end %d)", m, prevEnd)
			}
			prevEnd = m.End
			s, ok := tx.Lookup(text[m.Start:m.End])
			if (!ok || s.ID != m.SkillID) && !slices.Contains(tx.shortFormOf(text[m.Start:m.End]), m.SkillID) && !namedWithin(tx, text[m.Start:m.End], m.SkillID) &&
				!(ok && vendorDatabase(tx, s.ID, m.SkillID)) {
				t.Fatalf("mention %+v: text %q looks up %q, %v", m, text[m.Start:m.End], s.ID, ok)
			}
		}
		if !sort.SliceIsSorted(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start }) {
			t.Fatal("mentions not sorted")
		}
	})
}

// namedWithin reports whether the letters and digits of text, in lower
// case, hold those of a name or alias of skill id: a second reading's
// mention spans a glued token ("Oracle11g", "CustomerCAre") or another
// spelling ("PL-SQL") of a name or of a vendor's short form, not the name
// as written.
func namedWithin(tx *Taxonomy, text, id string) bool {
	s, ok := tx.Get(id)
	if !ok {
		return false
	}
	names := append([]string{s.Name}, s.Aliases...)
	for k := range tx.shortKeys { // vendor short forms ("Service Bus" beside Azure)
		if slices.Contains(tx.shortFormOf(k), id) {
			names = append(names, k)
		}
	}
	for _, n := range names {
		// the name or its other number (see addVariants): "AZureFunction"
		if k := strings.TrimSuffix(letters(n), "s"); k != "" && strings.Contains(letters(text), k) {
			return true
		}
	}
	return false
}

// endsWithObject reports whether span, of two words or more once every
// byte that is no letter or digit is a blank, ends with an object of skill
// id under one of the verb heads, in any case, letters and digits read
// apart, and words glued by case apart or not: a skill stated by a verb and its object whose verb was read out of
// a glued token or over symbols ("Administer0 mediCAtion", "Process$
// payroll", "sChedule000Construction", "mAnageSocial mediA"), which verbStated, reading the span
// as written, does not recognise.
func endsWithObject(tx *Taxonomy, span, id string) bool {
	for _, glued := range []bool{false, true} {
		var b strings.Builder // letters and digits apart ("sChedule000Construction"), glued tokens cut as withGlued cuts them
		for i := 0; i < len(span); i++ {
			if glued && charClass[span[i]] != 0 && (i == 0 || charClass[span[i-1]] == 0) {
				j := i
				for j < len(span) && charClass[span[j]] != 0 {
					j++
				}
				cuts, _ := gluedCuts(span[i:j], tx)
				at := i
				for _, c := range cuts {
					b.WriteString(strings.ToLower(span[at:i+c]) + " ")
					at = i + c
				}
				b.WriteString(strings.ToLower(span[at:j]))
				i = j - 1
				continue
			}
			if i > 0 && isDigit(span[i]) != isDigit(span[i-1]) {
				b.WriteByte(' ')
			}
			b.WriteByte(lower[span[i]])
		}
		words := strings.FieldsFunc(b.String(), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		for k := 1; k <= maxObject && k < len(words); k++ {
			obj := strings.Join(words[len(words)-k:], " ")
			for h := range 256 {
				if x, ok := tx.verbs.object[string([]byte{byte(h)})+obj]; ok && tx.skills[x].ID == id {
					return true
				}
			}
		}
	}
	return false
}

// vendorDatabase reports whether skill id db is the database that the
// vendor's name (skill id vendor) stands for among databases ("Oracle" beside
// SQL is Oracle Database, see vendorAsDatabase).
func vendorDatabase(tx *Taxonomy, vendor, db string) bool {
	d, ok := tx.database[int32(tx.byID[vendor])]
	return ok && tx.skills[d].ID == db
}

// TestLoadOverlayVersion: a taxonomy with an overlay never reports the base's
// version, so a match records which skills it was scored with; an overlay
// without a version of its own is named by its content.
func TestLoadOverlayVersion(t *testing.T) {
	base := Default()
	load := func(text string) string {
		t.Helper()
		tx, err := LoadOverlay(base, strings.NewReader(text), "overlay.yaml")
		if err != nil {
			t.Fatalf("LoadOverlay: %v", err)
		}
		return tx.Version
	}
	const skill = "skills:\n  - {id: brightpath-tms, name: Brightpath TMS, category: tool}\n"
	const other = "skills:\n  - {id: brightpath-tms, name: Brightpath TMS, category: tool, aliases: [BPTMS]}\n"
	if got, want := load("version: acme-1\n"+skill), base.Version+"+acme-1"; got != want {
		t.Errorf("named overlay version %q, want %q", got, want)
	}
	unnamed := load(skill)
	if unnamed == base.Version || !strings.HasPrefix(unnamed, base.Version+"+overlay-") {
		t.Errorf("unnamed overlay version %q, want %q plus a content hash", unnamed, base.Version)
	}
	if again := load(skill); again != unnamed {
		t.Errorf("same overlay gave versions %q and %q", unnamed, again)
	}
	if changed := load(other); changed == unnamed {
		t.Errorf("different overlays share version %q", changed)
	}
}

// TestExtractListContext checks the "list" rule: a generic word counts as a
// skill only as a whole item of a list of skills, never in prose.
func TestExtractListContext(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		// lists: separated items beside other skills, bullets one per line
		{"comma list", "Payroll, Budget, QuickBooks, Scheduling", []string{"budgeting", "payroll", "quickbooks", "scheduling"}},
		{"pipe list", "Excel | Budgets | Payroll", []string{"budgeting", "excel", "payroll"}},
		{"bullets one per line", "• Payroll\n• Budget\n• Scheduling\n", []string{"budgeting", "payroll", "scheduling"}},
		{"dashes one per line", "- Scheduling\n- Customer service\n", []string{"customer-service", "scheduling"}},
		{"ampersand pair", "Accounts payable, Budget & Forecasting, Excel", []string{"accounts-payable", "budgeting", "excel", "forecasting"}},
		{"and pair in a list", "Payroll, scheduling and budget, Excel", []string{"budgeting", "excel", "payroll", "scheduling"}},
		{"forecasts item", "Budgets, Forecasts, Payroll", []string{"budgeting", "forecasting", "payroll"}},
		{"budgeting and forecasting", "Budgeting and forecasting for 3 stores", []string{"budgeting", "forecasting"}},
		{"logistics item", "Purchasing, Logistics, Inventory Control", []string{"inventory-management", "logistics", "ordering"}},
		{"compliance and human resources items", "Payroll, Compliance, Human Resources, Auditing", []string{"auditing", "compliance", "hr-management", "payroll"}},
		{"sourcing and presentations items", "Recruiting, Sourcing, Presentations, Onboarding", []string{"onboarding", "public-speaking", "recruiting", "sourcing"}},
		{"supervision item", "Payroll, Supervision, Scheduling", []string{"leadership", "payroll", "scheduling"}},
		{"pricing item", "Payroll, Pricing, Scheduling", []string{"payroll", "pricing", "scheduling"}},
		{"backup item", "Active Directory, Backup, VMware", []string{"active-directory", "enterprise-backup", "vmware"}},
		{"bidding and surveying items", "Estimating, Bidding, Surveying, Blueprint reading", []string{"bidding", "blueprint-reading", "estimating", "surveying"}},
		{"editing and permitting one per line", "- Editing\n- Proofreading\n- Permitting\n", []string{"editing", "permitting", "proofreading"}},
		{"kaggle skill details entries", "Skill Details\nCompliance- Experience - 24 months\nPayroll- Experience - 12 months\n", []string{"compliance", "payroll"}},
		{"kaggle skill details entry with spaces", "Budget - Experience - Less than 1 year months\nPython- Experience - 6 months", []string{"budgeting", "python"}},
		// prose: the same words are not skills
		{"weather forecasts", "Read the weather forecasts, then Payroll and Excel work.", []string{"excel", "payroll"}},
		{"on budget", "Delivered the project on budget and ahead of schedule.", []string{}},
		{"budget in a sentence", "Cut the travel budget by 10% last year.", []string{}},
		{"scheduling in a sentence", "Flexible scheduling and paid holidays.", []string{}},
		{"item with more words", "Budget Committee Member, Payroll, Excel", []string{"excel", "payroll"}},
		{"lone line without a list", "Budget\nThe committee met twice.", []string{}},
		{"list of non-skills", "Budget, Finance, Operations", []string{}},
		{"experience after a name in prose", "Budget- experienced staff, Excel", []string{"excel"}},
		{"event logistics", "Handled the logistics of the annual gala.", []string{}},
		{"compliance and human resources in prose", "Reported to Human Resources on compliance issues.", []string{}},
		{"sourcing and presentations in prose", "Prepared presentations for the Sourcing Managers; sourcing new clients.", []string{}},
		{"packaging and prototypes are no design skills", "Operated packaging machines and assembled prototypes.", []string{}},
		{"under supervision", "Worked under the supervision of the head chef; supervising was not my role.", []string{}},
		{"pricing in prose", "Competitive pricing drew new customers.", []string{}},
		{"backup in prose", "Served as backup for the store manager.", []string{}},
		{"recruiter's sourcing in prose", "Sourced and screened candidates for 40 openings.", []string{"sourcing"}},
		{"surveying customers", "Surveying consumer needs and trends; bidding farewell.", []string{}},
		{"editing in prose", "Editing the newsletter and permitting remote work.", []string{"newsletters"}},
		// inflected and phrase variants count anywhere
		{"scheduled appointments", "Greeted patients and scheduled appointments for three doctors.", []string{"scheduling"}},
		{"budget analysis", "Responsible for budget analysis across departments.", []string{"budgeting"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, ids(tt.text)); diff != "" {
			t.Errorf("%s: Extract(%q) ids (-want +got):\n%s", tt.name, tt.text, diff)
		}
	}
}

// TestExtractInSkillsSection checks that a caller's skills section makes a
// whole item count without other skills beside it, and nothing else.
func TestExtractInSkillsSection(t *testing.T) {
	text := "Skills\nBudget, Weekly Reports\nStayed within the budget.\n"
	inSkills := func(line int) bool { return line == 2 }
	var got []string
	for _, m := range Default().ExtractIn(text, inSkills) {
		got = append(got, m.SkillID+"@"+strconv.Itoa(m.Line))
	}
	if diff := cmp.Diff([]string{"budgeting@2"}, got); diff != "" {
		t.Errorf("ExtractIn (-want +got):\n%s", diff)
	}
	if got := ids(text); len(got) != 0 {
		t.Errorf("Extract without the section = %v, want none", got)
	}
}

// TestExtractCoordinatedPhrases checks "X Y & Z" read as "X Y" and "X Z".
func TestExtractCoordinatedPhrases(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"ampersand", "Financial analysis & reporting", []string{"financial-analysis", "financial-reporting"}},
		{"slash", "Accounts Payable/Receivable, Payroll", []string{"accounts-payable", "accounts-receivable", "payroll"}},
		{"and, reversed", "Reconciled accounts receivable and payable.", []string{"accounts-payable", "accounts-receivable"}},
		{"second word is a skill itself", "Python and Java", []string{"java", "python"}},
		// the word after "and" does not end the item: prose, not a list
		{"prose continues", "data analysis and modeling skills for the team", []string{"data-analysis"}},
		// a product named by generic words needs its own name
		{"no product by composition", "digital advertising & analytics", []string{"advertising"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, ids(tt.text)); diff != "" {
			t.Errorf("%s: Extract(%q) ids (-want +got):\n%s", tt.name, tt.text, diff)
		}
	}
}

func TestFoldedAt(t *testing.T) {
	tests := []struct {
		s    string
		i    int
		w    string
		want bool
	}{
		{"Excel AT work", 6, "at", true},
		{"Excel at work", 6, "aT", false}, // the word is given in lower case
		{"Excel at", 6, "at ", false},     // s too short
		{"x and y", 1, " and", true},
		{"x\tand y", 1, " and", false}, // white space is not folded
		{"go-to", -1, "x", false},
		{"Ã© x", 0, "ã©", false}, // only ASCII case is ignored
		{"", 0, "", true},
	}
	for _, tt := range tests {
		if got := foldedAt(tt.s, tt.i, tt.w); got != tt.want {
			t.Errorf("foldedAt(%q, %d, %q) = %v, want %v", tt.s, tt.i, tt.w, got, tt.want)
		}
	}
}

// TestExtractAmbiguitiesOfSet7 covers the ambiguous words blind set 7's first
// run got wrong, both ways: the payment network SWIFT is not the Swift
// language, "special needs" guests are no special education, in-sourcing is
// no sourcing, a hoped-for career in teaching is no teaching, and a bare
// "Oracle" is the database when the text names Oracle's database too.
func TestExtractAmbiguitiesOfSet7(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"SWIFT beside code", "Java, SQL, SWIFT and CHIPS", []string{"java", "sql"}},
		{"SWIFT MT103 messages", "Repaired SWIFT MT103 messages for outgoing wires.", []string{"swift-payments", "wire-transfers"}},
		{"Swift language", "iOS apps in Swift and Objective-C", []string{"ios", "objective-c", "swift"}},
		{"special needs guests", "Accommodated guests with children and special needs.", []string{}},
		{"special needs students", "Adapted lessons for special needs students.", []string{"special-education"}},
		{"in-sourcing", "Managed a large global in-sourcing project.", []string{}},
		{"sourcing candidates", "Sourcing on LinkedIn and job boards.", []string{"sourcing"}},
		{"career in teaching", "Driven to launch a career in teaching.", []string{}},
		{"teaching subjects", "Teaching English and math to fifth graders.", []string{"teaching"}},
		{"Oracle alone", "Client, Oracle, Staffing, Java", []string{"java", "oracle", "recruiting"}},
		{"the sales force", "Empowered 100% of the sales force to manage the pipeline.", []string{}},
		{"Sales Force among sales words", "Regional Sales, Sales Contract, Sales Force", []string{}},
		{"Sales Force among tools", "Experienced with Oracle, PeopleSoft, Sales Force, SAP and Jira.", []string{"jira", "oracle", "oracle-peoplesoft", "salesforce", "sap"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, ids(tt.text)); diff != "" {
				t.Errorf("Extract(%q) ids (-want +got):\n%s", tt.text, diff)
			}
		})
	}
	// Every mention, the bare vendor name included, is the database when the
	// text names the database too.
	var got []string
	for _, m := range Default().Extract("ORACLE- Experience - 30 months\nOracle 11g, PL/SQL") {
		got = append(got, m.SkillID)
	}
	if diff := cmp.Diff([]string{"oracle-database", "oracle-database", "plsql"}, got); diff != "" {
		t.Errorf("Oracle beside its database (-want +got):\n%s", diff)
	}
}

// TestExtractSpokenLanguageOrNation keeps a language's name apart from the
// same word as a nation's adjective: its food, institutions and places after
// it, or a cuisine list of nationalities around it (sets 9 and 10 read
// "French fine dining" and "French, Italian, Asian, American" as languages).
func TestExtractSpokenLanguageOrNation(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"fine dining", "Ran a 30-seat French fine dining room.", []string{}},
		{"cuisine list", "Menus: French, Italian, Asian, American and Mexican.", []string{}},
		{"consulate", "Signed a lease with the German Consulate.", []string{}},
		{"airline", "Worked the ramp with Korean Airlines.", []string{}},
		{"languages list", "Fluent in French, Spanish and Creole.", []string{"french", "haitian-creole", "spanish"}},
		{"language level", "Spanish B1 level, German A1", []string{"german", "spanish"}},
		{"speaking to clients", "Answered calls in Spanish for French clients.", []string{"spanish"}},
		{"language courses", "Offered Italian and French classes to adults.", []string{"french", "italian"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, ids(tt.text)); diff != "" {
				t.Errorf("Extract(%q) ids (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

// TestExtractBackups keeps backups of data (disaster recovery) apart from
// backup products and systems (enterprise backup): "backups" and "data
// backups" were two skills' aliases before.
func TestExtractBackups(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Manage and review data backups and log files.", "disaster-recovery"},
		{"Security, backup and data recovery.", "disaster-recovery"},
		{"Nightly backups of every server.", "disaster-recovery"},
		{"Designed and deployed backup systems for 40 clients.", "enterprise-backup"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff([]string{tt.want}, ids(tt.text)); diff != "" {
			t.Errorf("Extract(%q) ids (-want +got):\n%s", tt.text, diff)
		}
	}
}

// TestExtractParaphrasedSoftSkills covers generic skills that resumes state by
// paraphrase rather than by name (sets 7 and 8's misses), and the nearby
// wordings that must stay out: a leftmost-longest phrase must not swallow a
// skill that its words name ("trained and mentored" is mentoring).
func TestExtractParaphrasedSoftSkills(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"highly organized", "Highly organized office assistant.", []string{"organizational-skills"}},
		{"excellent communication", "Excellent communication and a calm manner.", []string{"communication"}},
		{"verbal and written skills", "Strong verbal and written skills.", []string{"communication"}},
		{"interpersonal communication", "Interpersonal communication and tact.", []string{"communication"}},
		{"verbal instructions are no skill", "Followed verbal and written instructions.", []string{}},
		{"led team of", "Led team of 6 analysts.", []string{"leadership"}},
		{"new hire training", "Ran new hire training every month.", []string{"staff-training"}},
		{"hired and trained", "Hired and trained the kitchen crew.", []string{"staff-training"}},
		{"trained and mentored stays mentoring", "Trained and mentored two junior cooks.", []string{"mentoring"}},
		{"staff schedules", "Created staff schedules for three shifts.", []string{"scheduling"}},
		{"relationships with clients", "Grew relationships with clients in the region.", []string{"relationship-management"}},
		{"fostered relationships", "Fostered relationships with local growers.", []string{"relationship-management"}},
		{"trained and assisted", "Trained and assisted the office staff on the new phones.", []string{"staff-training"}},
		{"relationships with students", "Built relationships with students in summer programs.", []string{}},
		{"team-player", "Reliable team-player.", []string{"teamwork"}},
		{"problems and complaints", "Answered guest problems and complaints.", []string{"complaint-resolution"}},
		{"detailed oriented", "Accurate and detailed oriented.", []string{"attention-to-detail"}},
		{"Problem-Solver", "Problem-Solver", []string{"problem-solving"}},
		{"public speaker", "Confident public speaker.", []string{"public-speaking"}},
		{"cashiered", "Cashiered at the front register.", []string{"cash-handling"}},
		{"up-sold", "Up-sold desserts and wine.", []string{"upselling"}},
		{"sales representative", "Worked as a sales representative.", []string{"sales"}},
		{"sold", "Sold memberships and gift cards.", []string{"sales"}},
		{"selling in a list", "Selling, Merchandising", []string{"merchandising", "sales"}},
		{"items sold", "Counted the items sold each night.", []string{}},
		{"sold a business", "Sold the business in 2007.", []string{}},
		{"top-selling", "Ran the top-selling store in the district.", []string{}},
		{"selling floor", "Kept the selling floor tidy.", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, ids(tt.text)); diff != "" {
				t.Errorf("Extract(%q) ids (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}
