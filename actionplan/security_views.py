"""Sign-in and password-reset pages with abuse limits (see actionplan.security)."""

from django.conf import settings
from django.contrib.auth.views import PasswordResetView
from django.http import HttpResponseRedirect
from django.shortcuts import render

from actionplan.security import attempt_limit, client_address, log_security_event, too_many_requests


def sign_in_locked_out(request, original_response=None, credentials=None):
    """What django-axes answers to a sign-in while the account or the address is locked out
    (AXES_LOCKOUT_CALLABLE): a page that says for how long, as 429 with Retry-After."""
    minutes = settings.LOGIN_LOCKOUT_MINUTES
    response = render(
        request, "registration/locked_out.html", {"lockout_minutes": minutes}, status=429
    )
    response["Retry-After"] = str(minutes * 60)
    return response


class LimitedPasswordResetView(PasswordResetView):
    """Django's password reset, limited per address (beyond the limit: 429) and in mails per
    account (beyond it: no mail, and the same "check your email" page, so the page never tells
    whether an address has an account)."""

    def post(self, request, *args, **kwargs):
        limit = attempt_limit("password-reset-address")
        attempts = limit.record(client_address(request))
        if attempts > limit.limit:
            if attempts == limit.limit + 1:
                log_security_event("password_reset_throttled", request=request)
            return too_many_requests(request, retry_after=limit.window)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        limit = attempt_limit("password-reset-account")
        if limit.record(email) > limit.limit:
            log_security_event("password_reset_mail_withheld", request=self.request, username=email)
            return HttpResponseRedirect(self.get_success_url())
        log_security_event("password_reset_requested", request=self.request, username=email)
        return super().form_valid(form)
