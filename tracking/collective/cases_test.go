package collective_test

import (
	"path/filepath"
	"sync"
	"testing"

	"github.com/gotrack/gotrack/tracking/trackingtest"
)

var collectiveCases struct {
	once  sync.Once
	cases []*trackingtest.CollectiveCase
	err   error
}

// loadCollectiveCases reads every case of testdata/collective once for
// all the tests of the package. Tests that modify a case's lattice must
// load their own copy with trackingtest.LoadCollectiveCase.
func loadCollectiveCases(t *testing.T) []*trackingtest.CollectiveCase {
	t.Helper()
	collectiveCases.once.Do(func() {
		files, err := trackingtest.CollectiveCaseFiles(filepath.Join("..", "..", "testdata"))
		if err != nil {
			collectiveCases.err = err
			return
		}
		for _, f := range files {
			c, err := trackingtest.LoadCollectiveCase(f)
			if err != nil {
				collectiveCases.err = err
				return
			}
			collectiveCases.cases = append(collectiveCases.cases, c)
		}
	})
	if collectiveCases.err != nil {
		t.Fatal(collectiveCases.err)
	}
	return collectiveCases.cases
}
