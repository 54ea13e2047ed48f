from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TextintelConfig(AppConfig):
    name = "cocreate.textintel"
    label = "textintel"
    verbose_name = _("Text intelligence")
