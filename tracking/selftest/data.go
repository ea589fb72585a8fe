package selftest

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"testing/fstest"
)

// The embedded reference data: gzip copies of files of the repository's
// testdata directory, at the same relative paths with ".gz" added
// (TestDataCopies checks that they decompress to the originals byte for
// byte, and rewrites them from Files with GOTRACK_SELFTEST_UPDATE=1).
//
//go:embed data
var data embed.FS

// Files lists the testdata files the self-test embeds, relative to
// testdata: element cases of several passmethod families (the radiation
// family's exact, wiggler, lumped and crab-cavity passes among them), one ring case
// with its lattice, one collective (wake) case.
var Files = []string{
	"elements/DriftPass__L1_rap.json",
	"elements/ExactDriftPass__L0p1_eap_tilt.json",
	"elements/StrMPoleSymplectic4Pass__quad_misaligned.json",
	"elements/StrMPoleSymplectic4RadPass__sext_3GeV_electron.json",
	"elements/BndMPoleSymplectic4Pass__misaligned_fringe2.json",
	"elements/BndMPoleSymplectic4E2RadPass__dba_like_510MeV.json",
	"elements/ExactSectorBendPass__sext_misaligned.json",
	"elements/ExactMultipolePass__skew_misaligned.json",
	"elements/ThinMPolePass__thin_apertures.json",
	"elements/CorrectorPass__thick.json",
	"elements/RFCavityPass__thin_352MHz.json",
	"elements/Matrix66Pass__coupled_shift.json",
	"elements/QuadLinearPass__defocusing.json",
	"elements/BendLinearPass__edges_fringe_gradient.json",
	"elements/EAperturePass__round.json",
	"elements/ExactMultipoleRadPass__quad_misaligned_ap_6GeV.json",
	"elements/ExactRectBendRadPass__plain_rbendtune_6GeV.json",
	"elements/GWigSymplecticRadPass__planar_6GeV.json",
	"elements/SimpleRadiationRadPass__simple_ring_6GeV.json",
	"elements/DeltaQPass__nonlinear_chrom_order3.json",
	"elements/CrabCavityPass__thin_h31_6GeV.json",
	"rings/hmba_radon_t10.json",
	"lattices/hmba_6d.json",
	"collective/wake_table_allcomp.json",
}

// files returns the embedded copies, decompressed, as a file system with
// testdata's layout.
func files() (fs.FS, error) {
	m := fstest.MapFS{}
	for _, f := range Files {
		b, err := readFile(f)
		if err != nil {
			return nil, err
		}
		m[f] = &fstest.MapFile{Data: b}
	}
	return m, nil
}

// readFile returns the content of the embedded copy of the testdata file
// name (a path of Files).
func readFile(name string) ([]byte, error) {
	gz, err := data.ReadFile("data/" + name + ".gz")
	if err != nil {
		return nil, fmt.Errorf("selftest: embedded %s: %w", name, err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("selftest: embedded %s: %w", name, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("selftest: embedded %s: %w", name, err)
	}
	return b, nil
}
