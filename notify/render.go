package notify

import (
	"bytes"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
)

// The plain-text part: paragraphs separated by blank lines, facts as
// "Label: value", the link on a line of its own.
var textTemplate = texttemplate.Must(texttemplate.New("text").Parse(`{{.Greeting}}
{{range .Intro}}
{{.}}
{{end}}{{if .Changes}}
{{range .Changes}}{{.What}}: {{if .Was}}was {{.Was}}; now {{end}}{{.Now}}
{{end}}{{end}}{{if .Facts}}
{{range .Facts}}{{.Label}}: {{.Value}}
{{end}}{{end}}{{range .Sections}}
{{.Heading}}
{{range .Items}}- {{.Hub}}: {{.Title}}{{if .Detail}} ({{.Detail}}){{end}}
  {{.Path}}
{{end}}{{end}}{{with .Action}}
{{.Label}}:
{{.URL}}
{{end}}{{range .After}}
{{.}}
{{end}}
-- 
{{range .Footer}}{{.}}
{{end}}{{with .Unsubscribe}}Unsubscribe: {{.}}
{{end}}`))

// The HTML part: one column, system fonts at a readable size, inline
// styles (mail clients drop style sheets), a heading, the facts as a
// description list and one link that looks like a button and says where
// it goes. No images, nothing shown by colour alone.
var htmlTemplate = htmltemplate.Must(htmltemplate.New("html").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Subject}}</title>
</head>
<body style="margin:0;padding:0;background:#ffffff;color:#0b0c0c;font-family:Arial,Helvetica,sans-serif;font-size:18px;line-height:1.5;">
<div role="article" aria-label="{{.Subject}}" lang="en" style="max-width:600px;margin:0 auto;padding:16px;">
<p style="margin:0 0 8px;font-size:16px;color:#505a5f;">{{.From}}</p>
<h1 style="margin:0 0 16px;font-size:26px;line-height:1.25;">{{.Heading}}</h1>
<p style="margin:0 0 16px;">{{.Greeting}}</p>
{{range .Intro}}<p style="margin:0 0 16px;">{{.}}</p>
{{end}}{{if .Changes}}<ul style="margin:0 0 16px;padding-left:20px;">
{{range .Changes}}<li style="margin:0 0 8px;"><strong>{{.What}}:</strong> {{if .Was}}was {{.Was}}; now {{end}}{{.Now}}</li>
{{end}}</ul>
{{end}}{{if .Facts}}<dl style="margin:0 0 16px;">
{{range .Facts}}<dt style="font-weight:bold;">{{.Label}}</dt>
<dd style="margin:0 0 12px;">{{if .Link}}<a href="{{.Value}}" style="color:#1d70b8;">{{.Value}}</a>{{else}}{{.Value}}{{end}}</dd>
{{end}}</dl>
{{end}}{{range .Sections}}<h2 style="margin:24px 0 8px;font-size:21px;">{{.Heading}}</h2>
<ul style="margin:0 0 16px;padding-left:20px;">
{{range .Items}}<li style="margin:0 0 8px;"><a href="{{.Path}}" style="color:#1d70b8;">{{.Title}}</a> – {{.Hub}}{{if .Detail}} ({{.Detail}}){{end}}</li>
{{end}}</ul>
{{end}}{{with .Action}}<p style="margin:24px 0;"><a href="{{.URL}}" style="display:inline-block;background:#00703c;color:#ffffff;font-weight:bold;padding:12px 16px;text-decoration:underline;">{{.Label}}</a></p>
<p style="margin:0 0 16px;font-size:16px;">If the button does not work, copy this address into your browser: <span style="overflow-wrap:anywhere;word-break:break-all;">{{.URL}}</span></p>
{{end}}{{range .After}}<p style="margin:0 0 16px;">{{.}}</p>
{{end}}<hr style="border:0;border-top:1px solid #b1b4b6;margin:24px 0 16px;">
{{range .Footer}}<p style="margin:0 0 8px;font-size:16px;color:#505a5f;">{{.}}</p>
{{end}}{{with .Unsubscribe}}<p style="margin:0 0 8px;font-size:16px;"><a href="{{.}}" style="color:#1d70b8;">Unsubscribe</a></p>
{{end}}</div>
</body>
</html>
`))

func renderText(c content) (string, error) {
	var b bytes.Buffer
	if err := textTemplate.Execute(&b, c); err != nil {
		return "", err
	}
	// Line endings are the mailer's business; no trailing spaces except
	// the signature separator "-- ".
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		if l != "-- " {
			lines[i] = strings.TrimRight(l, " ")
		}
	}
	return strings.Join(lines, "\n"), nil
}

func renderHTML(c content) (string, error) {
	var b bytes.Buffer
	if err := htmlTemplate.Execute(&b, c); err != nil {
		return "", err
	}
	return b.String(), nil
}
