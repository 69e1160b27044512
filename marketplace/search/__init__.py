"""Full-text search: Indonesian analysis, the index that follows every commit, the search pages.

- analysis.py: text to terms (Sastrawi for Indonesian, Porter for English), for documents and queries.
- documents.py: database rows to `backend.Document`s, and which rows a change touches.
- indexer.py: SQLAlchemy session events: collect in after_flush, index in after_commit.
- backend.py: the provider interface; whoosh_backend.py and postgres_backend.py implement it.
- services.py: searching on behalf of a user (audiences, spelling fallback, status).
- snippets.py: highlighted snippets shared by both backends.
- views.py, forms.py, cli.py: /search, /search/suggest, the member directory, `flask search ...`.
"""
