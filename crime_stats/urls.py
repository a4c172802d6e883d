"""The crime statistics app's portal pages, joined to the portal's (`plans.registry.Section.urls`)."""

from django.urls import path

from crime_stats import views

urlpatterns = [path("compare/<slug:district>/crime/", views.compare_crime, name="compare-crime")]
