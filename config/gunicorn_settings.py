"""gunicorn, sync workers: the fastest and steadiest Django server measured on this stack."""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_WORKERS", "2"))
worker_class = "sync"
timeout = 30
graceful_timeout = 10
max_requests = 2000
max_requests_jitter = 200
accesslog = os.environ.get("ACCESS_LOG", "-")
wsgi_app = "config.wsgi:application"
