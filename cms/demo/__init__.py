"""Demo content for `manage.py load_demo`: Chinese texts, drawn pictures and the loader."""
