"""The web server's settings (``gunicorn config.wsgi -c config/gunicorn.conf.py``), the same in
Docker, on a bare machine and in the load run (``benchmarks.loadtest``), so what is measured is what
serves.

- ``WEB_WORKERS`` processes (default: two per core this process may use and one more, at most 9),
  each with ``WEB_THREADS`` threads (default 2): a thread waiting on PostgreSQL lets another run,
  and a kept-alive connection from a phone on a slow link does not hold a process. Each thread
  keeps one PostgreSQL connection open (``DB_CONN_MAX_AGE``): workers x threads x web machines,
  plus the Celery workers, must stay under PostgreSQL's ``max_connections`` (100 by default).
- The application is loaded once in the master and forked (``preload_app``): every worker starts
  with the portal imported and its addresses resolved (``config.wsgi``), so the first request a
  worker serves at the deadline is as fast as the others, and the workers share that memory.
- A worker is replaced after about 2,000 requests (spread so they do not all restart at once).
- Because the application is preloaded, ``kill -HUP`` does not load new code: restart the service
  after a deploy.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# The cores this process may run on (a container's share, not the host's), capped: a large host must
# not open more database connections than PostgreSQL allows.
workers = int(os.environ.get("WEB_WORKERS") or min(len(os.sched_getaffinity(0)) * 2 + 1, 9))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS") or 2)
preload_app = True
timeout = 60
graceful_timeout = 30
keepalive = 5
max_requests = 2000
max_requests_jitter = 200


def post_fork(server, worker) -> None:  # noqa: ANN001 - gunicorn's objects
    """A worker never shares a database connection the master may have opened while loading."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.inc_thread_sharing()
        connection.close()
        connection.dec_thread_sharing()
