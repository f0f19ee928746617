# The portal's images. The default target (the last stage) runs web (gunicorn), the Celery
# worker and beat; the "front" target is nginx with the collected static files built in, so
# that the front door and the app always come from the same build.
FROM python:3.11-slim-bookworm AS app

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core curl \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY actionplan actionplan
COPY measures measures
COPY actors actors
COPY budgets budgets
COPY reporting reporting
RUN pip install -c constraints.txt .
COPY . .
# Collected as production serves them (DEBUG=false): hashed names and a manifest, compressed.
# The secret key only lets the settings load; it is thrown away with this layer's process.
RUN DEBUG=false SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    python manage.py collectstatic --no-input \
    && useradd --system --home /app portal && mkdir -p /data/media && chown portal /data/media
USER portal
EXPOSE 8000
CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py", "actionplan.wsgi:application"]

# The front door (deploy/nginx.conf): buffers slow clients, compresses, serves static files.
FROM nginx:1.27-alpine AS front
COPY deploy/nginx.conf /etc/nginx/nginx.conf
COPY --from=app /app/staticfiles /srv/static
EXPOSE 8080

FROM app
