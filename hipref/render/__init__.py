"""Render entries as HTML for the reader pane and handouts (no Qt)."""
