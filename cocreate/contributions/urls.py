from django.urls import path

from cocreate.contributions import views

app_name = "contributions"

urlpatterns = [
    path("mine/", views.mine, name="mine"),
    path("review/<int:product_id>/", views.review_new, name="review-new"),
    path("invited/<str:token>/", views.review_invited, name="review-invited"),
    path("complaint/", views.complaint_new, name="complaint-new"),
    path("<int:contribution_id>/", views.detail, name="detail"),
    path("<int:contribution_id>/versions/", views.versions, name="versions"),
    path("<int:contribution_id>/edit/", views.edit, name="edit"),
    path("<int:contribution_id>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:contribution_id>/consent/", views.set_consent, name="consent"),
]
