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
                              "(same id) replaced,\nall others kept; the outputs hold the whole store.\n\n"
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
                       description="Run a query of the library in queries/ (by name) or any .rq file "
                                   "on a graph file, with the Oxigraph store.",
                       epilog="examples:\n"
                              "  govkg query --list\n"
                              "  govkg query posts --graph out/graph.ttl\n"
                              "  govkg query entities --graph out/graph.trig --format csv > entities.csv\n"
                              "  govkg query my.rq --graph out/graph.ttl --param name=\"Markus Richter\"")
    q.add_argument("query", nargs="?", metavar="NAME_OR_FILE", help="library query name or path to a .rq file")
    q.add_argument("--graph", "-g", type=Path, help="graph file (.ttl, .trig, .nt, .nq, .jsonld)")
    q.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="bind ?NAME to VALUE (an IRI if VALUE starts with http(s)://, else a string); repeatable")
    q.add_argument("--format", "-f", choices=("table", "csv", "tsv", "json"), default="table",
                   help="output format (default: table)")
    q.add_argument("--list", action="store_true", help="list the query library with summaries")
    q.set_defaults(func=cmd_query)

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


def _load_graph(path: Path):
    from .store import load_file

    if path is None:
        raise CliError("--graph FILE is required (e.g. --graph out/graph.ttl)")
    if not path.exists():
        raise CliError(f"{path}: no such file")
    try:
        return load_file(path)
    except (ValueError, SyntaxError, OSError) as err:
        raise CliError(f"{path}: cannot read graph: {err}") from err


def _bindings(params: list[str]) -> dict:
    from rdflib import Literal, URIRef

    out = {}
    for item in params:
        name, sep, value = item.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not name.isidentifier():
            raise CliError(f"--param {item!r}: expected NAME=VALUE")
        out[name] = URIRef(value) if value.startswith(("http://", "https://")) else Literal(value)
    return out


def cmd_query(args) -> int:
    from . import queries
    from .store import rdflib_dataset

    if args.list:
        for name, q in queries.library().items():
            print(f"{name:<24} {q.summary}")
        return EXIT_OK
    if not args.query:
        raise CliError("name a query (see 'govkg query --list') or give a .rq file")
    try:
        nq = queries.find(args.query)
    except LookupError as err:
        raise CliError(str(err)) from err
    store = _load_graph(args.graph)
    try:
        table = queries.run_local(nq, rdflib_dataset(store), _bindings(args.param))
    except SyntaxError as err:
        raise CliError(f"{nq.path}: {err}") from err
    sys.stdout.write(queries.format_table(table, args.format))
    return EXIT_OK


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
