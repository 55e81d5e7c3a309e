package templates

import (
	"sort"
	"strings"
)

// Form is what a person typed into a form and what was wrong with it, so
// that the form can be shown again with their input kept and each problem
// named at the top and next to its field.
type Form struct {
	// Values are the submitted values by field name.
	Values map[string]string
	// Errors says what is wrong with each invalid field.
	Errors map[string]string
	// Order lists the invalid fields in the order the form shows them.
	Order []string
	// Message is a problem that belongs to no one field.
	Message string
}

// NewForm starts a form pre-filled with values.
func NewForm(values map[string]string) *Form {
	if values == nil {
		values = map[string]string{}
	}
	return &Form{Values: values, Errors: map[string]string{}}
}

// Fail records the problems of a failed submission. fields lists the
// form's fields top to bottom, which orders the error summary; problems with
// fields not listed come after, by name.
func (f *Form) Fail(message string, errs map[string]string, fields ...string) *Form {
	f.Message = message
	for name, why := range errs {
		f.Errors[name] = why
	}
	f.Order = f.Order[:0]
	seen := map[string]bool{}
	for _, name := range fields {
		if _, bad := f.Errors[name]; bad && !seen[name] {
			f.Order = append(f.Order, name)
			seen[name] = true
		}
	}
	var rest []string
	for name := range f.Errors {
		if !seen[name] {
			rest = append(rest, name)
		}
	}
	sort.Strings(rest)
	f.Order = append(f.Order, rest...)
	return f
}

// HasErrors reports whether the form is being shown again because of
// problems.
func (f *Form) HasErrors() bool { return f != nil && (len(f.Errors) > 0 || f.Message != "") }

// Problem is one line of the error summary.
type Problem struct {
	// ID is the id of the field's input, the summary's link target.
	ID string
	// Message says what is wrong.
	Message string
}

// Problems lists the summary's lines in form order.
func (f *Form) Problems() []Problem {
	if f == nil {
		return nil
	}
	out := make([]Problem, 0, len(f.Order))
	for _, name := range f.Order {
		out = append(out, Problem{ID: FieldID(name), Message: f.Errors[name]})
	}
	return out
}

// Value is the submitted value of a field.
func (f *Form) Value(name string) string {
	if f == nil {
		return ""
	}
	return f.Values[name]
}

// Field describes one labelled input for the "field" template.
type Field struct {
	ID, Name, Label, Value, Error, Hint, Type, Autocomplete, Inputmode, List string
	Required                                                                 bool
	// Conditional marks a field required only in some cases, which its
	// hint names: its label says neither "optional" nor required.
	Conditional bool
	Rows        int
	Options     []Option
}

// Option is one choice of a select or radio group.
type Option struct {
	Value, Label string
}

// FieldOf builds the Field for name in f.
func FieldOf(f *Form, name, label string) Field {
	fd := Field{ID: FieldID(name), Name: name, Label: label, Type: "text"}
	if f != nil {
		fd.Value = f.Values[name]
		fd.Error = f.Errors[name]
	}
	return fd
}

// As sets the input type ("email", "password", "textarea", "select", …).
func (fd Field) As(typ string) Field { fd.Type = typ; return fd }

// WithHint adds a hint under the label.
func (fd Field) WithHint(hint string) Field { fd.Hint = hint; return fd }

// Autocompleted sets the autocomplete attribute.
func (fd Field) Autocompleted(token string) Field { fd.Autocomplete = token; return fd }

// Mandatory marks the field as required.
func (fd Field) Mandatory() Field { fd.Required = true; return fd }

// WithOptions gives a select or radio group its choices.
func (fd Field) WithOptions(opts []Option) Field { fd.Options = opts; return fd }

// FieldID turns a field name such as "items[2].title" into an HTML id.
func FieldID(name string) string {
	r := strings.NewReplacer("[", "-", "]", "", ".", "-", "_", "-")
	return "f-" + r.Replace(name)
}

// FormFuncs are the template functions that build fields in a pipeline:
//
//	{{template "field" (field .Form "email" "Email address" | as "email" | required | autocomplete "email")}}
func FormFuncs() map[string]any {
	return map[string]any{
		"field":        FieldOf,
		"as":           func(typ string, fd Field) Field { return fd.As(typ) },
		"hint":         func(hint string, fd Field) Field { return fd.WithHint(hint) },
		"required":     func(fd Field) Field { return fd.Mandatory() },
		"conditional":  func(fd Field) Field { fd.Conditional = true; return fd },
		"autocomplete": func(token string, fd Field) Field { return fd.Autocompleted(token) },
		"options":      func(opts []Option, fd Field) Field { return fd.WithOptions(opts) },
		// hasBlankOption: the options offer their own "Choose …" line, so
		// the select needs no placeholder of ours.
		"hasBlankOption": func(opts []Option) bool {
			for _, o := range opts {
				if o.Value == "" {
					return true
				}
			}
			return false
		},
		"rows":      func(n int, fd Field) Field { fd.Rows = n; return fd },
		"value":     func(v string, fd Field) Field { fd.Value = v; return fd },
		"list":      func(id string, fd Field) Field { fd.List = id; return fd },
		"inputmode": func(mode string, fd Field) Field { fd.Inputmode = mode; return fd },
	}
}
