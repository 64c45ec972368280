"""Gated Compression (GC) recipe: a cheap always-on gate in front of a keyword classifier (issue 14).
See models/README.md, section "Gated Compression recipe"."""
