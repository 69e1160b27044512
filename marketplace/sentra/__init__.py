"""Sentra: the directory, branding pages and membership."""
