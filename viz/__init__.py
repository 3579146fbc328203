"""The interactive network view: a projection of the RDF graph (networkx) drawn as
one self-contained, offline HTML page (vis-network from the pyvis package, inlined)."""
