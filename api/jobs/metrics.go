package jobs

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the runner's Prometheus series. Labels carry statuses only,
// never job ids or file names.
type metrics struct {
	items   *prometheus.CounterVec // by outcome: done, failed
	item    prometheus.Histogram   // seconds to decode, parse and score one item
	commit  prometheus.Histogram   // seconds to commit one batch
	ended   *prometheus.CounterVec // jobs by final status
	running prometheus.Gauge       // 1 while a job runs
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		items: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "skillmatch_job_items_total", Help: "Job items finished, by outcome (done or failed).",
		}, []string{"outcome"}),
		item: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "skillmatch_job_item_seconds", Help: "Time to decode, parse and score one job item.",
			Buckets: prometheus.ExponentialBuckets(0.001, 2, 14),
		}),
		commit: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "skillmatch_job_commit_seconds", Help: "Time to store the candidates and results of one batch of job items.",
			Buckets: prometheus.ExponentialBuckets(0.001, 2, 14),
		}),
		ended: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "skillmatch_jobs_ended_total", Help: "Jobs that ended, by final status.",
		}, []string{"status"}),
		running: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "skillmatch_jobs_running", Help: "1 while the runner works on a job.",
		}),
	}
	if reg == nil {
		return m, nil
	}
	for _, c := range []prometheus.Collector{m.items, m.item, m.commit, m.ended, m.running} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func since(t time.Time) float64 { return time.Since(t).Seconds() }
