"""Demo data, one module per area, run in this order by `cocreate seed_demo`. Each module's
`seed(out)` is idempotent: it checks what exists and adds only what is missing."""

DEMO_MODULES = [
    "cocreate.web.demo.base",  # taxonomy, brands, products, people, reviews, complaints, ideas
    "cocreate.web.demo.textintel",  # enrichment of the demo contributions
    "cocreate.web.demo.ideas",  # campaigns, supports, milestones, decisions
    "cocreate.web.demo.moderation",  # reports, decisions, appeals
    "cocreate.web.demo.feeds",  # a mall, its key, subscriptions, deliveries, invoices
    "cocreate.web.demo.ledger",  # settlements, royalties, payouts
    "cocreate.web.demo.insights",  # daily counts
    "cocreate.web.demo.sessions",  # test sessions
]
