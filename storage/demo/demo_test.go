package demo_test

import (
	"testing"

	"github.com/convene/convene/storage/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }
