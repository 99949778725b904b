package taxonomy

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// verbStated reports whether span reads as a skill stated by a verb and its
// object: it starts with a verb form (or "HEAD of") of one of the skill's
// heads and ends with an object of the skill under that head.
func verbStated(tx *Taxonomy, span, id string) bool {
	low := strings.ToLower(strings.Join(strings.Fields(span), " "))
	for x, f := range tx.verbs.forms {
		if !strings.HasPrefix(low, f+" ") {
			continue
		}
		words := strings.Fields(low[len(f):])
		for _, h := range tx.verbs.heads[x] {
			for k := 1; k <= maxObject && k <= len(words); k++ {
				obj := strings.Trim(strings.Join(words[len(words)-k:], " "), ",&/")
				if s, ok := tx.verbs.object[string([]byte{h})+obj]; ok && tx.skills[s].ID == id {
					return true
				}
			}
		}
	}
	return false
}

// verbCase is a line and the mentions it must give: "id=span" for each
// skill stated by a verb and its object.
type verbCase struct {
	name, text string
	want       []string
}

func verbMentionsOf(tx *Taxonomy, text string) []string {
	out := []string{}
	for _, m := range tx.Extract(text) {
		if verbStated(tx, text[m.Start:m.End], m.SkillID) {
			out = append(out, m.SkillID+"="+text[m.Start:m.End])
		}
	}
	return out
}

// verbTaxonomy is a small taxonomy for the verb tests, so that they do not
// change when skills.json gains an alias that names a phrase outright.
func verbTaxonomy(t *testing.T) *Taxonomy {
	t.Helper()
	var f File
	for _, s := range []struct{ id, name, category string }{
		{"contract-negotiation", "Contract negotiation", "domain"},
		{"event-planning", "Event planning", "domain"},
		{"event-coordination", "Event coordination", "domain"},
		{"event-management", "Event management", "domain"},
		{"staff-training", "Staff training", "domain"},
		{"staff-scheduling", "Staff scheduling", "domain"},
		{"relationship-building", "Relationship building", "domain"},
		{"relationship-upkeep", "Relationship maintenance", "domain"},
		{"relationship-management", "Relationship management", "domain"},
		{"team-building", "Team building", "domain"},
		{"presentation-delivery", "Presentation delivery", "domain"},
		{"invoice-processing", "Invoice processing", "domain"},
		{"payroll", "Payroll processing", "domain"},
		{"appointment-scheduling", "Appointment scheduling", "domain"},
		{"records-management", "Records maintenance", "domain"},
		{"proposal-writing", "Proposal writing", "domain"},
		{"complaint-resolution", "Complaint resolution", "domain"},
		{"product-development", "Product development", "domain"},
		{"financial-statements", "Financial statement preparation", "domain"},
		{"financial-reporting", "Financial reporting", "domain"},
		{"inventory-management", "Inventory management", "domain"},
		{"operations-reporting", "Operations reporting", "domain"},
		{"menu-planning", "Menu planning", "domain"},
		{"team-design", "Team design", "domain"},
		{"data-analysis", "Data analysis", "domain"},
		{"control-system-design", "System design", "domain"},
		{"video-editing", "Video editing", "practice"},
		{"api-design", "API design", "practice"},
		{"widget-design", "Widget design", "domain"},
	} {
		sk := Skill{ID: s.id, Name: s.name, Category: s.category}
		if s.id == "widget-design" {
			sk.Context = "tech"
		}
		f.Skills = append(f.Skills, sk)
	}
	tx, err := New(f)
	if err != nil {
		t.Fatal(err)
	}
	return tx
}

