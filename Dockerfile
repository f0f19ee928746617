# The portal's image: web (gunicorn), Celery worker and beat all run from it.
FROM python:3.11-slim-bookworm

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
RUN DEBUG=true python manage.py collectstatic --no-input \
    && useradd --system --home /app portal && mkdir -p /data/media && chown portal /data/media
USER portal
EXPOSE 8000
CMD ["gunicorn", "actionplan.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
