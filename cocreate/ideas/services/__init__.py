"""Every write of the ideas app. Other apps call `idea_attach` (through
CONTRIBUTION_KIND_HANDLERS["idea"]) and `idea_moderation_decided` (moderation)."""

from cocreate.ideas.services.campaigns import (
    campaign_create,
    campaign_default,
    campaign_set_status,
)
from cocreate.ideas.services.development import (
    evidence_link,
    idea_launch,
    terms_accept,
    terms_offer,
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
from cocreate.ideas.services.merge import idea_merge
from cocreate.ideas.services.supports import idea_support, idea_withdraw_support
from cocreate.ideas.services.workspace import (
    comment_add,
    decision_add,
    file_attach,
    stage_set,
    task_add,
    task_set_done,
)

__all__ = [
    "TickResult",
    "campaign_create",
    "campaign_default",
    "campaign_set_status",
    "comment_add",
    "decision_add",
    "evidence_link",
    "file_attach",
    "idea_archive",
    "idea_attach",
    "idea_decide",
    "idea_launch",
    "idea_merge",
    "idea_moderation_decided",
    "idea_submit",
    "idea_support",
    "idea_withdraw_support",
    "ideas_tick",
    "stage_set",
    "task_add",
    "task_set_done",
    "terms_accept",
    "terms_offer",
]
