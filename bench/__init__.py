"""The benchmark behind ``manage.py bench``: synthetic data at commune, province or national size
and the timing of every read path. A tool above the layers, so ``db`` never imports the UI."""
