from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from actors.permissions import user_can_manage_users
from webhooks.models import Delivery, Subscription, WebhookEvent
from webhooks.services import webhook_subscription_update, webhook_url_check


class SubscriptionForm(forms.ModelForm):
    url = forms.URLField(label=_("receiver URL"), max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(
        choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Subscription
        fields = ["url", "events", "owner", "active"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        webhook_url_check(url)
        return url


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    can_delete = False
    fields = ["created_at", "event", "state", "attempts", "response_status", "error"]
    readonly_fields = fields
    ordering = ["-pk"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """Webhooks are registered by platform administrators (or by token holders, through the
    API); each only ever receives what its owner may read."""

    form = SubscriptionForm
    list_display = ["url", "owner", "active", "consecutive_failures", "disabled_at"]
    list_filter = ["active"]
    readonly_fields = ["secret", "consecutive_failures", "disabled_at", "created_at"]
    inlines = [DeliveryInline]

    def has_module_permission(self, request):
        return user_can_manage_users(request.user)

    def has_view_permission(self, request, obj=None):
        return user_can_manage_users(request.user)

    def has_add_permission(self, request):
        return user_can_manage_users(request.user)

    def has_change_permission(self, request, obj=None):
        return user_can_manage_users(request.user)

    def has_delete_permission(self, request, obj=None):
        return user_can_manage_users(request.user)

    def save_model(self, request, obj, form, change):
        if change:
            changes = {name: form.cleaned_data[name] for name in form.changed_data}
            stored = Subscription.objects.get(pk=obj.pk)
            webhook_subscription_update(subscription=stored, **changes)
        else:
            super().save_model(request, obj, form, change)
