package pages

import (
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	qrcode "github.com/skip2/go-qrcode"

	"github.com/convene/convene/cmd/convene/web"
)

// qrSVG draws text as a QR code in SVG, one square per dark module with
// the quiet zone around it, scaled by its container; label names it for
// screen readers. Medium error correction survives a projector's glare.
func qrSVG(text, label string) (template.HTML, error) {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return "", fmt.Errorf("make QR code: %w", err)
	}
	bits := q.Bitmap() // includes the quiet zone
	n := len(bits)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-label="%s" shape-rendering="crispEdges">`,
		n, n, template.HTMLEscapeString(label))
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n, n)
	for y, row := range bits {
		for x := 0; x < len(row); x++ {
			if !row[x] {
				continue
			}
			start := x
			for x < len(row) && row[x] {
				x++
			}
			fmt.Fprintf(&b, "M%d %dh%dv1h-%dz", start, y, x-start, x-start)
		}
	}
	b.WriteString(`"/></svg>`)
	return template.HTML(b.String()), nil
}

// feedbackQRView is the screen a coordinator shows at the end of an
// in-person event.
type feedbackQRView struct {
	web.EventContext
	URL string
	QR  any
}

// FeedbackQRPage shows a large QR code of the event's feedback page, with
// its address under it, for attendees to scan from the screen.
func (s *Handler) FeedbackQRPage(c echo.Context) error {
	ec, err := s.ManagedEvent(c)
	if err != nil {
		return err
	}
	link := s.Config.BaseURL + "/events/" + web.FormatID(ec.Event.ID) + "/feedback"
	svg, err := qrSVG(link, "QR code of the feedback page: "+link)
	if err != nil {
		return err
	}
	return s.Render(c, http.StatusOK, "feedback_qr", "Feedback QR code: "+ec.Event.Title, feedbackQRView{EventContext: ec, URL: link, QR: svg})
}
