#!/usr/bin/env python3
"""Make the reference lattices of features.madx with PyAT's load_madx.

Run with PyAT importable (the AT repository's pyat/ on sys.path, numpy and
scipy installed). On a CPU with AVX-512, numpy computes np.sin/np.cos with
SVML, which differs from libm by one ulp on many arguments (numpy issue
23523): PyAT's R1/R2 of tilted elements then depend on the machine. The
reference files were made with numpy's AVX-512 code disabled, so that
np.sin/np.cos are libm's:

  NPY_DISABLE_CPU_FEATURES="AVX512F AVX512CD AVX512_SKX AVX512_CLX \
      AVX512_CNL AVX512_ICL" python3 gen_features.py
"""
import at

for use in ("ring", "lring"):
    lat = at.load_madx("features.madx", use=use)
    at.save_lattice(lat, f"features__{use}.json")
