"""The load test: many browser sessions, played over Streamlit's own websocket protocol,
against one real ``streamlit run dashboard.py``; ``python -m loadtest --help``."""
