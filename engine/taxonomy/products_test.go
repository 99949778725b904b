package taxonomy

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestProductsOfBroadSkills: a product, protocol or standard that used to be
// an alias (or a merged id) of a broad skill is a skill of its own — a
// mention yields the product, and the broad skill only through implies — and
// a mention of the broad skill does not yield the product. Each row fails
// when the product is folded back into the broad skill.
func TestProductsOfBroadSkills(t *testing.T) {
	tax := Default()
	tests := []struct {
		text    string
		want    []string // distinct ids mentioned directly
		product string   // the split-out skill of want, if any
		implied []string // what product implies (transitively), in order
	}{
		{"Administered IBM AIX servers.", []string{"aix"}, "aix", []string{"unix"}},
		{"Patched Solaris 10 hosts.", []string{"solaris"}, "solaris", []string{"unix"}},
		{"Ported the billing batch to HP-UX.", []string{"hp-ux"}, "hp-ux", []string{"unix"}},
		{"Administered Unix servers.", []string{"unix"}, "", nil},
		{"Mapped service areas in ArcGIS.", []string{"arcgis"}, "arcgis", []string{"gis"}},
		{"Mapped service areas in QGIS.", []string{"qgis"}, "qgis", []string{"gis"}},
		{"GIS analysis of flood zones.", []string{"gis"}, "", nil},
		{"Built pitch decks in Keynote.", []string{"keynote"}, "keynote", []string{}},
		{"Built pitch decks in Google Slides.", []string{"google-slides"}, "google-slides", []string{"google-workspace"}},
		{"Built pitch decks in PowerPoint.", []string{"powerpoint"}, "", nil},
		{"Configured BGP peering with two ISPs.", []string{"bgp"}, "bgp", []string{"routing-protocols", "networking"}},
		{"Routing protocols: OSPF, EIGRP, RIP", []string{"eigrp", "ospf", "rip", "routing-protocols"}, "rip", []string{"routing-protocols", "networking"}},
		{"Planned the subnetting of the office network.", []string{"subnetting"}, "", nil},
		{"Maintained LAN/WAN links.", []string{"lan", "wan"}, "lan", []string{"networking"}},
		{"Installed a Local Area Network (LAN) for the clinic.", []string{"lan"}, "lan", []string{"networking"}},
		{"Tracked candidates in Taleo.", []string{"taleo"}, "taleo", []string{"ats"}},
		{"Tracked candidates in iCIMS.", []string{"icims"}, "icims", []string{"ats"}},
		{"Full-cycle recruiting for store roles in Greenhouse.", []string{"greenhouse-ats", "recruiting"}, "greenhouse-ats", []string{"ats"}},
		{"Used Lever daily.", []string{"lever-ats"}, "lever-ats", []string{"ats"}},
		{"Tracked candidates in an applicant tracking system.", []string{"ats"}, "", nil},
		{"Ported the scheduler to FreeRTOS.", []string{"freertos"}, "freertos", []string{"rtos", "embedded-systems"}},
		{"Drivers for a real-time operating system.", []string{"rtos"}, "rtos", []string{"embedded-systems"}},
		{"Wrote IEPs with parents and specialists.", []string{"iep"}, "iep", []string{"special-education"}},
		{"Special education classroom aide.", []string{"special-education"}, "", nil},
		{"Deployed EARs to WebLogic.", []string{"oracle-weblogic-server"}, "oracle-weblogic-server", []string{"middleware"}},
		{"Deployed EARs to IBM WebSphere.", []string{"websphere"}, "websphere", []string{"middleware"}},
		{"Deployed EARs to JBoss.", []string{"jboss"}, "jboss", []string{"middleware"}},
		{"Deployed EARs to WildFly.", []string{"wildfly"}, "wildfly", []string{"middleware"}},
		{"Managed Ubuntu and CentOS hosts.", []string{"centos", "ubuntu"}, "centos", []string{"linux"}},
		{"Built RPMs on Fedora and Ubuntu.", []string{"fedora", "ubuntu"}, "fedora", []string{"linux"}},
		{"Managed RHEL hosts.", []string{"rhel"}, "", nil},
		{"Integrated the portal with LDAP.", []string{"ldap"}, "ldap", []string{}},
		{"Certifications: CCNA", []string{"ccna"}, "ccna", []string{"cisco"}},
		{"Rendered scenes in OpenGL and Vulkan.", []string{"open-graphics-library-opengl", "vulkan"}, "vulkan", []string{"computer-graphics"}},
		{"Crawled listings with Scrapy.", []string{"scrapy"}, "scrapy", []string{"web-scraping", "python"}},
		{"Indexed embeddings in FAISS.", []string{"faiss"}, "faiss", []string{"vector-databases"}},
		{"Built courses in Moodle and Blackboard.", []string{"blackboard-learn", "moodle"}, "moodle", []string{"lms"}},
		{"Charted in Cerner and MEDITECH.", []string{"cerner-millennium", "meditech"}, "meditech", []string{"ehr"}},
		{"Researched case law on Westlaw.", []string{"thomson-reuters-westlaw"}, "thomson-reuters-westlaw", []string{"legal-research"}},
		{"Sent newsletters with Mailchimp.", []string{"mailchimp", "newsletters"}, "mailchimp", []string{"email-marketing"}},
		{"Ran nurture programs in Marketo.", []string{"marketo"}, "marketo", []string{"marketing-automation"}},
		{"Configured checkpoint firewalls and Cisco ASA.", []string{"check-point", "cisco-asa"}, "cisco-asa", []string{"firewalls", "cisco"}},
		{"Wrote NUnit tests for the C# services.", []string{"c-sharp", "nunit"}, "nunit", []string{"unit-testing"}},
		{"Moved logs to OpenSearch.", []string{"opensearch"}, "opensearch", []string{}},
		{"Weekly dashboards in Google Data Studio.", []string{"google-data-studio"}, "google-data-studio", []string{}},
		{"Logged defects in HP Quality Center.", []string{"hp-quality-center"}, "hp-quality-center", []string{"test-management", "software-testing"}},
		{"Fluent in Cantonese and Mandarin.", []string{"cantonese", "mandarin"}, "", nil},
		{"Clusters on VMware vSphere and ESXi.", []string{"esxi", "vsphere"}, "vsphere", []string{"vmware"}},
		{"Tasks on AWS Fargate.", []string{"aws-fargate"}, "aws-fargate", []string{"aws"}},
		{"Accounts kept in Microsoft Dynamics CRM.", []string{"dynamics-crm"}, "dynamics-crm", []string{"crm"}},
		{"Ledgers in Navision.", []string{"dynamics-nav"}, "dynamics-nav", []string{"erp"}},
		{"KYC reviews of new accounts.", []string{"kyc"}, "kyc", []string{}},
		{"CPR/AED certified.", []string{"cpr"}, "cpr", []string{}},
		{"BLS certified.", []string{"bls"}, "", nil},
		{"Performed 12-lead EKGs.", []string{"ekg"}, "ekg", []string{}},
		{"Configured Junos on the edge routers.", []string{"junos"}, "junos", []string{"juniper-networks"}},
		{"State managed with Vuex.", []string{"vuex"}, "vuex", []string{"vue", "javascript"}},
		{"Schemas in Mongoose.", []string{"mongoose"}, "mongoose", []string{"mongodb"}},
		{"Live updates over Socket.IO.", []string{"socket-io"}, "socket-io", []string{"websockets"}},
		{"Logins with OpenID Connect.", []string{"openid-connect"}, "openid-connect", []string{}},
		{"Smart contracts on Ethereum.", []string{"blockchain", "ethereum"}, "ethereum", []string{"blockchain"}},
		{"Drafted copy with ChatGPT.", []string{"chatgpt"}, "chatgpt", []string{"llm"}},
		{"Tracked budgets in Google Sheets.", []string{"budgeting", "google-sheets"}, "google-sheets", []string{"google-workspace"}},
		{"Certifications: PHR, SPHR", []string{"phr", "sphr"}, "", nil},
		{"CELTA certified English teacher.", []string{"celta"}, "celta", []string{"esl"}},
		{"Lessons on the SMART Board.", []string{"smart-board"}, "smart-board", []string{"educational-technology"}},
		{"Guest folios in Opera PMS.", []string{"opera-pms"}, "opera-pms", []string{"pms"}},
		{"Rang orders on Toast POS.", []string{"toast-pos"}, "toast-pos", []string{"pos"}},
		{"OSHA 30 certified.", []string{"osha"}, "osha", []string{"health-and-safety"}},
		{"Ran campaigns in Google Ads and Meta Ads.", []string{"facebook-ads", "google-ads"}, "google-ads", []string{"ppc"}},
		{"Provisioned LUNs on the SAN.", []string{"san"}, "san", []string{"storage-management"}},
		{"Batch jobs on z/OS.", []string{"z-os"}, "z-os", []string{"ibm-mainframe"}},
		{"Measured drawings in On-Screen Takeoff.", []string{"on-screen-takeoff"}, "on-screen-takeoff", []string{"quantity-takeoff", "estimating"}},
		{"Assays by HPLC and Western blot.", []string{"hplc", "western-blot"}, "hplc", []string{"chromatography", "laboratory-techniques"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, ids(tt.text)); diff != "" {
			t.Errorf("%q: ids (-want +got):\n%s", tt.text, diff)
		}
		if tt.product == "" {
			continue
		}
		got := tax.Implied(tt.product)
		if got == nil {
			got = []string{}
		}
		if diff := cmp.Diff(tt.implied, got); diff != "" {
			t.Errorf("%s implies (-want +got):\n%s", tt.product, diff)
		}
	}
}

// TestProductNamesThatAreWords: the split-out products whose names are also
// words count only where they name the product.
func TestProductNamesThatAreWords(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Delivered a keynote at the regional conference.", []string{}},
		{"Keynote Speaker at the Women in Tech summit.", []string{}},
		{"Office: Pages, Numbers, Keynote", []string{"keynote"}},
		{"Oversaw the Greenhouse facility and greenhouse crops.", []string{"facilities-management"}}, // "oversaw the facility" (verbs.go), no product
		{"Cut Greenhouse Gas emissions by 12%.", []string{}},
		{"Greenhouse Manager at a plant nursery.", []string{}},
		{"Classes taught: Body Pump, TRX, RIP, Step, Zumba.", []string{"zumba"}}, // the class format is a skill; RIP and Step are not the protocol and the tool
		{"Studied in Aix-en-Provence.", []string{}},
		{"Wore a fedora to the gala.", []string{}},
		{"Managed checkpoint security lanes at the airport.", []string{}},
		{"Wrote the daily agenda on the blackboard.", []string{}},
		{"Cooked Cantonese cuisine for 200 covers.", []string{}},
		{"Season tickets to the Opera.", []string{}},
		{"Lived at 4 Kings Mews.", []string{}},
	} {
		if diff := cmp.Diff(tt.want, ids(tt.text)); diff != "" {
			t.Errorf("%q: ids (-want +got):\n%s", tt.text, diff)
		}
	}
}

