package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/skillmatch/skillmatch/engine"
)

// Errors of the HTTP layer itself; the engine sentinels cover the rest.
var (
	errUnauthorized = errors.New("unauthorized")
	errForbidden    = errors.New("forbidden")
	errRateLimited  = errors.New("rate limited")
)

// statusTable maps every error category's code (engine.ErrorCode, or the
// HTTP layer's own errors below) to one HTTP status. Anything else is a 500.
var statusTable = map[string]int{
	"invalid":            http.StatusBadRequest,
	"unauthorized":       http.StatusUnauthorized,
	"forbidden":          http.StatusForbidden,
	"not_found":          http.StatusNotFound,
	"conflict":           http.StatusConflict,
	"too_large":          http.StatusRequestEntityTooLarge,
	"unsupported_format": http.StatusUnsupportedMediaType,
	"unreadable":         http.StatusUnprocessableEntity,
	"rate_limited":       http.StatusTooManyRequests,
}

// httpCodes names the HTTP layer's own errors, which engine.ErrorCode does not.
var httpCodes = []struct {
	err  error
	code string
}{
	{errUnauthorized, "unauthorized"},
	{errForbidden, "forbidden"},
	{errRateLimited, "rate_limited"},
}

// statusClientClosed is nginx's status for a client that went away; it is
// only ever seen in logs and metrics.
const statusClientClosed = 499

// classify returns the status and code for err.
func classify(err error) (int, string) {
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return http.StatusRequestEntityTooLarge, "too_large"
	case errors.Is(err, context.Canceled):
		return statusClientClosed, "canceled"
	}
	if code := engine.ErrorCode(err); code != "" {
		return statusTable[code], code
	}
	for _, e := range httpCodes {
		if errors.Is(err, e.err) {
			return statusTable[e.code], e.code
		}
	}
	return http.StatusInternalServerError, "internal"
}

// errorBody is the JSON of every error response.
type errorBody struct {
	Error     errorDetail `json:"error"`
	RequestID string      `json:"request_id"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// fail ends the request with err. A 4xx shows err's message, which callers
// write for the person who sent the request; a 5xx shows "internal error"
// and is logged once, with the request id, so the operator can find it.
func (s *server) fail(c *gin.Context, err error) {
	status, code := classify(err)
	msg := err.Error()
	if status >= 500 {
		msg = "internal error"
		s.log.LogAttrs(c.Request.Context(), slog.LevelError, "request failed",
			slog.String("request_id", requestIDOf(c)),
			slog.String("route", c.FullPath()),
			slog.String("error", err.Error()))
	}
	if status == http.StatusTooManyRequests {
		if ra, ok := c.Get(ctxRetryAfter); ok {
			c.Header("Retry-After", ra.(string))
		}
	}
	if status == http.StatusUnauthorized {
		c.Header("WWW-Authenticate", `Bearer realm="skillmatch"`)
	}
	c.AbortWithStatusJSON(status, errorBody{
		Error:     errorDetail{Code: code, Message: msg},
		RequestID: requestIDOf(c),
	})
}
