"""Request types for views that require a logged-in person (after @login_required)."""

from django.http import HttpRequest

from cocreate.accounts.models import User


class AuthedHttpRequest(HttpRequest):
    user: User
