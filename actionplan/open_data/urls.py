from django.urls import path

from actionplan.open_data import views

app_name = "open-data"
urlpatterns = [
    path("catalog.jsonld", views.catalog, name="catalog"),
    path("plan-v1.schema.json", views.plan_schema, name="plan-schema"),
    path("plans/<slug:plan_code>.json", views.plan_document, name="plan"),
]
