"""Test sessions and the public "what customers asked for and what was done" page."""

from django.urls import URLPattern, URLResolver, path

from cocreate.insights.views import public, sessions

urlpatterns: list[URLPattern | URLResolver] = [
    path("sessions/", sessions.session_list, name="sessions"),
    path("sessions/new/", sessions.session_new, name="session-new"),
    path("sessions/invitations/", sessions.invitations, name="session-invitations"),
    path("sessions/<int:session_id>/", sessions.session_detail, name="session"),
    path("sessions/<int:session_id>/questions/", sessions.question_add, name="session-question"),
    path(
        "sessions/<int:session_id>/questions/<int:question_id>/remove/",
        sessions.question_remove,
        name="session-question-remove",
    ),
    path("sessions/<int:session_id>/status/", sessions.session_status, name="session-status"),
    path("sessions/<int:session_id>/invite/", sessions.session_invite, name="session-invite"),
    path("sessions/<int:session_id>/rentals/", sessions.session_rent, name="session-rent"),
    path(
        "sessions/<int:session_id>/rentals/<int:rental_id>/end/",
        sessions.rental_end,
        name="session-rental-end",
    ),
    path("sessions/<int:session_id>/results/", sessions.session_results, name="session-results"),
    path(
        "sessions/<int:session_id>/results.csv",
        sessions.session_results_csv,
        name="session-results-csv",
    ),
    path("sessions/<int:session_id>/answer/", sessions.session_answer, name="session-answer"),
    path("brands/<slug:slug>/asked-for/", public.asked_for, name="asked-for"),
]
