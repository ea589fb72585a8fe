#!/usr/bin/env python3
"""Make the reference lattices of features2.madx with PyAT's load_madx (see
gen_features.py for the environment)."""
import at

for use in ("outer", "lr"):
    lat = at.load_madx("features2.madx", use=use)
    at.save_lattice(lat, f"features2__{use}.json")
