"""Models of the insights app: pre-aggregated counts for the dashboards (``counts``) and test
sessions with their questions, invitations and answers (``sessions``)."""

from cocreate.insights.models.counts import *  # noqa: F403
from cocreate.insights.models.sessions import *  # noqa: F403