// TestRetiredIDsOfProducts: the O*NET ids that were merged into a broad
// skill now name the product's own skill.
func TestRetiredIDsOfProducts(t *testing.T) {
	tax := Default()
	for retired, keeper := range map[string]string{
		"ibm-aix": "aix", "oracle-solaris": "solaris", "hewlett-packard-hp-ux": "hp-ux", "esri-arcgis": "arcgis",
		"apple-keynote": "keynote", "apple-iwork-keynote": "keynote", "border-gateway-protocol": "bgp",
		"local-area-network-lan": "lan", "wide-area-network-wan": "wan", "oracle-taleo": "taleo",
		"real-time-operating-system-rtos": "rtos", "individualized-educational-program-iep": "iep",
		"red-hat-wildfly": "wildfly", "storage-area-network-san": "san", "on-center-on-screen-takeoff": "on-screen-takeoff",
	} {
		if got := tax.Canonical(retired); got != keeper {
			t.Errorf("Canonical(%q) = %q, want %q", retired, got, keeper)
		}
	}
	if s, ok := tax.Get("ibm-middleware"); !ok || s.ID != "ibm-middleware" || !slices.Contains(s.Implies, "middleware") {
		t.Errorf("Get(ibm-middleware) = %+v, %v; want its own skill implying middleware", s, ok)
	}
}
