package handlers

import (
	"context"
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"genesis/storage"
	"genesis/views"
	"genesis/views/i18n"
)

// Error code names what went wrong, stably: API clients match on it, pages turn it into a message.
type code string

const (
	codeBadRequest   code = "bad_request"
	codeValidation   code = "validation_failed"
	codeUnauthorized code = "unauthorized"
	codeForbidden    code = "forbidden"
	codeCSRF         code = "csrf_failed"
	codeNotFound     code = "not_found"
	codeMethod       code = "method_not_allowed"
	codeConflict     code = "conflict"
	codeTooLarge     code = "too_large"
	codeRateLimited  code = "rate_limited"
	codeUnavailable  code = "unavailable"
	codeStorageFull  code = "storage_full"
	codeTimeout      code = "timeout"
	codeInternal     code = "internal"
)

// httpError is an error a handler returns to choose the status and code the person sees.
type httpError struct {
	status int
	code   code
	// detail is an English explanation for API clients (which field, which limit); pages show the
	// catalogue message for the code instead.
	detail string
	// fields names what is wrong with each invalid input field (API validation errors).
	fields map[string]string
	cause  error
}

func (e *httpError) Error() string {
	if e.cause != nil {
		return string(e.code) + ": " + e.cause.Error()
	}
	return string(e.code) + ": " + e.detail
}

func (e *httpError) Unwrap() error { return e.cause }

func errorf(status int, c code, detail string) error {
	return &httpError{status: status, code: c, detail: detail}
}

// classify maps any error to what the person is told. Only httpErrors, Fiber's own errors and the
// storage sentinels say anything specific; everything else is an internal error.
func classify(err error) *httpError {
	var he *httpError
	if errors.As(err, &he) {
		return he
	}
	var fe *fiber.Error
	if errors.As(err, &fe) {
		switch fe.Code {
		case fiber.StatusNotFound:
			return &httpError{status: fe.Code, code: codeNotFound}
		case fiber.StatusMethodNotAllowed:
			return &httpError{status: fe.Code, code: codeMethod}
		case fiber.StatusRequestEntityTooLarge:
			return &httpError{status: fe.Code, code: codeTooLarge}
		case fiber.StatusTooManyRequests:
			return &httpError{status: fe.Code, code: codeRateLimited}
		case fiber.StatusForbidden:
			return &httpError{status: fe.Code, code: codeForbidden}
		case fiber.StatusUnauthorized:
			return &httpError{status: fe.Code, code: codeUnauthorized}
		case fiber.StatusRequestTimeout:
			return &httpError{status: fe.Code, code: codeTimeout}
		}
		if fe.Code >= 400 && fe.Code < 500 {
			return &httpError{status: fe.Code, code: codeBadRequest}
		}
	}
	switch {
	case errors.Is(err, storage.ErrNotFound):
		return &httpError{status: fiber.StatusNotFound, code: codeNotFound}
	case errors.Is(err, storage.ErrConflict):
		return &httpError{status: fiber.StatusConflict, code: codeConflict}
	case errors.Is(err, storage.ErrTooLarge):
		return &httpError{status: fiber.StatusRequestEntityTooLarge, code: codeTooLarge}
	case errors.Is(err, storage.ErrFull):
		return &httpError{status: fiber.StatusInsufficientStorage, code: codeStorageFull, cause: err}
	case errors.Is(err, storage.ErrUnavailable), errors.Is(err, context.DeadlineExceeded):
		return &httpError{status: fiber.StatusServiceUnavailable, code: codeUnavailable, cause: err}
	}
	return &httpError{status: fiber.StatusInternalServerError, code: codeInternal, cause: err}
}

// message is the catalogue's sentence for a code.
func message(m *i18n.Messages, c code) string {
	e := m.Errors
	switch c {
	case codeBadRequest:
		return e.BadRequest
	case codeValidation:
		return e.Validation
	case codeUnauthorized:
		return e.Unauthorized
	case codeForbidden:
		return e.Forbidden
	case codeCSRF:
		return e.CSRF
	case codeNotFound:
		return e.NotFound
	case codeMethod:
		return e.Method
	case codeConflict:
		return e.Conflict
	case codeTooLarge:
		return e.TooLarge
	case codeRateLimited:
		return e.RateLimited
	case codeUnavailable:
		return e.Unavailable
	case codeStorageFull:
		return e.StorageFull
	case codeTimeout:
		return e.Timeout
	}
	return e.Internal
}

// apiError is the JSON error body of the API: {"error": {"code", "message"}}.
type apiError struct {
	Error apiErrorBody `json:"error"`
}

type apiErrorBody struct {
	Code      string            `json:"code"`
	Message   string            `json:"message"`
	Fields    map[string]string `json:"fields,omitempty"`
	RequestID string            `json:"request_id,omitempty"`
}

// handleError is the one place a failed request is answered: JSON for the API, an alert fragment
// for htmx, a full page otherwise. Internal details are logged here, once, and never shown.
func (s *Server) handleError(c *fiber.Ctx, err error) error {
	he := classify(err)
	log := loggerOf(c)
	if he.status >= 500 {
		log.Error("request failed", "status", he.status, "code", he.code, "err", err)
	} else {
		log.Debug("request refused", "status", he.status, "code", he.code, "err", err)
	}
	c.Set(fiber.HeaderCacheControl, "no-store")

	if wantsJSON(c) {
		msg := he.detail
		if msg == "" {
			msg = message(s.catalogue.For(i18n.EN), he.code)
		}
		return c.Status(he.status).JSON(apiError{Error: apiErrorBody{
			Code: string(he.code), Message: msg, Fields: he.fields, RequestID: requestIDOf(c),
		}})
	}
	msg := message(s.catalogue.For(langOf(c)), he.code)
	if isFragment(c) {
		c.Set(hxRetarget, "#alerts")
		c.Set(hxReswap, "innerHTML")
		return s.render(c, he.status, views.ErrorAlert(msg))
	}
	return s.render(c, he.status, views.ErrorPage(he.status, msg))
}

// wantsJSON: API paths always answer JSON; elsewhere, a client that asks only for JSON gets it.
func wantsJSON(c *fiber.Ctx) bool {
	if strings.HasPrefix(c.Path(), "/api/") {
		return true
	}
	accept := c.Get(fiber.HeaderAccept)
	return strings.Contains(accept, fiber.MIMEApplicationJSON) && !strings.Contains(accept, "text/html")
}
