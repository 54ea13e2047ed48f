from django.urls import path

from cocreate.textintel import views

app_name = "textintel"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("similar/", views.similar_panel, name="similar-panel"),
    path("duplicates/", views.duplicates, name="duplicates"),
    path("duplicates/<int:candidate_id>/decide/", views.duplicate_decide, name="duplicate-decide"),
]
