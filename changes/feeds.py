"""Atom feeds of public progress: the whole plan, one actor's measures, one measure.

Built from what anonymous readers may read, whoever asks: a feed is often fetched by a feed
reader without the reader's session, and a feed URL shared further must not leak."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from actors.selectors import actor_get
from measures.models import Measure, ProgressUpdate
from measures.selectors import progress_update_list_for

FEED_LENGTH = 50


class PublicProgressFeed(Feed):
    """Every measure's latest public progress updates, newest first."""

    feed_type = Atom1Feed

    def title(self, obj=None) -> str:
        return _("Public progress of the action plan")

    def subtitle(self, obj=None) -> str:
        return _("Progress updates on the measures of the action plan, newest first.")

    def link(self, obj=None) -> str:
        return reverse("actionplan:home")

    def updates(self, obj=None):
        return progress_update_list_for(user=AnonymousUser())

    def items(self, obj=None):
        return self.updates(obj).select_related("measure", "measure__plan")[:FEED_LENGTH]

    def item_title(self, item: ProgressUpdate) -> str:
        return _("%(measure)s: %(status)s (%(percent)d%%)") % {
            "measure": item.measure.code_and_title,
            "status": item.get_implementation_status_display(),
            "percent": item.progress_percent,
        }

    def item_description(self, item: ProgressUpdate) -> str:
        # Atom writes a summary as type="html": the plain-text narrative is escaped, so that a
        # feed reader shows what the coordinator typed instead of running it as markup.
        text = item.narrative
        if item.reason:
            text = f"{text}\n\n{_('Reason')}: {item.reason}"
        return linebreaksbr(text, autoescape=True)

    def item_link(self, item: ProgressUpdate) -> str:
        # The measure's page under its own plan's path: /measures/<code>/ is the default plan's.
        url = reverse(
            "plan-measures:detail",
            kwargs={"plan_code": item.measure.plan.code, "code": item.measure.code},
        )
        return f"{url}#update-{item.pk}"

    def item_guid(self, item: ProgressUpdate) -> str:
        return f"urn:actionplan:progress-update:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: ProgressUpdate):
        return item.created_at

    def item_updateddate(self, item: ProgressUpdate):
        return item.updated_at


class ActorProgressFeed(PublicProgressFeed):
    """The public progress of the measures in which one actor takes part."""

    def get_object(self, request, key: str):
        actor = actor_get(key=key)
        if actor is None:
            raise Http404(_("There is no actor %(key)s.") % {"key": key})
        return actor

    def title(self, obj=None) -> str:
        return _("Public progress of the measures of %(actor)s") % {"actor": obj.name}

    def link(self, obj=None) -> str:
        return reverse("directory:actor", kwargs={"key": obj.code})

    def updates(self, obj=None):
        return super().updates(obj).filter(measure__actor_links__actor=obj).distinct()


class MeasureProgressFeed(PublicProgressFeed):
    """The public progress of one measure (in the plan that `?plan=` names, or the first)."""

    def get_object(self, request, code: str):
        measures = Measure.objects.filter(code=code)
        plan = request.GET.get("plan", "").strip()
        if plan:
            measures = measures.filter(plan__code=plan)
        measure = measures.order_by("plan__adoption_year", "plan__code").first()
        if measure is None:
            raise Http404(_("There is no measure %(code)s.") % {"code": code})
        return measure

    def title(self, obj=None) -> str:
        return _("Public progress of measure %(measure)s") % {"measure": obj.code_and_title}

    def link(self, obj=None) -> str:
        return reverse("measures:detail", kwargs={"code": obj.code})

    def updates(self, obj=None):
        return super().updates(obj).filter(measure=obj)
