"""Site-wide pages: home, health check, language switch."""
