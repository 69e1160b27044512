"""Forums: boards, topics, posts, reactions, watching, unread tracking and moderation."""
