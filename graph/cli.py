"""govkg command line: a thin layer over the library. Each command parses its
options, calls one library function, and turns library errors into a clean
message and exit code. Logs and progress go to stderr, results to stdout."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """An error to show the user as one line, without a traceback."""


def _formatter(prog):
    return argparse.RawDescriptionHelpFormatter(prog, max_help_position=32)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="govkg", formatter_class=_formatter,
        description="A knowledge graph of the actors of German digital government, built from news articles.",
        epilog="examples:\n"
               "  govkg build                              # the bundled sample corpus -> out/\n"
               "  govkg build corpus.jsonl pages/ --out kg\n"
               "  govkg query posts --graph out/graph.ttl\n"
               "  govkg validate out/graph.ttl\n"
               "  govkg serve out/graph.trig\n"
               "\nrun 'govkg COMMAND --help' for the options of a command.")
    p.add_argument("--version", action="version", version=f"govkg {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    b = sub.add_parser("build", formatter_class=_formatter, help="build the graph from articles",
                       description="Read articles, extract actors and relations, and write graph.ttl (union), "
                                   "graph.trig (one named graph per article) and network.html.",
                       epilog="inputs: JSON Lines (id, url, title, date, text), saved text pages, HTML files, "
                              "or directories of these.\n"
                              "With no INPUT the bundled sample corpus (data/sample) is built.\n"
                              "Bad files and lines are reported (file:line) and skipped; the rest is built.\n"
                              "With --store the build is incremental: new articles are added, changed ones "
                              "(same id) replaced,\nall others kept; the outputs hold the whole store.\n"
                              "Large corpora: memory stays bounded; work files go to $TMPDIR (about 45 KB per "
                              "article: put it on a disk, not in RAM);\nnetwork.html is left out above 20,000 articles (use govkg viz --focus).\n\n"
                              "exit status: 0 built (maybe with problems), 1 nothing could be read, "
                              "or --strict and any error or warning\n(nothing is written then), "
                              "2 usage error or unusable --store.\n\n"
                              "examples:\n"
                              "  govkg build\n"
                              "  govkg build ../shared/eval/dev/articles.jsonl --out /tmp/dev\n"
                              "  govkg build page.txt saved/ --out kg --no-network\n"
                              "  govkg build new.jsonl --store kg/store --out kg      # add to earlier builds\n"
                              "  govkg build corpus.jsonl --strict                     # fail on any problem\n"
                              "  govkg build archive/ --workers 2 --store kg/store --out kg --no-network")
    b.add_argument("inputs", nargs="*", type=Path, metavar="INPUT", help="files or directories (default: sample corpus)")
    b.add_argument("--out", "-o", type=Path, default=Path("out"), help="output directory (default: out)")
    b.add_argument("--no-network", action="store_true", help="skip network.html")
    b.add_argument("--store", type=Path, metavar="DIR",
                   help="on-disk store to build into incrementally (created when missing)")
    b.add_argument("--workers", "-j", type=int, default=1, metavar="N",
                   help="extract in N processes (default 1); the output is the same for any N")
    b.add_argument("--strict", action="store_true",
                   help="treat any error or warning as fatal: report, write nothing, exit 1")
    b.add_argument("--quiet", "-q", action="store_true", help="no progress bar, no summary")
    b.set_defaults(func=cmd_build)

    q = sub.add_parser("query", formatter_class=_formatter, help="run a named SPARQL query or a .rq file",
                       description="Run a query of the library in queries/ (by name) or any .rq file, on a graph "
                                   "file (Oxigraph store, locally) or on a SPARQL 1.1 endpoint (HTTP POST).\n"
                                   "Parameters are bound as RDF terms of the kind the query declares, never "
                                   "pasted into the query text.",
                       epilog="credentials for --endpoint come from the environment only: GOVKG_SPARQL_USER and "
                              "GOVKG_SPARQL_PASSWORD (HTTP Basic) or GOVKG_SPARQL_TOKEN (bearer).\n\n"
                              "examples:\n"
                              "  govkg query --list\n"
                              "  govkg query posts --graph out/graph.ttl\n"
                              "  govkg query entities --graph out/graph.trig --format csv > entities.csv\n"
                              "  govkg query role_holders --graph out/graph.trig --param role=CDO\n"
                              "  govkg query actor_profile --endpoint http://127.0.0.1:7878/query "
                              "--param name=\"Markus Richter\"\n"
                              "  govkg query my.rq --graph out/graph.ttl --param name=\"Markus Richter\"")
    q.add_argument("query", nargs="?", metavar="NAME_OR_FILE", help="library query name or path to a .rq file")
    where = q.add_mutually_exclusive_group()
    where.add_argument("--graph", "-g", type=Path, help="graph file (.ttl, .trig, .nt, .nq, .jsonld)")
    where.add_argument("--endpoint", "-e", metavar="URL", help="SPARQL 1.1 query endpoint, e.g. http://127.0.0.1:7878/query")
    q.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="bind ?NAME to VALUE, as the kind the query declares (see --list); repeatable")
    q.add_argument("--format", "-f", choices=("table", "csv", "tsv", "json"), default="table",
                   help="output format; csv, tsv, json are the SPARQL 1.1 results formats (default: table)")
    q.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                   help="timeout of a request to --endpoint (default: 60)")
    q.add_argument("--list", action="store_true", help="list the query library with summaries and parameters")
    q.set_defaults(func=cmd_query)

    u = sub.add_parser("push", formatter_class=_formatter, help="load a graph into a SPARQL server (Graph Store Protocol)",
                       description="PUT every named graph of a graph file (one per article) to a SPARQL 1.1 "
                                   "Graph Store. PUT replaces a graph, so pushing twice changes nothing. 5xx "
                                   "answers and connection errors are retried with exponential backoff; a failed "
                                   "push lists what was and was not loaded and exits 1.\n\n"
                                   "The Graph Store URL is derived from --endpoint (Oxigraph /query -> /store, "
                                   "Fuseki /DATASET/sparql -> /DATASET/data, Virtuoso /sparql -> "
                                   "/sparql-graph-crud, GraphDB /repositories/REPO -> "
                                   "/repositories/REPO/rdf-graphs/service) or given with --store-url.\n\n"
                                   "Afterwards the default graph, which queries read, is rebuilt as the union of "
                                   "all named graphs (SPARQL Update at --update-url, derived likewise: Oxigraph "
                                   "/update, Fuseki /DATASET/update, Virtuoso /sparql, GraphDB "
                                   "/repositories/REPO/statements).",
                       epilog="credentials come from the environment only: GOVKG_SPARQL_USER and "
                              "GOVKG_SPARQL_PASSWORD (HTTP Basic) or GOVKG_SPARQL_TOKEN (bearer).\n\n"
                              "examples:\n"
                              "  govkg push out/graph.trig --endpoint http://127.0.0.1:7878/query\n"
                              "  govkg push out/graph.trig --store-url http://localhost:3030/govkg/data\n"
                              "  GOVKG_SPARQL_USER=dba GOVKG_SPARQL_PASSWORD=... govkg push out/graph.trig "
                              "--store-url http://localhost:8890/sparql-graph-crud-auth")
    u.add_argument("graph", type=Path, metavar="GRAPH", help="graph file; .trig or .nq keep one graph per article")
    u.add_argument("--endpoint", "-e", metavar="URL", help="SPARQL query endpoint of the server")
    u.add_argument("--store-url", metavar="URL", help="Graph Store Protocol URL (default: derived from --endpoint)")
    u.add_argument("--update-url", metavar="URL", help="SPARQL Update URL (default: derived from --endpoint)")
    u.add_argument("--no-union-default", dest="union_default", action="store_false",
                   help="do not rebuild the default graph as the union of all graphs (for servers whose "
                        "default graph already is that union: Fuseki with unionDefaultGraph, GraphDB)")
    u.add_argument("--retries", type=int, default=3, metavar="N", help="retries per graph on 5xx/connection errors (default: 3)")
    u.add_argument("--backoff", type=float, default=0.5, metavar="SECONDS",
                   help="first wait before a retry, doubled each time (default: 0.5)")
    u.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS", help="timeout of one request (default: 60)")
    u.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    u.set_defaults(func=cmd_push)

    r = sub.add_parser("serve", formatter_class=_formatter, help="start a local Oxigraph SPARQL server with a graph",
                       description="Load a graph file into Oxigraph and serve it on 127.0.0.1 (loopback only) "
                                   "with its query UI, SPARQL endpoint and Graph Store. Queries without GRAPH "
                                   "see the union of all graphs. Ctrl-C stops it.",
                       epilog="examples:\n"
                              "  govkg serve out/graph.trig\n"
                              "  govkg serve out/graph.trig --port 7879 --location kg-db")
    r.add_argument("graph", type=Path, metavar="GRAPH", help="graph file (.trig, .nq, .ttl, .nt, .jsonld)")
    r.add_argument("--port", type=int, default=7878, help="port on 127.0.0.1 (default: 7878; 0: any free port)")
    r.add_argument("--location", type=Path, metavar="DIR",
                   help="keep the database in DIR (default: a temporary directory, removed on exit)")
    r.set_defaults(func=cmd_serve)

    v = sub.add_parser("validate", formatter_class=_formatter, help="check a graph against the SHACL shapes",
                       description="Validate a graph file against ontology/shapes.ttl. Exit code 1 when it "
                                   "does not conform; the violations are printed.",
                       epilog="examples:\n  govkg validate out/graph.ttl\n  govkg validate out/graph.trig")
    v.add_argument("file", type=Path, metavar="FILE")
    v.set_defaults(func=cmd_validate)

    e = sub.add_parser("export", formatter_class=_formatter, help="convert a graph to another RDF format, or to GraphML/GEXF",
                       description="Write a graph in Turtle, TriG, N-Triples, N-Quads or JSON-LD, byte-stable; "
                                   "or write the network projection (actors as nodes; postings, part of, involvement "
                                   "and succession as edges, with their evidence as text) as GraphML or GEXF for "
                                   "Gephi, Cytoscape or networkx.",
                       epilog="examples:\n"
                              "  govkg export out/graph.trig --format nq -o graph.nq\n"
                              "  govkg export out/graph.ttl --format jsonld > graph.jsonld\n"
                              "  govkg export out/graph.ttl --format gexf -o network.gexf      # open in Gephi\n"
                              "  govkg export out/graph.ttl --format graphml -o network.graphml")
    e.add_argument("file", type=Path, metavar="FILE")
    e.add_argument("--format", "-f", required=True,
                   choices=("ttl", "trig", "nt", "nq", "jsonld", "graphml", "gexf"))
    e.add_argument("--output", "-o", type=Path, help="output file (default: stdout)")
    e.set_defaults(func=cmd_export)

    z = sub.add_parser("viz", formatter_class=_formatter, help="write the interactive network view",
                       description="Write a self-contained, offline HTML network view of a graph: actors as nodes "
                                   "(colour and shape by type, size by number of edges), postings, part of, "
                                   "involvement and succession as edges, with search, a type filter and a details "
                                   "panel that cites the evidence of every edge. The page makes no network request.\n\n"
                                   "Filters apply in this order: --types, then --focus/--depth (the actors within "
                                   "DEPTH steps of NAME, edges followed both ways), then --min-degree (counted in "
                                   "what is left; the focus stays).",
                       epilog="examples:\n"
                              "  govkg viz out/graph.ttl -o network.html\n"
                              "  govkg viz out/graph.trig -o richter.html --focus \"Markus Richter\" --depth 2\n"
                              "  govkg viz out/graph.ttl -o orgs.html --types Organization Jurisdiction --min-degree 2\n"
                              "  govkg viz out/graph.ttl -o sources.html --articles")
    z.add_argument("graph", type=Path, metavar="GRAPH", help="graph file (.ttl, .trig, .nt, .nq, .jsonld)")
    z.add_argument("--output", "-o", type=Path, required=True, metavar="FILE.html", help="the page to write ('-': stdout)")
    z.add_argument("--focus", metavar="NAME", help="show the neighbourhood of this actor (name, other name or IRI)")
    z.add_argument("--depth", type=int, metavar="N", help="steps from the focus (default 1)")
    z.add_argument("--types", nargs="+", metavar="TYPE",
                   help="only these types: Person, Organization, Initiative, Jurisdiction, Article "
                        "(space- or comma-separated, any case)")
    z.add_argument("--min-degree", type=int, default=0, metavar="K", help="only actors with at least K edges")
    z.add_argument("--articles", action="store_true", help="draw the articles too, linked to the actors they mention")
    z.add_argument("--title", help="page title (default: 'govkg – Netzwerk', or the focus)")
    z.set_defaults(func=cmd_viz)
    return p


# ------------------------------------------------------------------ commands


def cmd_build(args) -> int:
    from .build import SAMPLE_CORPUS, build
    from .store import StoreError

    inputs = args.inputs or [SAMPLE_CORPUS]
    try:
        result = build(inputs, args.out, progress=not args.quiet and sys.stderr.isatty(),
                       network=not args.no_network, store_dir=args.store, strict=args.strict,
                   workers=max(1, args.workers))
    except StoreError as err:
        print(f"govkg build: {err}", file=sys.stderr)
        return EXIT_USAGE
    for problem in result.problems:
        print(f"govkg: {problem}", file=sys.stderr)
    if not args.quiet or result.stopped:
        print(result.summary(), file=sys.stdout if not result.stopped else sys.stderr)
    if result.stopped:
        print(f"govkg: {result.stopped}; nothing was built, earlier outputs are untouched", file=sys.stderr)
        return EXIT_FAIL
    return EXIT_OK


def _load_graph(path: Path, union: bool = False):
    from .store import load_file, union_store

    if path is None:
        raise CliError("--graph FILE is required (e.g. --graph out/graph.ttl)")
    if not path.exists():
        raise CliError(f"{path}: no such file")
    try:
        return union_store(path) if union else load_file(path)
    except (ValueError, SyntaxError, OSError) as err:
        raise CliError(f"{path}: cannot read graph: {err}") from err


def _params(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not name.isidentifier():
            raise CliError(f"--param {item!r}: expected NAME=VALUE")
        if name in out:
            raise CliError(f"--param {name} given twice")
        out[name] = value
    return out


def cmd_query(args) -> int:
    from . import queries
    from .store import rdflib_dataset

    if args.list:
        for name, q in queries.library().items():
            print(f"{name:<24} {q.summary}")
            for p in q.parameters or []:
                print(f"{'':<26}{p.describe()}")
        return EXIT_OK
    if not args.query:
        raise CliError("name a query (see 'govkg query --list') or give a .rq file")
    try:
        nq = queries.find(args.query)
        bindings = queries.bind(nq, _params(args.param))
    except (LookupError, ValueError) as err:
        raise CliError(str(err)) from err
    if args.endpoint:
        from .remote import RemoteError, run_remote

        try:
            table = run_remote(nq, args.endpoint, bindings, timeout=args.timeout)
        except (RemoteError, queries.ParameterError) as err:
            raise CliError(str(err)) from err
    else:
        if args.graph is None:
            raise CliError("--graph FILE or --endpoint URL is required (e.g. --graph out/graph.trig)")
        store = _load_graph(args.graph, union=True)  # the union as a set: see store.union_store
        try:
            table = queries.run_local(nq, rdflib_dataset(store, default_union=False), bindings)
        except (SyntaxError, ValueError, RuntimeError) as err:
            raise CliError(f"{nq.path}: {err}") from err
    sys.stdout.write(queries.format_table(table, args.format))
    return EXIT_OK


def cmd_push(args) -> int:
    from .push import push
    from .remote import RemoteError, credentials_from_env

    if not args.graph.exists():
        raise CliError(f"{args.graph}: no such file")
    if args.retries < 0 or args.backoff < 0:
        raise CliError("--retries and --backoff: expected numbers >= 0")
    creds = credentials_from_env()
    try:
        result = push(args.graph, args.endpoint, args.store_url, update=args.update_url,
                      union_default=args.union_default, creds=creds, retries=args.retries,
                      backoff=args.backoff, timeout=args.timeout, progress=not args.quiet and sys.stderr.isatty())
    except RemoteError as err:
        raise CliError(str(err)) from err
    except (ValueError, SyntaxError, OSError) as err:
        raise CliError(f"{args.graph}: cannot read graph: {err}") from err
    for line in result.report():
        print(f"govkg push: {line}", file=sys.stderr)
    print(f"govkg push: {result.summary()}", file=sys.stderr)
    return EXIT_OK if result.ok else EXIT_FAIL


def cmd_serve(args) -> int:
    import shutil
    import tempfile

    from . import serve

    if not args.graph.exists():
        raise CliError(f"{args.graph}: no such file")
    if not 0 <= args.port < 65536:
        raise CliError("--port: expected a number from 0 to 65535")
    temp = None
    location = args.location
    if location is None:
        temp = location = Path(tempfile.mkdtemp(prefix="govkg-serve-"))
    server = None
    try:
        print(f"govkg serve: loading {args.graph} into {location} ...", file=sys.stderr)
        serve.load(args.graph, location)
        server = serve.Server(location, args.port or serve.free_port())
        server.wait_ready()
        print(f"query UI:        {server.urls['ui']}")
        print(f"SPARQL endpoint: {server.urls['query']}")
        print(f"Graph Store:     {server.urls['store']}")
        print("press Ctrl-C to stop", flush=True)
        code = server.wait()
        raise CliError(f"oxigraph serve stopped with exit code {code}: {server.last_log_line()}")
    except serve.ServeError as err:
        raise CliError(str(err)) from err
    except KeyboardInterrupt:
        print("govkg serve: stopped", file=sys.stderr)
        return EXIT_OK
    finally:
        if server is not None:
            server.stop()
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)


def cmd_validate(args) -> int:
    from .validate import validate_file

    if not args.file.exists():
        raise CliError(f"{args.file}: no such file")
    try:
        conforms, report = validate_file(args.file)
    except Exception as err:  # a parse error of the user's file
        raise CliError(f"{args.file}: cannot read graph: {err}") from err
    if conforms:
        print(f"{args.file}: conforms to the govkg shapes")
        return EXIT_OK
    print(report)
    return EXIT_FAIL


def _write(output: Path | None, data: bytes) -> None:
    from .store import atomic_write

    if output is None or str(output) == "-":
        sys.stdout.buffer.write(data)
    else:
        atomic_write(output, data)


def cmd_export(args) -> int:
    from .store import serialize

    store = _load_graph(args.file)
    if args.format in ("graphml", "gexf"):
        from viz.export import export_network
        data = export_network(store, args.format)
    else:
        data = serialize(store, args.format)
    _write(args.output, data)
    return EXIT_OK


def cmd_viz(args) -> int:
    from viz.network import page, view_title
    from viz.projection import projection
    from viz.view import ViewError, parse_types, select

    try:
        types = parse_types(args.types)
        articles = args.articles or "Article" in types
        if articles and types and "Article" not in types:
            types.append("Article")
        g = select(projection(_load_graph(args.graph), articles=articles), types=types,
                   focus=args.focus, depth=args.depth, min_degree=args.min_degree)
    except ViewError as err:
        raise CliError(str(err)) from err
    _write(args.output, page(g, args.title or view_title(g, args.depth)).encode("utf-8"))
    where = "<stdout>" if str(args.output) == "-" else args.output
    print(f"wrote {where} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)", file=sys.stderr)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if not getattr(args, "func", None):
        p.print_help()
        return EXIT_USAGE
    try:
        return args.func(args)
    except CliError as err:
        print(f"govkg {args.command}: {err}", file=sys.stderr)
        return EXIT_USAGE if "required" in str(err) or "expected" in str(err) else EXIT_FAIL
    except KeyboardInterrupt:
        print("govkg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
