"""The labels that moderation is responsible for showing wherever a contribution appears:
insider relationships, rewarded and verified contributions, kinds and statuses. The texts are
defined by the contributions app; repeating them here puts their Korean translation in this
app's catalogue, so that the labels read in Korean on every page (the catalogue of an app
listed earlier in INSTALLED_APPS takes precedence if it translates them too)."""

from django.utils.translation import gettext_lazy as _

LABELS = (
    _("Employee of the brand"),
    _("Family of an employee"),
    _("Business partner of the brand"),
    _("Rewarded contribution"),
    _("Verified purchase"),
    _("Review"),
    _("Complaint"),
    _("Idea"),
    _("Upgrade of a product"),
    _("New product"),
    _("Draft"),
    _("Waiting for moderation"),
    _("Published"),
    _("Hidden by moderation"),
    _("Withdrawn by the author"),
    _("Order posted by the seller"),
    _("Review invitation"),
    _("No data for this period yet."),
    _("Show the numbers"),
    _("Item"),
    _("Count"),
    _("Period"),
)
