"""The pages of actors and ministers (/actors/, /ministers/): who carries out which measures.
They live in measures because they list measures; actors knows nothing of measures."""

from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from actors.selectors import actor_get, minister_get, portfolio_get
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
        return super().get_context_data(actors=actor_directory(user=self.request.user), **kwargs)


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
    """Every minister's portfolio, its printed titles beside it, with the number of measures in
    its charge (/ministers/)."""

    template_name = "actors/minister_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(ministers=minister_directory(), **kwargs)


class MinisterDetailView(TemplateView):
    """A portfolio's page (/ministers/youth-and-media/): the measures in its charge under any of
    its printed titles, their budget totals and implementation statuses. The address of a
    printed title (/ministers/minister-for-youth/) leads to its portfolio's page."""

    template_name = "actors/minister_detail.html"

    def get(self, request, *args, **kwargs):
        self.portfolio = portfolio_get(slug=kwargs["slug"])
        if self.portfolio is None:
            title = minister_get(slug=kwargs["slug"])
            if title is None or title.portfolio is None:
                raise Http404(_("There is no minister %(slug)s.") % {"slug": kwargs["slug"]})
            return redirect("directory:minister", slug=title.portfolio.slug, permanent=True)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            overview=minister_overview(portfolio=self.portfolio, user=self.request.user), **kwargs
        )
