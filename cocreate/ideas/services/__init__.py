"""Every write of the ideas app. Other apps call `idea_attach` (through
CONTRIBUTION_KIND_HANDLERS["idea"]) and `idea_moderation_decided` (moderation)."""

from cocreate.ideas.services.campaigns import (
    campaign_create,
    campaign_default,
    campaign_set_status,
)
from cocreate.ideas.services.lifecycle import (
    TickResult,
    idea_archive,
    idea_attach,
    idea_decide,
    idea_moderation_decided,
    idea_submit,
    ideas_tick,
)
from cocreate.ideas.services.supports import idea_support, idea_withdraw_support

__all__ = [
    "TickResult",
    "campaign_create",
    "campaign_default",
    "campaign_set_status",
    "idea_archive",
    "idea_attach",
    "idea_decide",
    "idea_moderation_decided",
    "idea_submit",
    "idea_support",
    "idea_withdraw_support",
    "ideas_tick",
]
