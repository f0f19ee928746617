"""Form fields and filters of the measure list's query parameters: several values per
parameter, each checked against what exists so that an unknown one is an error on its
parameter (see measures.filters)."""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from actionplan.api.filters import PlanField
from actors.models import Actor, Minister, Portfolio
from actors.selectors import actor_names
from budgets.selectors import budget_label_exists

MAX_VALUES_PER_PARAMETER = 100
MAX_SEARCH_LENGTH = 200
MAX_SEARCH_TERMS = 10
FIRST_YEAR, LAST_YEAR = 1900, 2200


class RepeatableInput(forms.TextInput):
    """Reads a parameter given several times, comma-separated, or both, as one list:
    `?actor=WVG&actor=KB` and `?actor=WVG,KB` are the same."""

    def value_from_datadict(self, data, files, name):
        if hasattr(data, "getlist"):
            raw = data.getlist(name)
        else:
            raw = data.get(name)
            if raw is None:
                raw = []
            elif isinstance(raw, str | int):
                raw = [raw]
        return [part.strip() for item in raw for part in str(item).split(",") if part.strip()]

    def value_omitted_from_data(self, data, files, name):
        return name not in data

    def format_value(self, value):
        if isinstance(value, list | tuple):
            return ",".join(str(item) for item in value) or None
        return super().format_value(value)


class RepeatableField(forms.Field):
    """A list of text values, each cleaned by `clean_values`."""

    widget = RepeatableInput

    def to_python(self, value) -> list[str]:
        if value in (None, ""):
            return []
        values = [value] if isinstance(value, str) else list(value)
        if any("\x00" in str(item) for item in values):
            raise ValidationError(_("Null characters are not allowed."))
        if len(values) > MAX_VALUES_PER_PARAMETER:
            raise ValidationError(
                _("Give at most %(n)d values."), params={"n": MAX_VALUES_PER_PARAMETER}
            )
        return values

    def validate(self, value) -> None:
        # Empty is allowed (no filter); the values themselves are checked in clean().
        pass

    def clean(self, value):
        values = self.to_python(value)
        return self.clean_values(values) if values else []

    def clean_values(self, values: list[str]):
        return values


class ActorsField(RepeatableField):
    """Actors by code, alias or address (slug), case-insensitive."""

    def clean_values(self, values: list[str]) -> list[Actor]:
        known = actor_names()
        unknown = [value for value in values if value.casefold() not in known]
        if unknown:
            raise ValidationError(
                _("Unknown actor: %(values)s. Give an actor's code, such as WVG."),
                params={"values": ", ".join(unknown)},
            )
        return _unique(known[value.casefold()] for value in values)


class MinistersField(RepeatableField):
    """Ministers' portfolios, by the address (slug) of the portfolio or of any of its printed
    titles: a title stands for its whole portfolio, so that no measure of it is missed."""

    def clean_values(self, values: list[str]) -> list[Portfolio]:
        slugs = [value.lower() for value in values]
        found = {p.slug: p for p in Portfolio.objects.filter(slug__in=slugs)}
        for title in Minister.objects.filter(slug__in=slugs, portfolio__isnull=False):
            found.setdefault(title.slug, title.portfolio)
        unknown = [value for value, slug in zip(values, slugs, strict=True) if slug not in found]
        if unknown:
            raise ValidationError(
                _(
                    "Unknown minister: %(values)s. Give the address of a portfolio, such as "
                    "welfare, or of a minister's title, such as minister-for-welfare."
                ),
                params={"values": ", ".join(unknown)},
            )
        return _unique(found[slug] for slug in slugs)


class NumbersField(RepeatableField):
    """Numbers of policy lines or actions. A number means a line or action of one plan: the
    form checks them against it with `check_in_plan` once the plan is known."""

    def __init__(self, *, model, noun, **kwargs):
        self.model, self.noun = model, noun
        super().__init__(**kwargs)

    def clean_values(self, values: list[str]) -> list[int]:
        malformed = [value for value in values if not re.fullmatch(r"[0-9]{1,4}", value)]
        if malformed:
            raise ValidationError(
                _("%(values)s: give the number of a %(noun)s, such as 2."),
                params={"values": ", ".join(malformed), "noun": self.noun},
            )
        return _unique(int(value) for value in values)

    def check_in_plan(self, numbers: list[int], plan) -> None:
        """Raise ValidationError naming the numbers that `plan` does not have."""
        existing = set(
            self.model.objects.filter(plan=plan, number__in=numbers).values_list(
                "number", flat=True
            )
        )
        unknown = [str(number) for number in numbers if number not in existing]
        if unknown:
            raise ValidationError(
                _("There is no %(noun)s %(values)s in this plan."),
                params={"noun": self.noun, "values": ", ".join(unknown)},
            )


class ChoicesField(RepeatableField):
    """Several values out of fixed choices (case-insensitive)."""

    def __init__(self, *, choices, **kwargs):
        self.choices = list(choices)
        super().__init__(**kwargs)

    def clean_values(self, values: list[str]) -> list[str]:
        by_folded = {str(value).casefold(): value for value, _label in self.choices}
        unknown = [value for value in values if value.casefold() not in by_folded]
        if unknown:
            raise ValidationError(
                _("Unknown value: %(values)s. Choose from %(choices)s."),
                params={"values": ", ".join(unknown), "choices": ", ".join(by_folded.values())},
            )
        return _unique(by_folded[value.casefold()] for value in values)


class FundingField(forms.CharField):
    """A budget line's funding source or label, as printed, case-insensitive."""

    def clean(self, value):
        label = super().clean(value)
        if not label:
            return ""
        if not budget_label_exists(label):
            raise ValidationError(
                _("No budget line has the funding source “%(label)s”."), params={"label": label}
            )
        return label


class SearchField(forms.CharField):
    """Words to search for; each must match (see text_search_condition)."""

    def __init__(self, **kwargs):
        super().__init__(max_length=MAX_SEARCH_LENGTH, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        if len(text.split()) > MAX_SEARCH_TERMS:
            raise ValidationError(
                _("Search for at most %(n)d words."), params={"n": MAX_SEARCH_TERMS}
            )
        return text


def _unique(items) -> list:
    return list(dict.fromkeys(items))


class ActorFilter(django_filters.Filter):
    field_class = ActorsField


class MinisterFilter(django_filters.Filter):
    field_class = MinistersField


class NumbersFilter(django_filters.Filter):
    field_class = NumbersField


class ChoicesFilter(django_filters.Filter):
    field_class = ChoicesField


class PlanCodeFilter(django_filters.Filter):
    field_class = PlanField


class FundingFilter(django_filters.Filter):
    field_class = FundingField


class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField


class SearchFilter(django_filters.Filter):
    field_class = SearchField
