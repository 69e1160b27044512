"""Accounts: registration, login, settings, password reset."""
