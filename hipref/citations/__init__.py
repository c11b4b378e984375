"""Citations for study cards: formatted reference strings and reference-manager exports (no Qt)."""
