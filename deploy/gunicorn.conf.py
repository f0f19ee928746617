"""gunicorn's settings for the portal (`gunicorn -c deploy/gunicorn.conf.py`), each on purpose.

gunicorn runs behind nginx (deploy/nginx.conf), which buffers whole requests and answers, so
sync workers never wait on a slow client; they only wait on the database.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Sync workers: the usual 2 × cores + 1, at most 8 (each holds a database connection).
workers = int(os.environ.get("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8)))
worker_class = "sync"

# A worker silent for 30 s is stuck (no page takes that long; reports are built by Celery):
# it is killed and replaced. nginx waits 35 s, so gunicorn's answer is the one given.
timeout = 30
# On restart or recycling, requests in progress get this long to finish.
graceful_timeout = 30

# Recycle each worker after about a thousand requests, so that slow memory growth (a library's
# cache, fragmentation) never adds up; the jitter keeps workers from restarting all at once.
max_requests = 1000
max_requests_jitter = 200

# gunicorn's defaults, stated: a request line and headers of a sane size.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# The heartbeat file on memory, not on the container's overlay filesystem (which can stall).
worker_tmp_dir = "/dev/shm"  # noqa: S108

# nginx writes the access log (without query strings or reset links); gunicorn only errors.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
