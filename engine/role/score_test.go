package role

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

func intp(v int) *int       { return &v }
func strp(v string) *string { return &v }

// sk is a resume skill; months < 0 means unknown.
func sk(id string, months int, last string) engine.Skill {
	s := engine.Skill{ID: id, Name: id, Evidence: []engine.Evidence{{Section: "experience", Line: 3, Text: "used " + id}}}
	if months >= 0 {
		s.Months = intp(months)
	}
	if last != "" {
		s.LastUsed = strp(last)
	}
	return s
}

func resumeWith(skills ...engine.Skill) engine.Resume {
	return engine.Resume{AsOf: "2026-06-01", Skills: skills}
}

func TestScoreRequirementStatus(t *testing.T) {
	tax := testTax(t)
	tests := []struct {
		name       string
		req        Requirement
		skills     []engine.Skill
		wantStatus string
		wantSkill  string
		wantVia    string
		wantCredit float64
	}{
		{"direct", req(0, "Python"), []engine.Skill{sk("python", 60, "2026-01")}, StatusMet, "Python", "", 1},
		{"direct, less depth", req(0, "Python"), []engine.Skill{sk("python", 24, "2026-01")}, StatusMet, "Python", "", 0.9},
		{"direct, only listed", req(0, "Python"), []engine.Skill{sk("python", -1, "")}, StatusMet, "Python", "", 0.8},
		{"implied by Django", req(0, "Python"), []engine.Skill{sk("django", 48, "2026-01")}, StatusMet, "Python", "django", 1},
		{"implied by EKS", req(0, "Kubernetes"), []engine.Skill{sk("eks", 50, "2026-01")}, StatusMet, "Kubernetes", "eks", 1},
		{"related Flask for Django", req(0, "Django"), []engine.Skill{sk("flask", 48, "2026-01")}, StatusPartlyMet, "Django", "flask", 0.5},
		{"direct beats related", req(0, "Django"), []engine.Skill{sk("flask", 60, ""), sk("django", 24, "")}, StatusMet, "Django", "", 0.9},
		{"any-of second alternative", req(0, "AWS", "Azure", "GCP"), []engine.Skill{sk("gcp", 48, "")}, StatusMet, "GCP", "", 1},
		{"enough months", req(24, "Docker"), []engine.Skill{sk("docker", 36, "2026-05")}, StatusMet, "Docker", "", 1},
		{"half the months", req(24, "Docker"), []engine.Skill{sk("docker", 12, "2026-05")}, StatusPartlyMet, "Docker", "", 0.7},
		{"months unknown", req(24, "Docker"), []engine.Skill{sk("docker", -1, "")}, StatusUnknown, "Docker", "", 0.6},
		{"recent enough", Requirement{Skills: []string{"Java"}, MaxMonthsAgo: 24, Weight: 1}, []engine.Skill{sk("java", 48, "2025-01")}, StatusMet, "Java", "", 1},
		{"used long ago", Requirement{Skills: []string{"Java"}, MaxMonthsAgo: 24, Weight: 1}, []engine.Skill{sk("java", 48, "2022-06")}, StatusPartlyMet, "Java", "", 0.5},
		{"missing", req(0, "Go"), []engine.Skill{sk("python", 30, "")}, StatusMissing, "", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ro := Role{Title: "T", Required: []Requirement{tt.req}}
			m := Score(resumeWith(tt.skills...), ro, tax)
			got := m.Requirements[0]
			if got.Status != tt.wantStatus || got.Skill != tt.wantSkill || got.Via != tt.wantVia || math.Abs(got.Credit-tt.wantCredit) > 1e-9 {
				t.Errorf("status, skill, via, credit = %s, %q, %q, %v; want %s, %q, %q, %v (reason %q)",
					got.Status, got.Skill, got.Via, got.Credit, tt.wantStatus, tt.wantSkill, tt.wantVia, tt.wantCredit, got.Reason)
			}
			if want := roundScore(tt.wantCredit); m.Score != want {
				t.Errorf("Score = %v, want %v (one requirement is the whole score)", m.Score, want)
			}
			if got.Reason == "" {
				t.Error("empty Reason")
			}
			if tt.wantStatus == StatusMissing {
				if diff := cmp.Diff([]string{orList(tt.req.Skills)}, m.Missing); diff != "" {
					t.Errorf("Missing (-want +got):\n%s", diff)
				}
			} else if len(got.Evidence) == 0 {
				t.Error("no evidence for a satisfied requirement")
			}
		})
	}
}

