package hub

import (
	"strings"

	"github.com/mtibben/confusables"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// OrganisationNameKey is what makes two organisation names the same
// organisation: the names compared after Unicode compatibility
// normalisation (NFKC), case folding, collapsing runs of spaces, and
// mapping look-alike letters to one prototype (Unicode's confusable
// skeleton, so a Cyrillic "ѕ" is an "s"). "Tyneside  Peer Pathways",
// "TYNESIDE PEER PATHWAYS" and "Tyneѕide Peer Pathways" share one key.
func OrganisationNameKey(name string) string {
	folder := cases.Fold()
	s := folder.String(norm.NFKC.String(name))
	s = strings.Join(strings.Fields(s), " ")
	s = confusables.Skeleton(s)
	return norm.NFC.String(folder.String(s))
}
