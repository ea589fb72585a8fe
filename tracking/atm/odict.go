package atm

import "github.com/gotrack/gotrack/tracking/internal/pyatelem"

// odict is the ordered Python dict of PyAT's element construction, over
// the file's values.
type odict = pyatelem.Dict[value]

func newOdict() *odict { return pyatelem.NewDict[value]() }
