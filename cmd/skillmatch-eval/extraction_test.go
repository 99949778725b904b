package main

import "testing"

func TestOtherSkillKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Protein Purification", "protein-purification"},
		{"protein-purification", "protein-purification"},
		{"Food plating & presentation", "food-plating-presentation"},
		{"  Kepware ", "kepware"},
		{"Escrow analyses", "escrow-analyse"},
		{"Wine pairings", "wine-pairing"},
		{"Business", "business"}, // a double s is not a plural
		{"C.N.C.", "c-n-c"},
	}
	for _, tt := range tests {
		if got := otherSkillKey(tt.in); got != tt.want {
			t.Errorf("otherSkillKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMatchOtherSkills(t *testing.T) {
	tests := []struct {
		name           string
		others         []string
		labels         []string
		found, unmatch int
	}{
		{"a ?label named", []string{"Protein Purification"}, []string{"?protein-purification"}, 1, 0},
		{"plural on either side", []string{"Wine pairing", "Escrow Analyses"}, []string{"?wine-pairings", "?escrow-analyse"}, 2, 0},
		{"no label", []string{"Lab safety"}, []string{"?protein-purification"}, 0, 1},
		{"an id label is neither", []string{"Kepware"}, []string{"kepware"}, 0, 0},
		{"labels of every kind", []string{"Kepware", "Food plating", "Lab safety"}, []string{"python", "?food-plating", "?kepware"}, 2, 1},
		{"nothing fuzzier", []string{"Protein purification methods"}, []string{"?protein-purification"}, 0, 1},
		{"one label found once", []string{"Food plating", "food plating"}, []string{"?food-plating"}, 1, 0},
	}
	for _, tt := range tests {
		found, unmatched := matchOtherSkills(tt.others, tt.labels)
		if found != tt.found || unmatched != tt.unmatch {
			t.Errorf("%s: matchOtherSkills = %d found, %d unmatched; want %d, %d", tt.name, found, unmatched, tt.found, tt.unmatch)
		}
	}
}
