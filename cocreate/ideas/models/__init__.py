"""The ideas app's tables. Other apps read them: the ledger pays from `IdeaEvent` (milestones,
consolation), `Launch` (royalty rate), `IdeaCredit` (who is credited) and `IdeaEvidence`
(complaints and reviews behind an adopted upgrade); insights reads `Support` and `IdeaEvidence`."""

from cocreate.ideas.models.campaigns import Campaign, CampaignMilestone, ReviewBatch
from cocreate.ideas.models.ideas import Idea, IdeaCredit, IdeaEvent, IdeaEvidence, Support
from cocreate.ideas.models.workspace import (
    Launch,
    RoyaltyAgreement,
    Workspace,
    WorkspaceComment,
    WorkspaceDecision,
    WorkspaceFile,
    WorkspaceTask,
)

__all__ = [
    "Campaign",
    "CampaignMilestone",
    "Idea",
    "IdeaCredit",
    "IdeaEvent",
    "IdeaEvidence",
    "Launch",
    "ReviewBatch",
    "RoyaltyAgreement",
    "Support",
    "Workspace",
    "WorkspaceComment",
    "WorkspaceDecision",
    "WorkspaceFile",
    "WorkspaceTask",
]
