package api

import (
	"sync"
	"time"
)

// limiter is a token bucket per API key. It is small on purpose: keys are
// few, so buckets are never evicted.
type limiter struct {
	rate  float64 // tokens per second; 0 disables
	burst float64
	mu    sync.Mutex
	keys  map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(r RateLimit) *limiter {
	burst := float64(r.Burst)
	if burst < 1 {
		burst = max(1, r.PerSecond)
	}
	return &limiter{rate: r.PerSecond, burst: burst, keys: map[string]*bucket{}}
}

// allow takes a token from key's bucket at time now. When the bucket is
// empty it returns false and how long until a token is back.
func (l *limiter) allow(key string, now time.Time) (bool, time.Duration) {
	if l.rate <= 0 {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.keys[key]
	if !ok {
		b = &bucket{tokens: l.burst, last: now}
		l.keys[key] = b
	}
	if el := now.Sub(b.last).Seconds(); el > 0 {
		b.tokens = min(l.burst, b.tokens+el*l.rate)
		b.last = now
	}
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
}
