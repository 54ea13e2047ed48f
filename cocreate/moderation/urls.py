from django.urls import path

from cocreate.moderation import views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("transparency/", views.transparency, name="transparency"),
    path("policy/", views.policy, name="policy"),
    path("c/<int:contribution_id>/decide/", views.decide, name="decide"),
    path("c/<int:contribution_id>/report/", views.report, name="report"),
    path("c/<int:contribution_id>/reply/", views.reply, name="reply"),
    path("decisions/<int:decision_id>/appeal/", views.appeal, name="appeal"),
    path("appeals/<int:appeal_id>/", views.appeal_decide, name="appeal-decide"),
    path("relationships/", views.relationship_list, name="relationships"),
    path(
        "relationships/<int:relationship_id>/end/",
        views.relationship_end,
        name="relationship-end",
    ),
]
