"""User data: bookmarks, notes and history in their own database (no Qt)."""
