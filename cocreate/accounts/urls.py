from django.urls import path

from cocreate.accounts import views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("verify/<str:token>/", views.verify_email, name="verify-email"),
    path("verify-again/", views.resend_verification, name="verify-again"),
    path("profile/", views.profile, name="profile"),
    path("consent/", views.consent, name="consent"),
    path("notifications/", views.notifications, name="notifications"),
]
