"""In-app notifications (replies, mentions, quotes, moderation...) with optional email."""
