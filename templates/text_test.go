package templates

import "testing"

func TestParagraphs(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"Empty", "  \n ", ""},
		{"OneParagraph", "Peer support in practice.", "<p>Peer support in practice.</p>\n"},
		{"BlankLinesSeparateParagraphs", "First.\r\n\r\nSecond.\n \n\nThird.", "<p>First.</p>\n<p>Second.</p>\n<p>Third.</p>\n"},
		{"LineBreaksKept", "Calder Hall\n3 Mill Lane", "<p>Calder Hall<br>\n3 Mill Lane</p>\n"},
		{"AddressesBecomeLinks", "Slides: https://example.org/slides?a=1&b=2.",
			`<p>Slides: <a href="https://example.org/slides?a=1&amp;b=2" rel="nofollow noopener">https://example.org/slides?a=1&amp;b=2</a>.</p>` + "\n"},
		{"BracketsAroundAddress", "(see https://example.org/a_(b))", `<p>(see <a href="https://example.org/a_(b)" rel="nofollow noopener">https://example.org/a_(b)</a>)</p>` + "\n"},
		{"NoHTMLFromUsers", `<script>alert(1)</script> <a href="x">y</a>`, "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;a href=&#34;x&#34;&gt;y&lt;/a&gt;</p>\n"},
		{"NoScriptAddresses", "javascript:alert(1) https://", "<p>javascript:alert(1) https://</p>\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(Paragraphs(tc.in)); got != tc.want {
				t.Errorf("Paragraphs(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}
