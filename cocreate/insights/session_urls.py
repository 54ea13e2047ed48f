"""Test sessions and the public "what customers asked for and what was done" page."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