func TestScoreParts(t *testing.T) {
	tax := testTax(t)
	ro := Role{Title: "T", Required: []Requirement{req(0, "Python"), req(0, "SQL")}, Plus: []Requirement{req(0, "Docker"), req(0, "Git")},
		Education: "bachelor", MinTotalMonths: 48}
	r := resumeWith(sk("python", 48, ""), sk("docker", 60, ""))
	r.Education = []engine.Education{{Level: "associate"}}
	r.TotalMonths = 24
	m := Score(r, ro, tax)
	// required 1/2 of 0.70, plus 1/2 of 0.15, education 0.5 of 0.075, experience 0.5 of 0.075
	want := 0.35 + 0.075 + 0.0375 + 0.0375
	if m.Score != roundScore(want) {
		t.Errorf("Score = %v, want %v", m.Score, roundScore(want))
	}
	if m.Education.Status != StatusPartlyMet || m.Experience.Status != StatusPartlyMet {
		t.Errorf("education, experience status = %s, %s; want partly_met twice", m.Education.Status, m.Experience.Status)
	}
	if diff := cmp.Diff([]string{"SQL"}, m.Missing); diff != "" {
		t.Errorf("Missing (-want +got):\n%s", diff)
	}
	if m.Summary != "Meets 1 of 2 required and 1 of 2 plus; missing SQL." {
		t.Errorf("Summary = %q", m.Summary)
	}
}

func TestScoreDeterministic(t *testing.T) {
	tax := testTax(t)
	ro := Role{Title: "T", Required: []Requirement{req(12, "Python"), req(0, "AWS", "GCP"), {Skills: []string{"Docker"}, MaxMonthsAgo: 12, Weight: 2}}, Plus: []Requirement{req(0, "Git")}}
	r := resumeWith(sk("django", 20, "2024-01"), sk("python", 5, "2026-01"), sk("gcp", -1, ""), sk("docker", 40, "2023-03"), sk("git", -1, ""))
	first := Score(r, ro, tax)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20; i++ {
		shuffled := r
		shuffled.Skills = append([]engine.Skill(nil), r.Skills...)
		rng.Shuffle(len(shuffled.Skills), func(a, b int) { shuffled.Skills[a], shuffled.Skills[b] = shuffled.Skills[b], shuffled.Skills[a] })
		if diff := cmp.Diff(first, Score(shuffled, ro, tax), cmpopts.IgnoreUnexported(Match{})); diff != "" {
			t.Fatalf("Score changed with skill order (-first +now):\n%s", diff)
		}
	}
}

// TestMissingRequiredNeverOutranks removes one required skill from random
// candidates: the score must not rise, and the ranker must put the complete
// candidate first.
func TestMissingRequiredNeverOutranks(t *testing.T) {
	tax := testTax(t)
	ro := Role{Title: "T", Required: []Requirement{req(24, "Python"), req(0, "SQL"), req(0, "AWS", "GCP", "Azure"), req(0, "Django")}, Plus: []Requirement{req(0, "Docker"), req(0, "Git")}, Education: "bachelor", MinTotalMonths: 36}
	rng := rand.New(rand.NewPCG(7, 7))
	for i := 0; i < 300; i++ {
		full := randomResume(rng, tax)
		full.Skills = append(full.Skills, sk("python", rng.IntN(60), ""), sk("sql", -1, ""), sk("aws", rng.IntN(30), "2025-01"), sk("django", rng.IntN(50), "2026-01"))
		drop := []string{"python", "sql", "aws", "django"}[rng.IntN(4)]
		lacking := full
		lacking.Skills = nil
		for _, s := range full.Skills {
			if s.ID != drop && !(drop == "python" && (s.ID == "django" || s.ID == "flask")) && !(drop == "django" && s.ID == "flask") && !(drop == "sql" && s.ID == "postgresql") && !(drop == "aws" && (s.ID == "gcp" || s.ID == "azure" || s.ID == "eks")) {
				lacking.Skills = append(lacking.Skills, s)
			}
		}
		if drop == "python" {
			ro := ro
			ro.Required = []Requirement{req(24, "Python"), req(0, "SQL")}
			checkOutranks(t, tax, ro, full, lacking)
			continue
		}
		checkOutranks(t, tax, ro, full, lacking)
	}
}

