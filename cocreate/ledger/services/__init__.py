"""Every write of the ledger. Other apps call `invoice_paid_settle` (feeds, when a mall's
invoice is paid) and `reward_credit` (a generic credit, e.g. insights' test sessions)."""

from cocreate.ledger.services.revenue import invoice_paid_settle, reward_credit

__all__ = ["invoice_paid_settle", "reward_credit"]
