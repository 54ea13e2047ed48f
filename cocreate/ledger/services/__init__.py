"""Every write of the ledger. Other apps call `invoice_paid_settle` (feeds, when a mall's
invoice is paid) and `reward_credit` (a generic credit, e.g. insights' test sessions)."""

from cocreate.ledger.services.corrections import brand_payment_record, transaction_reverse
from cocreate.ledger.services.payouts import payout_batch_create, payout_batch_mark_paid
from cocreate.ledger.services.revenue import invoice_paid_settle, reward_credit

__all__ = [
    "brand_payment_record",
    "invoice_paid_settle",
    "payout_batch_create",
    "payout_batch_mark_paid",
    "reward_credit",
    "transaction_reverse",
]
