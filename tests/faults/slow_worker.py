"""`celery -A actionplan worker ...` whose report builds take FAULTS_BUILD_SECONDS (so that a
test can kill the worker mid-build) and make a small stand-in PDF instead of rendering one.
The process building writes its id to FAULTS_BUILDER_PID_FILE as it starts.

Run as `python -m tests.faults.slow_worker worker ...` by the fault-injection tests.
"""

import os
import sys
import time

import django


def main() -> None:
    django.setup()
    import reporting.builders

    seconds = float(os.environ.get("FAULTS_BUILD_SECONDS", "0"))

    def slow_pdf(content) -> bytes:
        with open(os.environ["FAULTS_BUILDER_PID_FILE"], "w") as pid_file:
            pid_file.write(str(os.getpid()))
        time.sleep(seconds)
        return b"%PDF-1.7 built by the fault-injection worker\n"

    reporting.builders.build_pdf = slow_pdf
    from celery.__main__ import main as celery_main

    sys.argv = ["celery", "-A", "actionplan", *sys.argv[1:]]
    celery_main()


if __name__ == "__main__":
    main()
