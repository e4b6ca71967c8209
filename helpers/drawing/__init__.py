"""Drawings made with matplotlib only (no graphviz binary): computational graphs and network
diagrams."""
