from django.urls import URLPattern, URLResolver

app_name = "textintel"

urlpatterns: list[URLPattern | URLResolver] = []