func checkOutranks(t *testing.T, tx *taxonomy.Taxonomy, ro Role, full, lacking engine.Resume) {
	t.Helper()
	a, b := Score(full, ro, tx), Score(lacking, ro, tx)
	if len(b.Missing) == 0 {
		t.Fatalf("lacking candidate misses nothing: %+v", b.Requirements)
	}
	if a.Score < b.Score {
		t.Fatalf("without a required skill the score rose: %v → %v", a.Score, b.Score)
	}
	k := NewRanker(tx)
	k.Add("a-lacking", lacking) // ids sort the lacking one first on a pure id tie
	k.Add("b-full", full)
	got := k.Rank(ro, RankOptions{})
	if got[0].ID != "b-full" {
		t.Fatalf("Rank = %+v; the candidate with every required skill must come first", got)
	}
	strict := k.Rank(ro, RankOptions{Strict: true})
	if len(a.Missing) == 0 && (len(strict) != 1 || strict[0].ID != "b-full") {
		t.Fatalf("strict Rank = %+v, want only b-full", strict)
	}
}

// TestTitleSkillIsCore: a skill the role title names is the one that
// defines the job, so missing it costs more than missing another required
// skill; without it in the title the two weigh the same.
func TestTitleSkillIsCore(t *testing.T) {
	tax := testTax(t)
	hasGo := resumeWith(sk("go", 60, "2026-01"))
	hasDocker := resumeWith(sk("docker", 60, "2026-01"))
	reqs := []Requirement{req(0, "Go"), req(0, "Docker")}
	core := Role{Title: "Go Developer", Required: reqs}
	if a, b := Score(hasGo, core, tax), Score(hasDocker, core, tax); a.Score <= b.Score {
		t.Errorf("%q: with Go %v, with Docker %v; want Go (named in the title) higher", core.Title, a.Score, b.Score)
	}
	plain := Role{Title: "Backend Developer", Required: reqs}
	if a, b := Score(hasGo, plain, tax), Score(hasDocker, plain, tax); a.Score != b.Score {
		t.Errorf("%q: with Go %v, with Docker %v; want equal", plain.Title, a.Score, b.Score)
	}
	// the Ranker computes the same numbers
	k := NewRanker(tax)
	k.Add("go", hasGo)
	k.Add("docker", hasDocker)
	for _, r := range k.Rank(core, RankOptions{}) {
		want := Score(map[string]engine.Resume{"go": hasGo, "docker": hasDocker}[r.ID], core, tax).Score
		if r.Score != want {
			t.Errorf("Ranker %s = %v, Score = %v", r.ID, r.Score, want)
		}
	}
}

// TestRetiredSkillIDs: a profile stored before a skill was merged into
// another names the retired id (FTP's O*NET id, Java Server Pages); it
// scores as the skill that holds it now, in Score and in the Ranker alike.
func TestRetiredSkillIDs(t *testing.T) {
	tax := taxonomy.Default()
	merged := tax.Merged()
	for _, old := range []string{"file-transfer-protocol-ftp", "java-server-pages"} {
		if merged[old] == "" {
			t.Fatalf("%s is not a retired id any more; pick another for this test", old)
		}
	}
	ro, err := Parse([]byte("title: Web Administrator\nrequired: [FTP, JSP]\nplus: [Docker]\n"), "r.yaml", tax)
	if err != nil {
		t.Fatal(err)
	}
	stored := resumeWith(sk("file-transfer-protocol-ftp", 24, "2026-01"), sk("java-server-pages", 36, "2025-06"))
	today := resumeWith(sk("ftp", 24, "2026-01"), sk("jsp", 36, "2025-06"))
	want := Score(today, ro, tax)
	if len(want.Missing) > 0 {
		t.Fatalf("the current ids miss %v: the test would prove nothing", want.Missing)
	}
	if got := Score(stored, ro, tax); got.Score != want.Score || len(got.Missing) != 0 {
		t.Errorf("Score with retired ids = %v missing %v, want %v as with the current ids", got.Score, got.Missing, want.Score)
	}
	k := NewRanker(tax)
	k.Add("stored", stored)
	k.Add("today", today)
	got := k.Rank(ro, RankOptions{Limit: 2})
	if len(got) != 2 || got[0].Score != want.Score || got[1].Score != want.Score {
		t.Errorf("Ranker = %+v, want both at %v", got, want.Score)
	}
	if stored.Skills[0].ID != "file-transfer-protocol-ftp" {
		t.Errorf("scoring changed the caller's profile: skill id %q", stored.Skills[0].ID)
	}
}
