"""gunicorn settings for PilotHub (see docs/deployment.md). Values can be overridden from the environment."""

import multiprocessing
import os

bind = os.environ.get("PILOTHUB_BIND", "127.0.0.1:8001")
# Django views are synchronous and mostly wait on PostgreSQL: (2 × cores) + 1 workers, each
# with a few threads, is the usual starting point.
workers = int(os.environ.get("PILOTHUB_WEB_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("PILOTHUB_WEB_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("PILOTHUB_WEB_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
max_requests = int(os.environ.get("PILOTHUB_WEB_MAX_REQUESTS", "2000"))  # recycle workers to bound memory growth (0: never)
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("PILOTHUB_FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "pilothub.wsgi:application"