// TestVerbObject: a skill named by an action and its object counts where a
// resume states the verb and the object, with what may stand between, and
// not where the words only stand side by side.
func TestVerbObject(t *testing.T) {
	tests := []verbCase{
		// what must match: past tense, gerund, present, "HEAD of"
		{"numbers and modifiers between", "Negotiated 40+ vendor contracts with suppliers", []string{"contract-negotiation=Negotiated 40+ vendor contracts"}},
		{"plural object", "Scheduled appointments for two clinics", []string{"appointment-scheduling=Scheduled appointments"}},
		{"adjective between", "Planned corporate events for 300 guests", []string{"event-planning=Planned corporate events"}},
		{"modifier nouns between, adverb after", "Maintained student health records daily", []string{"records-management=Maintained student health records"}},
		{"gerund after a preposition", "Cut errors by maintaining records daily", []string{"records-management=maintaining records"}},
		{"present at a bullet", "• Process invoices for three stores", []string{"invoice-processing=Process invoices"}},
		{"present after to", "Hired to develop new products", []string{"product-development=develop new products"}},
		{"nominal order", "Preparation of financial statements and tax returns", []string{"financial-statements=Preparation of financial statements"}},
		{"plural name, singular text", "Maintained a great accuracy record", []string{}},
		{"two verbs share the object", "Planned and coordinated corporate events", []string{"event-planning=Planned and coordinated corporate events", "event-coordination=coordinated corporate events"}},
		{"coordinated objects", "Processed invoices and payroll", []string{"invoice-processing=Processed invoices", "payroll=Processed invoices and payroll"}},
		{"irregular past", "Wrote grant proposals for the foundation", []string{"proposal-writing=Wrote grant proposals"}},
		{"determiner between", "Resolved all customer complaints within a day", []string{"complaint-resolution=Resolved all customer complaints"}},
		{"frequency word before the object", "Prepared monthly financial statements", []string{"financial-statements=Prepared monthly financial statements"}},
		// what must not
		{"object not ending its phrase", "Managed inventory reports for the store", []string{}},
		{"preposition ends the phrase", "Reported to the director of operations", []string{}},
		{"participle after a preposition", "Cooked meals with planned menus", []string{}},
		{"verb as a noun after a determiner", "Joined the design team in May", []string{}},
		{"finite form inside a clause", "Completed process invoices training", []string{}},
		{"too many words between", "Negotiated the first three large new vendor contracts", []string{}},
		{"line ends the phrase", "Negotiated vendor\ncontracts yearly", []string{}},
		{"second phrase after a verb", "Trained staff, negotiated contracts", []string{"staff-training=Trained staff", "contract-negotiation=negotiated contracts"}},
		{"a gerund after a comma is no second object", "Trained staff, ensuring compliance", []string{"staff-training=Trained staff"}},
		{"generic object alone", "Designed control systems", []string{}},
		{"a duty, not a skill", "Analyzed data for the team", []string{}},
		{"no coordinated phrase after HEAD of", "Management of strategies, events", []string{}},
		{"HEAD of", "Management of corporate events", []string{"event-management=Management of corporate events"}},
		{"adjective as object", "Reported financial and operational results", []string{}},
		{"technical skills are named, not paraphrased", "Edited videos and designed APIs", []string{}},
		{"tech context never", "Designed widgets", []string{}},
		// the object's class: "staff" is also written as its members
		{"staff as new employees", "Trained four new employees on company procedures", []string{"staff-training=Trained four new employees"}},
		{"staff as personnel, second verb", "Hired, trained and evaluated personnel", []string{"staff-training=trained and evaluated personnel"}},
		{"staff as team members, HEAD of", "Assisted in the training of all new team members", []string{"staff-training=training of all new team members"}},
		{"staff as associates, other head", "Scheduled associates to meet labor hours", []string{"staff-scheduling=Scheduled associates"}},
		{"a member not ending its phrase", "Trained employee volunteers groups", []string{}},
		{"a member after a preposition", "Trained with new employees", []string{}},
		{"a member of no class of that skill's object", "Planned crew members", []string{}},
		{"a class under one head only", "Trained and scheduled the sales team", []string{"staff-training=Trained and scheduled the sales team"}},
		{"a second verb in the present is not read", "Process and reconcile invoices weekly", []string{}},
		{"a participle before a preposition ends the phrase", "Processed invoices received from vendors", []string{"invoice-processing=Processed invoices"}},
		{"a participle inside the phrase does not", "Negotiated discounted vendor contracts", []string{"contract-negotiation=Negotiated discounted vendor contracts"}},
		{"over before a number is a quantity", "Negotiated over 40 vendor contracts", []string{"contract-negotiation=Negotiated over 40 vendor contracts"}},
		{"over before no number is a preposition", "Planned over the summer events", []string{}},
		// relationships need their party, but after a verb of management
		{"party before the object", "Built strong client relationships", []string{"relationship-building=Built strong client relationships"}},
		{"party after with", "Maintained relationships with local and national agencies", []string{"relationship-upkeep=Maintained relationships"}},
		{"party after with, past coordinated words", "Built relationships with teachers, parents and donors", []string{"relationship-building=Built relationships"}},
		{"no party", "Built relationships with students in summer programs", []string{}},
		{"a preposition ends the party's words", "Maintained relationships among students through community projects", []string{}},
		{"no with after the phrase", "Built relationships to grow community programs", []string{}},
		{"management needs no party", "Managed key relationships", []string{"relationship-management=Managed key relationships"}},
		{"build a team", "Built and managed sales teams", []string{"team-building=Built and managed sales teams"}},
		{"deliver", "Delivered detailed presentations to key accounts", []string{"presentation-delivery=Delivered detailed presentations"}},
		{"delivered as a modifier", "Reviewed the delivered presentations", []string{}},
	}
	tx := verbTaxonomy(t)
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, verbMentionsOf(tx, tt.text)); diff != "" {
			t.Errorf("%s: Extract(%q) verb mentions (-want +got):\n%s", tt.name, tt.text, diff)
		}
	}
}

