from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from actionplan.forms import form_add_service_errors
from actionplan.security import log_security_event
from actors.forms import ApiTokenForm
from actors.models import ApiToken
from actors.selectors import api_token_list
from actors.services import api_token_create, api_token_rename, api_token_revoke


class ApiTokenListView(LoginRequiredMixin, TemplateView):
    """The signed-in user's API tokens (/account/tokens/): list them and create one. A new
    token's secret is shown on the page that answers the creation, and never again."""

    template_name = "actors/api_tokens.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ApiTokenForm())
        return super().get_context_data(tokens=api_token_list(user=self.request.user), **kwargs)

    def post(self, request, *args, **kwargs):
        form = ApiTokenForm(request.POST)
        new_token = None
        if form.is_valid():
            try:
                new_token = api_token_create(user=request.user, name=form.cleaned_data["name"])
            except ValidationError as error:
                form_add_service_errors(form, error)
        if new_token is None:
            return self.render_to_response(self.get_context_data(form=form))
        response = self.render_to_response(
            self.get_context_data(form=ApiTokenForm(), new_token=new_token)
        )
        # The secret is on this page only: keep it out of every cache.
        add_never_cache_headers(response)
        return response


class ApiTokenChangeView(LoginRequiredMixin, View):
    """Rename (with `name`) or revoke one of the user's own tokens; POST only."""

    http_method_names = ["post"]
    action = "revoke"

    def post(self, request, pk: int):
        try:
            if self.action == "rename":
                self._rename(request, pk)
            else:
                token = api_token_revoke(user=request.user, token_id=pk)
                log_security_event("api_token_revoked", request=request, token=token.prefix)
                messages.success(
                    request,
                    _("Token %(name)s is revoked: tools using it are refused from now on.")
                    % {"name": token.name},
                )
        except ApiToken.DoesNotExist as exc:
            raise Http404(_("You have no such active token.")) from exc
        return redirect("actors:api-tokens")

    def _rename(self, request, pk: int) -> None:
        form = ApiTokenForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors["name"]))
            return
        try:
            token = api_token_rename(user=request.user, token_id=pk, name=form.cleaned_data["name"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return
        messages.success(request, _("The token is now named %(name)s.") % {"name": token.name})
