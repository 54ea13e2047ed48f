"""Every write of the ledger. Other apps call `invoice_paid_settle` (feeds, when a mall's
invoice is paid) and `reward_credit` (a generic credit, e.g. insights' test sessions)."""

from cocreate.ledger.services.corrections import brand_payment_record, transaction_reverse
from cocreate.ledger.services.idea_rewards import idea_rewards_settle, idea_rewards_settle_all
from cocreate.ledger.services.payouts import payout_batch_create, payout_batch_mark_paid
from cocreate.ledger.services.revenue import invoice_paid_settle, reward_credit
from cocreate.ledger.services.royalties import sales_report_submit, sales_reports_import

__all__ = [
    "brand_payment_record",
    "idea_rewards_settle",
    "idea_rewards_settle_all",
    "invoice_paid_settle",
    "payout_batch_create",
    "payout_batch_mark_paid",
    "reward_credit",
    "sales_report_submit",
    "sales_reports_import",
    "transaction_reverse",
]
