"""Shared Streamlit pieces: configuration, login guard, language, pickers, status badges."""
