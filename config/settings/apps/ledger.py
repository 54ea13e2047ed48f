"""Settings of the ledger app. Amounts are integer KRW; rates are basis points (100 = 1%).
docs/rewards.md explains each default."""

import os

# The share of what a mall pays for the data that goes to the contributors whose records the
# invoice billed, divided pro rata to records delivered. 3,000 bp = 30%.
LEDGER_DATA_SHARE_BP = int(os.environ.get("LEDGER_DATA_SHARE_BP", "3000"))

# Idea rewards. A milestone bonus is paid once per idea per milestone, by its position in the
# campaign (1 = the first milestone; defaults 100, 1,000, 5,000 and 10,000 supporters).
LEDGER_MILESTONE_BONUS_KRW: dict[int, int] = {1: 1_000, 2: 5_000, 3: 20_000, 4: 50_000}
# Paid once, shared by its credited proposers, for an idea that reached the final
# threshold and was declined.
LEDGER_CONSOLATION_KRW = 300_000
# Paid once per complaint or review that a brand links to an adopted upgrade.
LEDGER_UPGRADE_LINK_CREDIT_KRW = 3_000
# Who funds milestone bonuses, consolation rewards and upgrade credits: "brand" (the brand whose
# campaign or product it is; the platform when there is none) or "platform".
LEDGER_IDEA_REWARDS_FUNDED_BY = os.environ.get("LEDGER_IDEA_REWARDS_FUNDED_BY", "brand")

# Royalties: the launch's rate, 1% when it names none, never above 6%.
LEDGER_ROYALTY_DEFAULT_BP = 100
LEDGER_ROYALTY_MAX_BP = 600
LEDGER_SALES_CSV_MAX_ROWS = 2_000
LEDGER_SALES_MAX_KRW = 10**13  # a bound on any one reported figure

# Payouts: wallets holding at least this much are paid in the next batch.
LEDGER_PAYOUT_MINIMUM_KRW = int(os.environ.get("LEDGER_PAYOUT_MINIMUM_KRW", "10000"))
# A bound on any one credit, so a typo cannot book billions.
LEDGER_MAX_CREDIT_KRW = 100_000_000
