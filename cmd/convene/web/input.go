package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/templates"
)

// BindJSON decodes a request body strictly: unknown fields, values of the
// wrong type, trailing data and malformed JSON are invalid input naming
// what is wrong, never a 500.
func BindJSON(c echo.Context, dst any) error {
	dec := json.NewDecoder(c.Request().Body)
	dec.DisallowUnknownFields()
	err := dec.Decode(dst)
	if err == nil {
		if _, extra := dec.Token(); extra != io.EOF {
			return &hub.Error{Code: hub.EInvalid, Message: "The request body must hold exactly one JSON object."}
		}
		return nil
	}
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	var tooLarge *echo.HTTPError
	switch {
	case errors.As(err, &tooLarge):
		return tooLarge
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			return &hub.Error{Code: hub.EInvalid, Message: "The request body must be a JSON object."}
		}
		why := fmt.Sprintf("must be %s, not %s", jsonKind(typeErr.Type.Kind().String()), typeErr.Value)
		return &hub.Error{Code: hub.EInvalid, Message: field + " " + why + ".", Fields: map[string]string{field: why}}
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
		return &hub.Error{Code: hub.EInvalid, Message: "The request body is not valid JSON."}
	case errors.Is(err, io.EOF):
		return &hub.Error{Code: hub.EInvalid, Message: "The request body is empty; send a JSON object."}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &hub.Error{Code: hub.EInvalid, Message: "Unknown field " + field + ".", Fields: map[string]string{field: "is not a field of this request"}}
	}
	return &hub.Error{Code: hub.EInvalid, Message: "The request body could not be read: " + err.Error()}
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "int", "int64", "int32", "uint", "uint64", "float64":
		return "a number"
	case "bool":
		return "true or false"
	case "slice":
		return "a list"
	case "struct", "map", "ptr":
		return "an object"
	}
	return "a " + goKind
}

// FormValues reads the named fields of a submitted form, trimmed.
func FormValues(c echo.Context, names ...string) map[string]string {
	v := make(map[string]string, len(names))
	for _, name := range names {
		v[name] = strings.TrimSpace(c.FormValue(name))
	}
	return v
}

// FailedForm turns a domain error into a form shown again: invalid and
// conflict errors name their fields (or carry a message); anything else
// is passed on for the error handler.
func FailedForm(err error, values map[string]string, fields ...string) (*templates.Form, error) {
	code := hub.ErrorCode(err)
	if code != hub.EInvalid && code != hub.EConflict && code != hub.ERateLimited && code != hub.EUnauthorised && code != hub.ENotFound {
		return nil, err
	}
	return templates.NewForm(values).Fail(FormMessage(err), hub.ErrorFields(err), fields...), nil
}

// FormErrors are err's field problems under the form's names: rename maps
// the domain's field names (those of the API) to the form's where they
// differ. This is the one place fields are renamed for forms.
func FormErrors(err error, rename map[string]string) map[string]string {
	fields := map[string]string{}
	for name, why := range hub.ErrorFields(err) {
		if to, ok := rename[name]; ok {
			name = to
		}
		fields[name] = why
	}
	return fields
}

// FormMessage is err's message for the top of a form shown again, when it
// names no field.
func FormMessage(err error) string {
	if len(hub.ErrorFields(err)) > 0 {
		return ""
	}
	return hub.ErrorMessage(err)
}

// Renamed is err with its fields renamed (see FormErrors).
func Renamed(err error, rename map[string]string) error {
	if hub.ErrorCode(err) != hub.EInvalid {
		return err
	}
	return &hub.Error{Code: hub.EInvalid, Message: hub.ErrorMessage(err), Fields: FormErrors(err, rename)}
}

// StatusForForm is the status of a form shown again after err.
func StatusForForm(err error) int {
	if s := statusOf(hub.ErrorCode(err)); s != http.StatusInternalServerError {
		return s
	}
	return http.StatusUnprocessableEntity
}

// PathID reads an integer id from the route, 404 when it is not one.
func PathID(c echo.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, NotFoundPage()
	}
	return id, nil
}

// FormID reads an optional positive id from a form field; ok is false for
// an empty field, err names the field when it is not a number.
func FormID(value, field string) (id int64, ok bool, err error) {
	if value == "" {
		return 0, false, nil
	}
	id, perr := strconv.ParseInt(value, 10, 64)
	if perr != nil || id <= 0 {
		return 0, false, &hub.Error{Code: hub.EInvalid, Message: "Choose one from the list", Fields: map[string]string{field: "Choose one from the list"}}
	}
	return id, true, nil
}

// PageParams reads ?limit=&offset= with sensible bounds.
func PageParams(c echo.Context) (limit, offset int, err error) {
	limit, offset = 50, 0
	var f hub.FieldErrors
	if v := c.QueryParam("limit"); v != "" {
		n, perr := strconv.Atoi(v)
		if perr != nil || n < 1 || n > 500 {
			f.Add("limit", "must be a whole number from 1 to 500")
		}
		limit = n
	}
	if v := c.QueryParam("offset"); v != "" {
		n, perr := strconv.Atoi(v)
		if perr != nil || n < 0 {
			f.Add("offset", "must be a whole number, 0 or more")
		}
		offset = n
	}
	return limit, offset, f.Err()
}

// FormatID writes an id in a path or a form value.
func FormatID(n int64) string { return strconv.FormatInt(n, 10) }
