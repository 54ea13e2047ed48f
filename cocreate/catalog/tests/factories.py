import factory

from cocreate.catalog.models import Brand, Category, Product


class CategoryFactory(factory.django.DjangoModelFactory):
    """A top-level category by default; pass parent= for a child."""

    class Meta:
        model = Category

    id = factory.Sequence(lambda n: 900000 + n)
    parent = None
    level = factory.LazyAttribute(lambda o: o.parent.level + 1 if o.parent else 1)
    name_en = factory.Sequence(lambda n: f"Category {n}")
    name_ko = factory.Sequence(lambda n: f"분류 {n}")
    path_en = factory.LazyAttribute(
        lambda o: f"{o.parent.path_en} > {o.name_en}" if o.parent else o.name_en
    )
    path_ids = factory.LazyAttribute(lambda o: f"{o.parent.path_ids if o.parent else '/'}{o.id}/")


class BrandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Brand

    name = factory.Sequence(lambda n: f"Brand {n}")
    slug = factory.Sequence(lambda n: f"brand-{n}")
    org = None


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    brand = factory.SubFactory(BrandFactory)
    category = factory.SubFactory(CategoryFactory)
    name = factory.Sequence(lambda n: f"제품 {n}")
    sku = factory.Sequence(lambda n: f"SKU-{n}")
