"""One step of bench/report.py, in a process of its own so that its peak memory is its own:

    python -m bench.report_step close
    python -m bench.report_step build ROUND EDITION LANGUAGE

`close` opens a round over every update of the plan and closes it; `build` builds one edition
of that round's report (content, PDF, XLSX, CSV). Each prints its timings as JSON.
"""

import datetime
import io
import json
import os
import sys
import time


def close() -> dict:
    from actionplan.models import Plan
    from reporting.models import ReportingRound
    from reporting.services import round_close, round_open

    plan = Plan.objects.order_by("pk").first()
    ReportingRound.objects.filter(plan=plan, state=ReportingRound.State.OPEN).delete()
    period_end = datetime.date(2026, 12, 31)
    reporting_round = round_open(
        plan=plan,
        title=f"Benchmark round {datetime.datetime.now():%Y-%m-%d %H:%M:%S}",
        period_start=datetime.date(2018, 1, 1),
        period_end=period_end,
        deadline=period_end,
    )
    started = time.perf_counter()
    round_close(reporting_round=reporting_round)
    return {"round": reporting_round.pk, "close_s": round(time.perf_counter() - started, 1)}


def build(round_id: str, edition: str, language: str) -> dict:
    from django.utils import translation
    from pypdf import PdfReader

    from reporting import builders
    from reporting.models import ReportingRound
    from reporting.selectors import report_content

    timings = {}
    started = time.perf_counter()
    with translation.override(language):
        content = report_content(
            reporting_round=ReportingRound.objects.get(pk=round_id), edition=edition
        )
        timings["content_s"] = time.perf_counter() - started
        files = {}
        for kind in ("pdf", "xlsx", "csv"):
            started = time.perf_counter()
            files[kind] = getattr(builders, f"build_{kind}")(content)
            timings[f"{kind}_s"] = time.perf_counter() - started
    answer = {key: round(value, 1) for key, value in timings.items()}
    answer["pages"] = len(PdfReader(io.BytesIO(files["pdf"])).pages)
    answer["pdf_MiB"] = round(len(files["pdf"]) / 2**20, 1)
    return answer


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    step, *arguments = sys.argv[1:]
    answer = close() if step == "close" else build(*arguments)
    print(json.dumps(answer))


if __name__ == "__main__":
    main()