// TestVerbObjectDefault: the embedded taxonomy states a few skills by verb
// that it names by other words.
func TestVerbObjectDefault(t *testing.T) {
	tx := Default()
	for _, text := range []string{"Negotiated 40+ vendor contracts", "Planned corporate events", "Trained kitchen staff on food safety"} {
		if got := verbMentionsOf(tx, text); len(got) == 0 {
			t.Errorf("Extract(%q): no skill stated by its verb", text)
		}
	}
}

// TestObjectClassesDefault: in the embedded taxonomy, the skills named with
// the object "staff" are read where a resume writes the staff as employees,
// personnel, team members or new hires.
func TestObjectClassesDefault(t *testing.T) {
	tx := Default()
	for _, tt := range []verbCase{
		{"training", "Trained four new employees on accounting principles", []string{"staff-training=Trained four new employees"}},
		{"management", "Managed 25 employees across two stores", []string{"leadership=Managed 25 employees"}},
		{"evaluation after a second verb", "Supervised, trained and evaluated 40 personnel", []string{"staff-training=trained and evaluated 40 personnel", "performance-management=evaluated 40 personnel"}},
		{"scheduling", "Scheduled team members to keep staffing levels", []string{"scheduling=Scheduled team members"}},
		{"no member", "Trained customers on the new software", []string{}},
		{"relationships with a party", "Cultivated strong vendor relationships", []string{"relationship-management=Cultivated strong vendor relationships"}},
		{"relationships without one", "Established positive relationships with students", []string{}},
	} {
		if diff := cmp.Diff(tt.want, verbMentionsOf(tx, tt.text)); diff != "" {
			t.Errorf("%s: Extract(%q) verb mentions (-want +got):\n%s", tt.name, tt.text, diff)
		}
	}
}

// TestTrainingParaphrases: "conducted", "delivered" or "facilitated"
// training is staff training (curated aliases), attending one is not.
func TestTrainingParaphrases(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"Conducted training for hourly and salaried employees.", true},
		{"Facilitates and conducts training.", true},
		{"Developed and delivered training to department-wide employees.", true},
		{"Attended training sessions on safety.", false},
		{"Completed forklift training.", false},
	} {
		got := false
		for _, id := range ids(tt.text) {
			got = got || id == "staff-training"
		}
		if got != tt.want {
			t.Errorf("Extract(%q) staff-training %v, want %v (ids %v)", tt.text, got, tt.want, ids(tt.text))
		}
	}
}

