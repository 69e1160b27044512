"""Products: listings by businesses for OVOP, export and supply-chain buyers, and the catalogue."""
