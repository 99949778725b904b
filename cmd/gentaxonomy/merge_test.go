package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMergeFoldsDuplicate checks that a retired generated skill's names move
// to the keeper, edges to it follow, and the map is kept for skills.json.
func TestMergeFoldsDuplicate(t *testing.T) {
	b := newBuilder(map[string]bool{}, nil)
	if err := b.addCurated([]curatedSkill{
		{ID: "ftp", Name: "FTP", Category: "protocol", Aliases: []string{"file transfer protocol"}},
		{ID: "sftp-client", Name: "SFTP client", Category: "tool"},
	}); err != nil {
		t.Fatal(err)
	}
	b.add("onet", "File transfer protocol FTP", "software", []string{"File transfer protocol FTP software"})
	if b.skills["file-transfer-protocol-ftp"] == nil {
		t.Fatalf("setup: no generated duplicate; skills %v", keys(b.skills))
	}
	b.skills["sftp-client"].Related = []string{"file-transfer-protocol-ftp"}
	b.markCase()
	if err := b.merge(map[string]string{"file-transfer-protocol-ftp": "ftp", "gone-already": "ftp"}); err != nil {
		t.Fatal(err)
	}
	if b.skills["file-transfer-protocol-ftp"] != nil {
		t.Error("the retired skill is still there")
	}
	want := []string{"file transfer protocol", "File transfer protocol FTP", "File transfer protocol FTP software"}
	if diff := cmp.Diff(want, b.skills["ftp"].Aliases); diff != "" {
		t.Errorf("keeper's aliases (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"ftp"}, b.skills["sftp-client"].Related); diff != "" {
		t.Errorf("edge to the retired id (-want +got):\n%s", diff)
	}
	if got := b.byName[norm("File transfer protocol FTP")]; got != "ftp" {
		t.Errorf("byName of a moved name = %q", got)
	}
	data, _ := b.encode("test")
	if !strings.Contains(string(data), `"merged": {"file-transfer-protocol-ftp":"ftp","gone-already":"ftp"},`) {
		t.Errorf("skills.json lacks the merged map:\n%s", data)
	}
}

func TestMergeErrors(t *testing.T) {
	for name, merged := range map[string]map[string]string{
		"unknown keeper":  {"a": "nope"},
		"retired keeper":  {"a": "b", "b": "c"},
		"curated retired": {"c": "b"},
	} {
		b := newBuilder(map[string]bool{}, nil)
		if err := b.addCurated([]curatedSkill{{ID: "b", Name: "Bee", Category: "tool"}, {ID: "c", Name: "Cee", Category: "tool"}}); err != nil {
			t.Fatal(err)
		}
		b.add("onet", "Aye Product", "software", nil)
		if err := b.merge(merged); err == nil {
			t.Errorf("%s: merge(%v) succeeded", name, merged)
		}
	}
}

// TestCheckStableIDs checks that an id of the previous file may move into
// the merged map but never vanish.
func TestCheckStableIDs(t *testing.T) {
	prev := filepath.Join(t.TempDir(), "skills.json")
	if err := os.WriteFile(prev, []byte(`{"version": "1", "merged": {"old": "a"}, "skills": [{"id":"a"},{"id":"b"},{"id":"c"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	skills := map[string]*curatedSkill{"a": {}, "b": {}}
	if err := checkStableIDs(prev, skills, map[string]string{"c": "b", "old": "a"}); err != nil {
		t.Errorf("c merged into b: %v", err)
	}
	err := checkStableIDs(prev, skills, map[string]string{"old": "a"})
	if err == nil || !strings.Contains(err.Error(), ": c") {
		t.Errorf("c vanished: err = %v", err)
	}
	if err := checkStableIDs(prev, skills, map[string]string{"c": "b"}); err == nil || !strings.Contains(err.Error(), "old") {
		t.Errorf("a retired id dropped from merged: err = %v", err)
	}
	if err := checkStableIDs(filepath.Join(t.TempDir(), "none.json"), skills, nil); err != nil {
		t.Errorf("no previous file: %v", err)
	}
}

// TestONETNamesInnerAcronym checks that "Name ACRONYM software" keeps its
// name (and id) but also answers to the name without the acronym and to a
// long acronym.
func TestONETNamesInnerAcronym(t *testing.T) {
	b := newBuilder(map[string]bool{}, nil)
	name, aliases, ok := b.onetNames("Radio frequency identification RFID software", false)
	if !ok || name != "Radio frequency identification RFID" {
		t.Fatalf("name = %q, %v", name, ok)
	}
	want := []string{"Radio frequency identification RFID software", "Radio frequency identification", "RFID"}
	if diff := cmp.Diff(want, aliases); diff != "" {
		t.Errorf("aliases (-want +got):\n%s", diff)
	}
	_, aliases, _ = b.onetNames("File transfer protocol FTP software", false)
	if diff := cmp.Diff([]string{"File transfer protocol FTP software", "File transfer protocol"}, aliases); diff != "" {
		t.Errorf("three-letter acronym (-want +got):\n%s", diff)
	}
}

func keys(m map[string]*curatedSkill) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestAddTagsPicked checks that a hand-picked plain tag becomes a skill under
// its display name when Stack Overflow confirms it, and that an unpicked or
// rare one does not.
func TestAddTagsPicked(t *testing.T) {
	b := newBuilder(map[string]bool{}, nil)
	tags := map[string]int{"virtualbox": 5638, "footer": 9000, "gns3": 40}
	b.addTags(tags, map[string]string{"virtualbox": "Oracle VM VirtualBox", "gns3": "GNS3"})
	s := b.skills["oracle-vm-virtualbox"]
	if s == nil || s.Name != "Oracle VM VirtualBox" {
		t.Fatalf("virtualbox not imported: %v", keys(b.skills))
	}
	if diff := cmp.Diff([]string{"virtualbox"}, s.Aliases); diff != "" {
		t.Errorf("aliases (-want +got):\n%s", diff)
	}
	if len(b.skills) != 1 {
		t.Errorf("skills = %v, want only VirtualBox (footer is not picked, gns3 too rare)", keys(b.skills))
	}
}

// TestReadTagsTakesLargerCount checks that a tag in both exports counts with
// the larger number and a tag in one of them is kept.
func TestReadTagsTakesLargerCount(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	os.WriteFile(a, []byte("Id,TagName,Count\n\"1\",\"yarn\",\"3618\"\n\"2\",\"go\",\"60000\"\n"), 0o644)
	os.WriteFile(b, []byte("Id,TagName,Count\n\"1\",\"yarn\",\"3562\"\n\"3\",\"parquet\",\"2673\"\n"), 0o644)
	got, err := readTags(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]int{"yarn": 3618, "go": 60000, "parquet": 2673}, got); diff != "" {
		t.Errorf("tags (-want +got):\n%s", diff)
	}
}

// TestProductWord checks which last words of an O*NET product name are names
// of their own.
func TestProductWord(t *testing.T) {
	b := newBuilder(map[string]bool{"server": true, "gold": true, "mine": true}, nil)
	for name, want := range map[string]string{
		"Hyland Software OnBase":     "OnBase",
		"Epic Systems EpicCare":      "EpicCare",
		"Pix4D Pix4Dmapper":          "Pix4Dmapper",
		"eMDs Medisoft":              "",         // a plain capitalised word may be English
		"Microsoft Windows Server":   "",         // an English word
		"HEAT Software GoldMine":     "GoldMine", // English words run together, but a capital inside makes a name
		"Acme Goldmine":              "",         // English words run together
		"Adobe Acrobat PDF":          "",         // an acronym
		"OnBase":                     "",         // one word: already the name
		"Wind River Systems VxWorks": "VxWorks",
		"Infor ERP SyteLine":         "SyteLine",
	} {
		if got := b.productWord(name); got != want {
			t.Errorf("productWord(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestONETLongTail checks the stricter reading of O*NET products named by one
// occupation only: a vendor is never left as the name, a plain word is not
// imported, a phrase of everyday words counts only in skills lists, a
// vendor-stripped phrase is no alias, a tail product's own word never
// takes the alias of a product more occupations use, and the tail of an
// occupation group outside tailGroups comes in only when picked.
func TestONETLongTail(t *testing.T) {
	words := map[string]bool{"private": true, "practice": true, "learning": true, "management": true, "square": true}
	b := newBuilder(words, nil)
	b.addONET([]onetTool{
		{Example: "Cadence OrCAD PSpice", Occupations: 1, Group: "17"},
		{Example: "Scientific Software Group AQUA3D", Occupations: 1, Group: "19"},
		{Example: "Cadence PSpice", Occupations: 3},
		{Example: "QUALCOMM QTRACS", Occupations: 1, Group: "43"},
		{Example: "Tyler Technologies MUNIS", Occupations: 1, Group: "13"},
		{Example: "Defense Travel System DTS", Occupations: 1, Group: "13"},
		{Example: "Private Practice", Occupations: 1, Group: "11"},
		{Example: "Private Practice Management", Occupations: 1, Group: "11"},
		{Example: "Square", Occupations: 1, Group: "13"},
		{Example: "Oracle Learning Management", Occupations: 1, Group: "13"},
		{Example: "Search engine marketing SEM software", Occupations: 1, Group: "11"},
	}, map[string]int{"square": 5000}, []string{"Cadence OrCAD PSpice"})
	b.addProductWords()
	type entry struct {
		Name, Context string
		Aliases       []string
	}
	got := map[string]entry{}
	for id, s := range b.skills {
		got[id] = entry{s.Name, s.Context, s.Aliases}
	}
	want := map[string]entry{
		"cadence-orcad-pspice":        {"Cadence OrCAD PSpice", "", nil},
		"cadence-pspice":              {"Cadence PSpice", "", []string{"PSpice"}},
		"qualcomm-qtracs":             {"QUALCOMM QTRACS", "", []string{"QTRACS"}},
		"tyler-technologies-munis":    {"Tyler Technologies MUNIS", "", []string{"MUNIS"}},
		"defense-travel-system-dts":   {"Defense Travel System DTS", "", []string{"Defense Travel System"}},
		"private-practice":            {"Private Practice", "list", nil},
		"private-practice-management": {"Private Practice Management", "", nil},
		"oracle-learning-management":  {"Oracle Learning Management", "", nil},
		"search-engine-marketing-sem": {"Search engine marketing SEM", "", []string{"Search engine marketing SEM software", "Search engine marketing"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("skills (-want +got):\n%s", diff)
	}
}