// TestSoftSkillPhrases: the written forms of soft skills that curated
// aliases and verb patterns read, and near misses they must not.
func TestSoftSkillPhrases(t *testing.T) {
	for _, tt := range []struct {
		text, id string
		want     bool
	}{
		{"Delivered informative presentations to investors.", "public-speaking", true},
		{"Made presentations to division attorneys.", "public-speaking", true},
		{"Guest Speaker, American Cancer Society, 2007", "public-speaking", true},
		{"Prepared PowerPoint presentations for meetings.", "public-speaking", false},
		{"Skilled at managing multiple priorities.", "time-management", true},
		{"Excels at completing multiple tasks simultaneously.", "time-management", true},
		{"Extremely organized and self-motivated.", "organizational-skills", true},
		{"Kept a well organized stock room.", "organizational-skills", false},
		{"Customer service, Leadership, Organized, Scheduling", "organizational-skills", true},
		{"Reliable, Organized, Hard-working (no skill beside it: no list of skills)", "organizational-skills", false},
		{"Organized all events and daily duties.", "organizational-skills", false},
		{"Supervise a team of 8 receptionists and night auditors.", "leadership", true},
		{"Led the mechanical team in designing a testbed.", "leadership", true},
		{"Supervised eleven employees.", "leadership", true},
		{"Joined a leading team of analysts.", "leadership", false},
		{"Organized and implemented community events.", "event-planning", true},
		{"Organized nursing conferences on site.", "event-planning", true},
		{"Highly organized events coordinator.", "event-planning", false},
		{"Strategic and creative thinker.", "creativity", true},
		{"Taught creative writing to seniors.", "creativity", false},
		{"Careful and attentive listener.", "active-listening", true},
		{"Strong analytical mind.", "critical-thinking", true},
		{"Ran the analytical chemistry lab.", "critical-thinking", false},
		{"Able to communicate effectively with vendors.", "communication", true},
		{"Readily adapts to change.", "adaptability", true},
		{"Prepared a rolling forecast of cash receipts.", "forecasting", true},
		{"Developed and executed strategic and tactical plans.", "strategic-planning", true},
		{"Prepared weekly invoices and followed up on payments.", "invoicing", true},
		{"Audited vendor invoices for payment.", "invoicing", true},
		{"Filed invoices in the cabinet.", "invoicing", false},
		{"Performed various administrative functions, including filing.", "administrative-support", true},
		{"Did administrative and clerical work.", "clerical", true},
		{"Works well within a team, as well as individually.", "teamwork", true},
		{"Excellent communication skills, team participation.", "teamwork", true},
		{"Investigated and analyzed client complaints.", "complaint-resolution", true},
		{"Took escalated calls from providers.", "complaint-resolution", true},
		{"Reported patient complaints to the nurse.", "complaint-resolution", false},
	} {
		got := false
		for _, id := range ids(tt.text) {
			got = got || id == tt.id
		}
		if got != tt.want {
			t.Errorf("Extract(%q) %s %v, want %v (ids %v)", tt.text, tt.id, got, tt.want, ids(tt.text))
		}
	}
}

// TestVerbObjectOverlay: a skill an overlay adds gets its verb pattern too,
// and a context rule "tech" keeps a name out of it.
func TestVerbObjectOverlay(t *testing.T) {
	overlay := `version: t
skills:
  - {id: pallet-inspection, name: Pallet inspection, category: domain}
  - {id: gadget-design, name: Gadget design, category: domain, context: tech}
`
	base := verbTaxonomy(t)
	tx, err := LoadOverlay(base, strings.NewReader(overlay), "overlay.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []verbCase{
		{"overlay skill", "Inspected incoming pallets daily", []string{"pallet-inspection=Inspected incoming pallets"}},
		{"tech context never", "Designed gadgets", []string{}},
	} {
		if diff := cmp.Diff(tt.want, verbMentionsOf(tx, tt.text)); diff != "" {
			t.Errorf("%s: Extract(%q) verb mentions (-want +got):\n%s", tt.name, tt.text, diff)
		}
	}
	if got := verbMentionsOf(base, "Inspected incoming pallets daily"); len(got) != 0 {
		t.Errorf("without the overlay: %v, want no pallet inspection", got)
	}
}

