"""Fill a benchmark database to a multiple of the plan, and count each URL's queries.

Run by bench/run.py in a process of its own (the settings read DATABASE_URL once):
`python bench/fill.py SCALE URL...` migrates, loads the plan, adds 62 × (SCALE - 1) synthetic
measures and 1,000 × SCALE progress updates (seven in ten public, the others internal), sets
each measure's progress from its latest updates, and prints {url: queries} as JSON.
"""

import datetime
import io
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PLAN_MEASURES = 62
UPDATES_PER_SCALE = 1000
PUBLIC_SHARE = 0.7
STATUSES = ("not_started", "on_track", "on_track", "delayed", "completed")

# The measures' progress from their latest update, and from their latest public one.
LATEST_SQL = """
UPDATE measures_measure AS m
SET {prefix}implementation_status = u.implementation_status,
    {prefix}progress_percent = u.progress_percent,
    {prefix}last_update_at = u.created_at, updated_at = now(), public_changed_at = now()
FROM (
    SELECT DISTINCT ON (measure_id) measure_id, implementation_status, progress_percent,
           created_at
    FROM measures_progressupdate {where}
    ORDER BY measure_id, reported_on DESC, created_at DESC
) AS u
WHERE m.id = u.measure_id
"""


def fill(scale: int) -> None:
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection

    from actionplan.models import Plan
    from bench.synthetic import add_synthetic_measures
    from measures.models import Measure, ProgressUpdate

    call_command("migrate", verbosity=0)
    if Measure.objects.count() >= PLAN_MEASURES * scale:
        return  # filled by an earlier run
    call_command("load_plan", stdout=io.StringIO())
    plan = Plan.objects.order_by("pk").first()
    if scale > 1:
        add_synthetic_measures(plan, PLAN_MEASURES * (scale - 1), first_action=100)
    author, _made = User.objects.get_or_create(username="bench-coordinator")
    measure_ids = list(Measure.objects.values_list("pk", flat=True))
    total = UPDATES_PER_SCALE * scale
    batch = []
    for index in range(total):
        batch.append(_update(ProgressUpdate, measure_ids[index % len(measure_ids)], index, author))
        if len(batch) == 5000 or index == total - 1:
            ProgressUpdate.objects.bulk_create(batch)
            batch = []
    with connection.cursor() as cursor:
        cursor.execute(LATEST_SQL.format(prefix="", where=""))
        cursor.execute(LATEST_SQL.format(prefix="public_", where="WHERE visibility = 'public'"))
        cursor.execute("ANALYZE")


def _update(model, measure_id: int, index: int, author):
    status = STATUSES[index % len(STATUSES)]
    return model(
        measure_id=measure_id,
        reported_on=datetime.date(2018, 1, 1) + datetime.timedelta(days=index % 3000),
        implementation_status=status,
        progress_percent=100 if status == "completed" else (index * 7) % 100,
        narrative=f"Progress report {index}: work under way with the partners.",
        reason="Waiting for funding." if status == "delayed" else "",
        visibility="public" if (index * 7919) % 100 < PUBLIC_SHARE * 100 else "internal",
        author=author,
    )


def query_counts(urls: list[str]) -> dict[str, int]:
    """Queries per request, for an anonymous client, in this process, with nothing in the
    cache (the most a request makes: a page seen again reads its rows and counts from it)."""
    from django.core.cache import cache
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for url in urls:
        cache.clear()
        reset_queries()
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)
        counts[url] = len(context.captured_queries)
    return counts


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    fill(int(sys.argv[1]))
    print(json.dumps(query_counts(sys.argv[2:])))


if __name__ == "__main__":
    main()
