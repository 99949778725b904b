package index

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/role"
)

func TestRoles(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	r := role.Role{
		Title:    "Python Backend Developer",
		Required: []role.Requirement{{Skills: []string{"Python"}, Weight: 1}, {Skills: []string{"Django", "Flask"}, Weight: 1}},
		Plus:     []role.Requirement{{Skills: []string{"AWS"}, Weight: 1}},
	}
	v1, err := s.PutRole(ctx, r)
	if err != nil {
		t.Fatalf("PutRole: %v", err)
	}
	if v1.ID == "" || v1.Version == "" {
		t.Fatalf("PutRole did not assign id and version: %+v", v1)
	}
	again, err := s.PutRole(ctx, r)
	if err != nil || again.ID == v1.ID || again.Version != v1.Version {
		t.Errorf("PutRole of the same content without id = %+v, %v; want a new id, same version", again, err)
	}

	changed := v1
	changed.Version = ""
	changed.MinTotalMonths = 24
	v2, err := s.PutRole(ctx, changed)
	if err != nil || v2.ID != v1.ID || v2.Version == v1.Version {
		t.Fatalf("PutRole of a new version = %+v, %v", v2, err)
	}
	got, err := s.GetRole(ctx, v1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(v2, got); diff != "" {
		t.Errorf("GetRole is not the latest version (-want +got):\n%s", diff)
	}
	old, err := s.GetRoleVersion(ctx, v1.ID, v1.Version)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(v1, old.Role); diff != "" {
		t.Errorf("GetRoleVersion(v1) (-want +got):\n%s", diff)
	}
	versions, err := s.RoleVersions(ctx, v1.ID)
	if err != nil || len(versions) != 2 || versions[0].Version != v1.Version || versions[1].Version != v2.Version {
		t.Errorf("RoleVersions = %+v, %v", versions, err)
	}
	list, err := s.ListRoles(ctx)
	if err != nil || len(list) != 2 {
		t.Errorf("ListRoles = %d roles, %v; want 2", len(list), err)
	}
	for _, id := range []string{"nope"} {
		if _, err := s.GetRole(ctx, id); !errors.Is(err, engine.ErrNotFound) {
			t.Errorf("GetRole(%s): err = %v, want ErrNotFound", id, err)
		}
		if _, err := s.RoleVersions(ctx, id); !errors.Is(err, engine.ErrNotFound) {
			t.Errorf("RoleVersions(%s): err = %v, want ErrNotFound", id, err)
		}
	}
	if _, err := s.GetRoleVersion(ctx, v1.ID, "nope"); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("GetRoleVersion(unknown version): err = %v, want ErrNotFound", err)
	}
	if _, err := s.PutRole(ctx, role.Role{}); !errors.Is(err, engine.ErrInvalid) {
		t.Errorf("PutRole(empty): err = %v, want ErrInvalid", err)
	}
}
