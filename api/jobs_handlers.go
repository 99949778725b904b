package api

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/skillmatch/skillmatch/api/jobs"
	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/index"
)

// JobRunner runs batch scoring jobs; *jobs.Runner implements it. Errors wrap
// the engine sentinels like the Store's.
type JobRunner interface {
	Submit(ctx context.Context, req jobs.Request) (index.Job, bool, error)
	Get(ctx context.Context, id string) (index.Job, error)
	Results(ctx context.Context, id string) (jobs.Results, error)
	Cancel(ctx context.Context, id string) (index.Job, error)
	Limits() jobs.Limits
}

// jobView is the JSON of a job: its progress, not its files.
type jobView struct {
	ID          string    `json:"id"`
	RoleID      string    `json:"role_id"`
	Status      string    `json:"status"`
	Total       int       `json:"total"`
	Done        int       `json:"done"`
	Failed      int       `json:"failed"`
	Error       string    `json:"error,omitempty"`
	CallbackURL string    `json:"callback_url,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
	// Callback is the delivery of the callback, once the job has ended.
	Callback *callbackView `json:"callback,omitempty"`
}

// callbackView is the JSON of a job's callback delivery.
type callbackView struct {
	Status        string     `json:"status"` // pending, delivered, failed
	Attempts      int        `json:"attempts"`
	LastStatus    int        `json:"last_status,omitempty"` // HTTP status of the last answer
	LastError     string     `json:"last_error,omitempty"`
	NextAttemptAt *time.Time `json:"next_attempt_at,omitempty"` // while pending
	UpdatedAt     time.Time  `json:"updated_at"`
}

func viewOfJob(j index.Job) jobView {
	v := jobView{
		ID: j.ID, RoleID: j.RoleID, Status: j.Status, Total: j.Total, Done: j.Done, Failed: j.Failed,
		Error: j.Error, CallbackURL: j.CallbackURL, CreatedAt: j.CreatedAt, UpdatedAt: j.UpdatedAt,
	}
	if cb := j.Callback; cb != nil {
		v.Callback = &callbackView{Status: cb.Status, Attempts: cb.Attempts, LastStatus: cb.LastStatus,
			LastError: cb.LastError, UpdatedAt: cb.UpdatedAt}
		if cb.Status == index.CallbackPending {
			next := cb.NextAt
			v.Callback.NextAttemptAt = &next
		}
	}
	return v
}

// errJobsDisabled answers the job routes of a server built without a runner.
var errJobsDisabled = fmt.Errorf("batch jobs are not enabled on this server: %w", engine.ErrNotFound)

// jobBodyCap caps a job request at the runner's byte budget plus room for
// the multipart framing and form fields.
func (s *server) jobBodyCap(c *gin.Context) {
	if s.cfg.Jobs == nil {
		s.fail(c, errJobsDisabled)
		return
	}
	s.bodyCap(s.cfg.Jobs.Limits().MaxTotalBytes + 1<<20)(c)
}

// createJob accepts a multipart form — role_id, optional callback_url, one or
// more "file" fields (resumes, or zips of resumes) — persists the job and
// answers 202 with it. With an Idempotency-Key header a retried request gets
// the job the first one created (and the header Idempotent-Replayed: true).
func (s *server) createJob(c *gin.Context) {
	mr, err := multipartBody(c.Request, "a job", "role_id and fields named \"file\"")
	if err != nil {
		s.fail(c, err)
		return
	}
	k, _ := keyOf(c)
	req := jobs.Request{IdempotencyKey: strings.TrimSpace(c.GetHeader("Idempotency-Key")), KeyID: k.ID}
	lim := s.cfg.Jobs.Limits()
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			s.fail(c, bodyError("read multipart body", err))
			return
		}
		switch part.FormName() {
		case "file":
			if len(req.Files) >= lim.MaxFiles {
				part.Close()
				s.fail(c, fmt.Errorf("more than %d files in one job: %w", lim.MaxFiles, engine.ErrTooLarge))
				return
			}
			data, err := io.ReadAll(part)
			if err != nil {
				part.Close()
				s.fail(c, bodyError("read "+jobs.DisplayName(part.FileName()), err))
				return
			}
			req.Files = append(req.Files, jobs.Upload{Name: part.FileName(), Data: data})
		case "role_id", "callback_url":
			v, err := io.ReadAll(io.LimitReader(part, 4<<10))
			if err != nil {
				part.Close()
				s.fail(c, bodyError("read "+part.FormName(), err))
				return
			}
			if part.FormName() == "role_id" {
				req.RoleID = strings.TrimSpace(string(v))
			} else {
				req.CallbackURL = strings.TrimSpace(string(v))
			}
		}
		part.Close()
	}
	job, created, err := s.cfg.Jobs.Submit(c.Request.Context(), req)
	if err != nil {
		s.fail(c, err)
		return
	}
	if !created {
		c.Header("Idempotent-Replayed", "true")
	}
	c.Header("Location", "/api/v1/jobs/"+job.ID)
	c.JSON(http.StatusAccepted, viewOfJob(job))
}

// jobOf loads the job in the path. A recruiter key sees only the jobs it
// created (others are "not found"); an admin key sees every job.
func (s *server) jobOf(c *gin.Context) (index.Job, bool) {
	if s.cfg.Jobs == nil {
		s.fail(c, errJobsDisabled)
		return index.Job{}, false
	}
	id := c.Param("id")
	job, err := s.cfg.Jobs.Get(c.Request.Context(), id)
	if err == nil {
		if k, _ := keyOf(c); k.Role != roleAdmin && job.KeyID != k.ID {
			err = fmt.Errorf("job %s: %w", id, engine.ErrNotFound)
		}
	}
	if err != nil {
		s.fail(c, err)
		return index.Job{}, false
	}
	return job, true
}

// getJob answers a job's status and progress.
func (s *server) getJob(c *gin.Context) {
	if job, ok := s.jobOf(c); ok {
		c.JSON(http.StatusOK, viewOfJob(job))
	}
}

// jobResults answers the scored files best first with their explanations,
// and the files that failed with a code and message. While the job runs it
// shows what is finished so far.
func (s *server) jobResults(c *gin.Context) {
	job, ok := s.jobOf(c)
	if !ok {
		return
	}
	res, err := s.cfg.Jobs.Results(c.Request.Context(), job.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"job": viewOfJob(job), "results": res.Results, "errors": res.Errors})
}

// cancelJob stops a queued or running job (409 when it already ended).
func (s *server) cancelJob(c *gin.Context) {
	job, ok := s.jobOf(c)
	if !ok {
		return
	}
	job, err := s.cfg.Jobs.Cancel(c.Request.Context(), job.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, viewOfJob(job))
}
