//go:build cuda

package cuda

import (
	"strings"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/kernels"
)

// TestModuleLoads checks that Open loads the segment module's fat binary
// (or its PTX with GOTRACK_CUDA_MODULE=ptx) and records its load, that the
// elements module is loaded on the first per-element launch only, and
// that every kernel gets a block size within the kernels' bound.
func TestModuleLoads(t *testing.T) {
	be, err := Open(0)
	if err != nil {
		t.Fatal(err)
	}
	loads := be.ModuleLoadTimes()
	if len(loads) == 0 || loads[0].Module != kernels.SegmentModule {
		t.Fatalf("first module load %v, want the segment module", loads)
	}
	wantImage := ".fatbin"
	if ptx, _ := modulePTX(); ptx {
		wantImage = ".ptx"
	}
	if !strings.HasSuffix(loads[0].Image, wantImage) || loads[0].Bytes == 0 || loads[0].Wall <= 0 {
		t.Errorf("segment module load %+v: want a %s image, its size and load time", loads[0], wantImage)
	}
	elemsLoaded := func() bool {
		for _, l := range be.ModuleLoadTimes() {
			if l.Module == kernels.ElementsModule {
				return true
			}
		}
		return false
	}
	before := elemsLoaded()
	_, plan, prog := hmbaProgram(t)
	db, err := be.NewBeam(100)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := prog.Run(db, device.RunRequest{Start: 0, End: len(plan.Elements), Turns: 1}); err != nil {
		t.Fatal(err)
	}
	if !before && elemsLoaded() {
		t.Errorf("gt_segment loaded the elements module")
	}
	if err := prog.RunElement(db, 0, 0); err != nil {
		t.Fatal(err)
	}
	if !elemsLoaded() {
		t.Errorf("a per-element launch did not load the elements module: %v", be.ModuleLoadTimes())
	}
	err = be.w.do(func() error {
		for name, k := range be.fns {
			if k.full < warpSize || k.full > MaxBlockSize || k.full%warpSize != 0 || k.perSM < 1 {
				t.Errorf("kernel %s: block %d, %d blocks per SM", name, k.full, k.perSM)
			}
			t.Logf("kernel %s: %d threads per block, %d blocks per SM", name, k.full, k.perSM)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestModuleLoadErrors checks that the PTX path loads, and that an image
// the driver refuses gives an error naming it, with the JIT's log when the
// driver wrote one.
func TestModuleLoadErrors(t *testing.T) {
	be, err := Open(0)
	if err != nil {
		t.Fatal(err)
	}
	name, ptx, err := kernels.PTX(kernels.SegmentModule, be.major, be.minor)
	if err != nil {
		t.Fatal(err)
	}
	bad := ".version 7.8\n.target sm_80\n.address_size 64\n.visible .entry broken() { this is not PTX }\n"
	err = be.w.do(func() error {
		mod, err := be.loadImage("test", name, []byte(ptx))
		if err != nil {
			return err
		}
		if err := mod.Unload(); err != nil {
			return err
		}
		_, err = be.loadImage("test", "broken.ptx", []byte(bad))
		if err == nil {
			t.Errorf("broken PTX loaded")
			return nil
		}
		if !strings.Contains(err.Error(), "broken.ptx") {
			t.Errorf("load error does not name the image: %v", err)
		}
		if !strings.Contains(err.Error(), "JIT error log") {
			t.Logf("no JIT error log in: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
