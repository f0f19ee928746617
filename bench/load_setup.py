"""Prepare the database of bench/load_writes.py, in a process of its own (the settings read
DATABASE_URL once): `python bench/load_setup.py ACTOR COORDINATORS MEASURES` migrates, loads
the plan, makes COORDINATORS coordinators of ACTOR with an API token each, and prints as JSON
their tokens, the first MEASURES measures they may update and those measures' versions."""

import io
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(actor: str, coordinators: int, measures: int) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.core.management import call_command

    from actors.services import api_token_create, user_grant_role
    from measures.models import Measure

    quiet = io.StringIO()
    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("load_plan", stdout=quiet)
    tokens, users = [], []
    for number in range(coordinators):
        user, _created = user_grant_role(
            username=f"load-coordinator-{number}",
            role="coordinator",
            actor_codes=[actor],
            check_password=False,
        )
        users.append(user)
        tokens.append(api_token_create(user=user, name="load").secret)
    chosen = list(Measure.objects.modifiable_by(users[0]).in_code_order()[:measures])
    return {
        "tokens": tokens,
        "measures": [measure.code for measure in chosen],
        "versions": {measure.code: measure.version for measure in chosen},
    }


if __name__ == "__main__":
    actor, coordinators, measures = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    print(json.dumps(main(actor, coordinators, measures)))
