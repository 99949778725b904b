package api

import (
	"context"
	"sync"

	"github.com/skillmatch/skillmatch/engine/role"
)

// roleCache keeps the current version of recently read roles, so a matches
// request does not read and decode the role from the store each time. The
// store is held by this process alone (index.Open locks the folder) and
// roles change only through this API, which calls forget after every
// update. A load that raced an update is not cached: forget bumps gen, and
// a load caches only when gen did not move while it read the store.
type roleCache struct {
	mu  sync.Mutex
	gen uint64
	m   map[string]role.Role
}

const roleCacheSize = 1024

// get returns role id from the cache or the store (errors are not cached).
func (c *roleCache) get(ctx context.Context, st Store, id string) (role.Role, error) {
	c.mu.Lock()
	ro, ok := c.m[id]
	gen := c.gen
	c.mu.Unlock()
	if ok {
		return ro, nil
	}
	ro, err := st.GetRole(ctx, id)
	if err != nil {
		return role.Role{}, err
	}
	c.mu.Lock()
	if c.gen == gen {
		if c.m == nil || len(c.m) >= roleCacheSize {
			c.m = map[string]role.Role{}
		}
		c.m[id] = ro
	}
	c.mu.Unlock()
	return ro, nil
}

// forget drops role id; call it after the role changed in the store.
func (c *roleCache) forget(id string) {
	c.mu.Lock()
	c.gen++
	delete(c.m, id)
	c.mu.Unlock()
}
