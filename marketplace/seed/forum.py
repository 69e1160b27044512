"""Demo forum: loaded after the sentra, businesses and people (safe to run again)."""


def load(loader, progress):
    """Add what is missing; return {name: number created} for the summary."""
    return {}
