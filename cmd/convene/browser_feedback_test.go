package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserFeedback gives feedback as a guest through their private
// link, sees it on the coordinator's view, and downloads the report's CSV
// and XLSX.
func TestBrowserFeedback(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	e, tokens := f.MustPastEvent(t, f.HubA.ID, 6, 5)
	ctx := MustBrowser(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	// Five guests answer, so that words may be shown; the first through
	// the browser, clicking the labels.
	for i := 1; i < 5; i++ {
		client := f.MustClient(t, anon)
		resp, _ := client.Page(t, "POST", fmt.Sprintf("/events/%d/feedback?token=%s", e.ID, tokens[i]), feedbackForm("4", "5", "yes"))
		if resp.StatusCode != 303 {
			t.Fatalf("guest %d: %d", i, resp.StatusCode)
		}
	}
	MustDo(t, ctx, "open the private feedback link",
		chromedp.Navigate(fmt.Sprintf("%s/events/%d/feedback?token=%s", a.URL, e.ID, tokens[0])),
		chromedp.WaitVisible(`//legend[contains(., "How useful was this event for you?")]`),
	)
	MustDo(t, ctx, "send without answering",
		chromedp.Click(css("main button[type=submit]")),
		chromedp.WaitVisible(css(".error-summary a[href='#f-usefulness']")),
	)
	MustDo(t, ctx, "answer and send",
		chromedp.Click(`//label[contains(., "5 – very useful")]`),
		chromedp.Click(`//label[contains(., "5 – very valuable")]`),
		chromedp.SendKeys(css("#f-new-connections"), "3"),
		chromedp.Click(`//fieldset[contains(., "Will you follow up")]//label[.="Yes"]`),
		chromedp.SendKeys(css("#f-what-worked"), "Hearing how the Gateshead team run their peer network"),
		chromedp.Click(`//label[contains(., "quote my words")]`),
		chromedp.Click(css("main button[type=submit]")),
		chromedp.WaitVisible(`//h1[contains(., "Thank you for your feedback")]`),
	)

	MustDo(t, ctx, "sign in as the coordinator",
		chromedp.Navigate(a.URL+"/sign-in"),
		chromedp.SendKeys(css("#f-email"), f.People[coordA].Email),
		chromedp.SendKeys(css("#f-password"), fixturePassword),
		chromedp.Click(css("main button[type=submit]")),
		chromedp.WaitVisible(`//nav//button[contains(., "Sign out")]`),
	)
	MustDo(t, ctx, "see it on the coordinator's view",
		chromedp.Navigate(fmt.Sprintf("%s/events/%d", a.URL, e.ID)),
		chromedp.Click(`//nav[@aria-label="Manage this event"]//a[.="Feedback"]`),
		chromedp.WaitVisible(`//*[contains(@class,"quote")][contains(., "Gateshead team")]`),
	)

	MustDo(t, ctx, "open the report", chromedp.Navigate(a.URL+"/hubs/"+f.HubA.Slug+"/report"),
		chromedp.WaitVisible(`//h2[.="Download the data"]`))
	for _, label := range []string{"Feedback: CSV", "Feedback: Excel workbook (XLSX)", "Attendance: CSV for Excel"} {
		href := MustGetValue(t, ctx, "find "+label, chromedp.Evaluate[string](
			fmt.Sprintf(`[...document.querySelectorAll("main a[download]")].find(a => a.textContent.trim() === %q).getAttribute("href")`, label)))
		got := MustGetValue(t, ctx, "download "+label, chromedp.Evaluate[string](fmt.Sprintf(`
			fetch(%q).then(async r => {
				const b = new Uint8Array(await r.arrayBuffer());
				const text = new TextDecoder().decode(b);
				return [r.status, r.headers.get("content-type"), b.length, text.includes("@example.org"), text.includes("Guest 0")].join("|");
			})`, href), chromedp.EvalAwaitPromise))
		parts := strings.Split(got, "|")
		if len(parts) != 5 || parts[0] != "200" || parts[2] == "0" || parts[3] != "false" || parts[4] != "false" {
			t.Errorf("%s (%s): status|type|bytes|email|name = %s", label, href, got)
		}
		want := "text/csv"
		if strings.Contains(label, "XLSX") {
			want = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		}
		if len(parts) > 1 && !strings.HasPrefix(parts[1], want) {
			t.Errorf("%s: content type %q, want %s", label, parts[1], want)
		}
	}
}
