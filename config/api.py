"""The JSON API at /api/v1/: one NinjaAPI, one router per app, errors as problem+json."""

from ninja import NinjaAPI

from cocreate.contributions.api.routers import brand_router
from cocreate.contributions.api.routers import router as contributions_router
from cocreate.core.api import ORJSONRenderer, register_problem_handlers
from cocreate.feeds.api.routers import router as feeds_router
from cocreate.ideas.api.routers import router as ideas_router
from cocreate.insights.api.routers import router as insights_router
from cocreate.ledger.api.routers import router as ledger_router
from cocreate.moderation.api.routers import router as moderation_router
from cocreate.orgs.api.routers import router as orgs_router
from cocreate.textintel.api.routers import router as textintel_router

api = NinjaAPI(
    title="cocreate API",
    version="1.0.0",
    description=(
        "Reviews, complaints and ideas written by consumers; the B2B feed for shopping malls. "
        "Errors are application/problem+json (RFC 9457)."
    ),
    urls_namespace="api-v1",
    renderer=ORJSONRenderer(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
register_problem_handlers(api)

api.add_router("/contributions/", contributions_router)
api.add_router("/brand/", brand_router)
api.add_router("/orgs/", orgs_router)
api.add_router("/textintel/", textintel_router)
api.add_router("/ideas/", ideas_router)
api.add_router("/transparency/", moderation_router)
api.add_router("/rewards/", ledger_router)
api.add_router("/feed/", feeds_router)
api.add_router("/insights/", insights_router)
