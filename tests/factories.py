"""Test data: users of every portal role (made through the same service as grant_role),
progress recorded as the update form records it, and factory_boy factories for small unit
tests that need a measure, an actor or a budget line of their own rather than the real plan."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from factory.django import DjangoModelFactory

from actionplan.models import Action, Plan, PolicyLine
from actors.models import Actor
from actors.services import user_grant_role
from budgets.models import BudgetLine
from measures.models import Measure, MeasureActor
from measures.services import ProgressFields, progress_update_create
from reporting.models import ReportingRound
from reporting.services import report_run_request, round_close, round_open

PASSWORD = "a-Long-test-passphrase-42"


def make_user(username: str, role: str, actors: tuple[str, ...] = (), email: str | None = None):
    user, _created = user_grant_role(
        username=username,
        role=role,
        actor_codes=list(actors),
        email=email,
        password=PASSWORD,
        check_password=False,
    )
    return user


def make_user_without_role(username: str):
    """A signed-in account with no portal role (grant_role cannot make one)."""
    return get_user_model().objects.create_user(
        username, f"{username}@example.org", password=PASSWORD
    )


def record_update(measure: Measure, author, **overrides):
    """Record a progress update through the service, as the update form does."""
    values = {
        "reported_on": datetime.date(2026, 11, 1),
        "implementation_status": "on_track",
        "progress_percent": 40,
        "narrative": "Work is under way.",
    }
    values.update(overrides)
    measure.refresh_from_db()
    return progress_update_create(
        measure=measure,
        author=author,
        expected_version=measure.version,
        fields=ProgressFields(**values),
    )


# --- factory_boy: a plan of the test's own, built up from a measure ---------------------------
# Numbers start high so that nothing made here is mistaken for the real plan's 1.1 to 14.x.


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan

    code = factory.Sequence(lambda n: f"test-plan-{n}")
    title = factory.Sequence(lambda n: f"Test action plan {n}")
    government = "A test government"
    adoption_year = 2017
    evaluation_due = datetime.date(2018, 10, 1)


class PolicyLineFactory(DjangoModelFactory):
    class Meta:
        model = PolicyLine

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: 100 + n)
    title = factory.Sequence(lambda n: f"Policy line {100 + n}")


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = Action

    policy_line = factory.SubFactory(PolicyLineFactory)
    plan = factory.SelfAttribute("policy_line.plan")
    number = factory.Sequence(lambda n: 100 + n)
    title = factory.Sequence(lambda n: f"Action {100 + n}")


class MeasureFactory(DjangoModelFactory):
    class Meta:
        model = Measure

    action = factory.SubFactory(ActionFactory)
    plan = factory.SelfAttribute("action.plan")
    code = factory.LazyAttributeSequence(lambda measure, n: f"{measure.action.number}.{n + 1}")
    plan_status = Measure.PlanStatus.NEW
    title = factory.LazyAttribute(lambda measure: f"Factory measure {measure.code}")
    description = factory.LazyAttribute(lambda measure: f"<p>Measure {measure.code}.</p>")


class ActorFactory(DjangoModelFactory):
    class Meta:
        model = Actor

    code = factory.Sequence(lambda n: f"TEST{n}")
    slug = factory.LazyAttribute(lambda actor: actor.code.lower())
    name = factory.Sequence(lambda n: f"Test agency {n}")
    kind = Actor.Kind.AGENCY


class MeasureActorFactory(DjangoModelFactory):
    """An actor's part in a measure: the coordinator unless the test says partner."""

    class Meta:
        model = MeasureActor

    measure = factory.SubFactory(MeasureFactory)
    actor = factory.SubFactory(ActorFactory)
    role = MeasureActor.Role.COORDINATOR
    position = factory.Sequence(lambda n: n + 1)


class BudgetLineFactory(DjangoModelFactory):
    """A one-off euro amount; pass amount=None, fte=... for staff, regular_resources=True..."""

    class Meta:
        model = BudgetLine

    measure = factory.SubFactory(MeasureFactory)
    position = factory.Sequence(lambda n: n + 1)
    amount = Decimal("10000.00")
    recurrence = BudgetLine.Recurrence.ONE_OFF
    source_text = factory.LazyAttribute(lambda line: f"€ {line.amount}" if line.amount else "")


def closed_round_with_a_run(plan, evaluator, title: str = "First half of 2026"):
    """A round of the first half of 2026, closed through the services (its snapshot taken),
    with a queued public report. Returns (closed round, run)."""
    closed = round_open(
        plan=plan,
        title=title,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        deadline=datetime.date(2026, 7, 15),
        opened_by=evaluator,
    )
    round_close(reporting_round=closed, closed_by=evaluator)
    run, _created = report_run_request(
        reporting_round=closed, edition="public", requested_by=evaluator, queue=False
    )
    return closed, run


def closed_round_record(plan, title: str = "Progress report 2026") -> ReportingRound:
    """A round of the first half of 2026 recorded as closed, without the snapshot closing takes:
    for tests of report files and their API alone."""
    return ReportingRound.objects.create(
        plan=plan,
        title=title,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        deadline=datetime.date(2026, 7, 15),
        state=ReportingRound.State.CLOSED,
        closed_at=timezone.now(),
    )


def rounds_with_a_report(plan, evaluator, titles=("First half of 2026", "Second half of 2026")):
    """What the reports pages show: a closed round of the first half of 2026 with a queued
    public report, and an open round of the second half. Returns (closed, opened, run)."""
    closed, run = closed_round_with_a_run(plan, evaluator, titles[0])
    opened = round_open(
        plan=plan,
        title=titles[1],
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 12, 31),
        deadline=datetime.date(2027, 1, 15),
        opened_by=evaluator,
    )
    return closed, opened, run
