#!/usr/bin/env python3
"""Make the reference lattices of features3.madx with PyAT's load_madx (see
gen_features.py for the environment)."""
import at

for use, energy in (("top", None), ("ll", 2.2e9)):
    kw = {} if energy is None else {"energy": energy}
    lat = at.load_madx("features3.madx", use=use, **kw)
    at.save_lattice(lat, f"features3__{use}.json")
