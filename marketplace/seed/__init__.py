"""Demo and reference data loaders behind `flask seed ...`."""
