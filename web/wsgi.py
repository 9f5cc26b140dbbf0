"""The WSGI entry point for a production server (docs/deployment.md):

    gunicorn --workers 4 --bind 127.0.0.1:8000 web.wsgi:app

Settings come from the instance folder and ``XXGK_*`` variables as for every command.
"""
from web import create_app

app = create_app()
