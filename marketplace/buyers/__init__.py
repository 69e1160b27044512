"""Buyers and businesses talking: inquiries, buying requests and quotes, favourites, dashboards."""
