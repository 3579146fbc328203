"""govkg: a knowledge graph of the actors of German digital government, built from news.

The package is a chain of small steps (see DESIGN.md):
articles -> sentences -> mentions and relations -> resolved entities -> RDF -> store.
"""

__version__ = "0.1.0"
