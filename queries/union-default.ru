# Rebuild the default graph as the union of all named graphs, each triple once.
#
# govkg keeps one named graph per article; queries read the default graph. Some servers
# offer the union of the named graphs as their default graph with set semantics (Fuseki
# with unionDefaultGraph, GraphDB); Oxigraph's union default graph is a bag (a triple
# stated in n articles comes back n times, and joins multiply that), so `govkg push` and
# `govkg serve` materialise the union with this update instead. It is idempotent, and
# rebuilt after every push, so graphs that a push replaced leave nothing stale behind.
DROP SILENT DEFAULT ;
INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }
