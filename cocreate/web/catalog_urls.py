from django.urls import path

from cocreate.web import catalog_views as views

app_name = "catalog"

urlpatterns = [
    path("", views.browse, name="browse"),
    path("search/", views.search, name="search"),
    path("<int:category_id>/", views.category_detail, name="category"),
    path("p/<int:product_id>/", views.product_detail, name="product"),
]
