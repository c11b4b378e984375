"""Content: Markdown files with front matter -> checked records -> the built SQLite file."""
