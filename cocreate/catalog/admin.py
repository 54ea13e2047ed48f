from django.contrib import admin

from cocreate.catalog.models import Brand, Category, Product


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin[Category]):
    list_display = ["id", "path_en", "name_ko", "level"]
    list_filter = ["level"]
    search_fields = ["name_en", "name_ko", "path_en", "=id"]
    readonly_fields = ["id", "parent", "level", "path_en", "path_ids"]


@admin.register(Brand)
class BrandAdmin(admin.ModelAdmin[Brand]):
    list_display = ["name", "slug", "org"]
    search_fields = ["name"]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin[Product]):
    list_display = ["name", "brand", "category", "gtin", "sku", "review_count"]
    search_fields = ["name", "gtin", "sku", "mpn"]
    autocomplete_fields = ["brand", "category"]
    readonly_fields = ["review_count", "rating_sum"]
