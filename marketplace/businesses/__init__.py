"""Businesses: IKM unit profiles."""