// TestPlurals: the plural of an object's last word, and none for a word
// that already ends in "s".
func TestPlurals(t *testing.T) {
	for in, want := range map[string][]string{
		"contract": {"contracts"}, "policy": {"policies"}, "analysis": {"analyses"}, "process": {"processes"},
		"vendor contract": {"vendor contracts"}, "batch": {"batches"}, "day": {"days"},
		"accounts": nil, "records": nil, "status": nil, "hr": nil,
	} {
		if diff := cmp.Diff(want, plurals(in)); diff != "" {
			t.Errorf("plurals(%q) (-want +got):\n%s", in, diff)
		}
	}
}

// FuzzVerbPhrase checks that reading a phrase never panics or runs past
// the text, and that what Extract reports from a verb spans verb to object
// within one line.
func FuzzVerbPhrase(f *testing.F) {
	for _, s := range []string{"Negotiated 40+ vendor contracts", "Planned and coordinated events, budgets and", "managed, ", "Processed $1,200.50 invoices", "reconciled\u00a0accounts’ ", "management of"} {
		f.Add(s)
	}
	tx := Default()
	f.Fuzz(func(t *testing.T, text string) {
		for _, m := range tx.Extract(text) {
			if m.Start < 0 || m.End > len(text) || m.End <= m.Start {
				t.Fatalf("mention %+v out of range", m)
			}
			if verbStated(tx, text[m.Start:m.End], m.SkillID) && strings.ContainsAny(text[m.Start:m.End], "\n\r") {
				t.Fatalf("verb mention %+v crosses a line", m)
			}
		}
	})
}

// TestParaphraseForms: the written forms of set 13's paraphrased labels
// that the verb pass reads (object classes bound to a head, oversight as
// management), each beside a near miss that must not read.
func TestParaphraseForms(t *testing.T) {
	tx := Default()
	for _, tt := range []verbCase{
		{"managers trained", "Trained six managers and over twenty employees", []string{"staff-training=Trained six managers"}},
		{"workers trained", "Trained and mentored over 300 construction workers", []string{"staff-training=Trained and mentored over 300 construction workers"}},
		{"representatives trained", "Recruited, selected and trained sales representatives", []string{"staff-training=trained sales representatives"}},
		{"managers managed: no training", "Managed six managers", []string{}},
		{"trends analyzed", "Analyzed market trends to set prices", []string{"trend-analysis=Analyzed market trends"}},
		{"trends followed", "Followed market trends closely", []string{}},
		{"financial reports analyzed", "Analyze detailed monthly financial reports", []string{"financial-analysis=Analyze detailed monthly financial reports"}},
		{"financial alone", "Analyzed financial and operational results", []string{}},
		{"reports written", "Wrote incident reports for each shift", []string{"report-writing=Wrote incident reports"}},
		{"written by", "Reports written by the team", []string{}},
		{"programs evaluated", "Evaluated training and development programs", []string{"program-evaluation=Evaluated training and development programs"}},
		{"participants evaluated", "Evaluated program participants", []string{}},
		{"training modules designed", "Designed training modules for new hires", []string{"instructional-design=Designed training modules"}},
		{"training schedules designed", "Designed training schedules for gym members", []string{}},
		{"oversaw facilities", "Oversaw all facilities and grounds", []string{"facilities-management=Oversaw all facilities"}},
		{"overseen by", "Projects overseen by the director", []string{}},
	} {
		if diff := cmp.Diff(tt.want, verbMentionsOf(tx, tt.text)); diff != "" {
			t.Errorf("%s: Extract(%q) verb mentions (-want +got):\n%s", tt.name, tt.text, diff)
		}
	}
}
