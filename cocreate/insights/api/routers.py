from ninja import Router

from cocreate.insights.api.sessions import router as sessions_router

router = Router(tags=["insights"])
router.add_router("", sessions_router)
