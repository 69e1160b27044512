"""Inquiries and their messages, buying requests and quotes, favourites and sentra follows."""
