"""The pages of actors and ministers (/actors/, /ministers/): who carries out which measures.
They live in measures because they list measures; actors knows nothing of measures."""

from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from actors.selectors import actor_get, minister_get
from measures.selectors import (
    actor_directory,
    actor_overview,
    minister_directory,
    minister_overview,
)


class ActorDirectoryView(TemplateView):
    """Every actor with the number of measures it coordinates and contributes to (/actors/)."""

    template_name = "actors/actor_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(actors=actor_directory(), **kwargs)


class ActorDetailView(TemplateView):
    """An actor's page (/actors/wvg/, also /actors/WVG/): the measures it coordinates and
    those it contributes to, their budget totals and implementation statuses."""

    template_name = "actors/actor_detail.html"

    def get_context_data(self, **kwargs):
        actor = actor_get(key=self.kwargs["key"])
        if actor is None:
            raise Http404(_("There is no actor %(key)s.") % {"key": self.kwargs["key"]})
        return super().get_context_data(
            overview=actor_overview(actor=actor, user=self.request.user), **kwargs
        )


class MinisterDirectoryView(TemplateView):
    """Every minister's title with the number of measures in their charge (/ministers/)."""

    template_name = "actors/minister_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(ministers=minister_directory(), **kwargs)


class MinisterDetailView(TemplateView):
    """A minister's page (/ministers/minister-for-welfare/): the measures in their charge,
    their budget totals and implementation statuses."""

    template_name = "actors/minister_detail.html"

    def get_context_data(self, **kwargs):
        minister = minister_get(slug=self.kwargs["slug"])
        if minister is None:
            raise Http404(_("There is no minister %(slug)s.") % {"slug": self.kwargs["slug"]})
        return super().get_context_data(
            overview=minister_overview(minister=minister, user=self.request.user), **kwargs
        )
