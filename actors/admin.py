from django.contrib import admin

from .models import Actor, ActorAlias, Minister


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 0


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "aliases__alias"]
    prepopulated_fields = {"slug": ["code"]}
    inlines = [ActorAliasInline]


@admin.register(Minister)
class MinisterAdmin(admin.ModelAdmin):
    list_display = ["title"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
