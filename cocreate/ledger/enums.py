from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountKind(models.TextChoices):
    """The accounts of the ledger. Debit-normal kinds hold what is owed to the platform or
    what it spent; credit-normal kinds hold what the platform earned or owes to people."""

    PLATFORM_CASH = "platform_cash", _("Platform bank account")
    PLATFORM_REVENUE = "platform_revenue", _("Platform revenue")
    PLATFORM_REWARDS = "platform_rewards", _("Rewards funded by the platform")
    MALL_RECEIVABLE = "mall_receivable", _("Owed by a mall")
    BRAND_PAYABLE = "brand_payable", _("Owed by a brand (royalties and rewards it funds)")
    WALLET = "wallet", _("Contributor wallet")
    PAYOUTS_CLEARING = "payouts_clearing", _("Payouts on their way to bank accounts")


# Accounts that exist once for the whole platform.
PLATFORM_ACCOUNT_KINDS = (
    AccountKind.PLATFORM_CASH,
    AccountKind.PLATFORM_REVENUE,
    AccountKind.PLATFORM_REWARDS,
    AccountKind.PAYOUTS_CLEARING,
)
ORG_ACCOUNT_KINDS = (AccountKind.MALL_RECEIVABLE, AccountKind.BRAND_PAYABLE)
# Kinds whose balance reads positive when the entries sum to a debit (positive amount).
DEBIT_NORMAL_KINDS = (
    AccountKind.PLATFORM_CASH,
    AccountKind.PLATFORM_REWARDS,
    AccountKind.MALL_RECEIVABLE,
    AccountKind.BRAND_PAYABLE,
)


class TransactionKind(models.TextChoices):
    DATA_SHARE = "data_share", _("Share of a mall's data fees")
    MILESTONE_BONUS = "milestone_bonus", _("Idea milestone bonus")
    CONSOLATION = "consolation", _("Consolation reward for a declined idea")
    ROYALTY = "royalty", _("Royalty on sales of a launched idea")
    UPGRADE_CREDIT = "upgrade_credit", _("Credit for a contribution behind an adopted upgrade")
    REWARD = "reward", _("Reward")
    PAYOUT = "payout", _("Payout to a bank account")
    PAYOUT_PAID = "payout_paid", _("Payout batch paid")
    BRAND_PAYMENT = "brand_payment", _("Payment received from a brand")
    REVERSAL = "reversal", _("Correction (reversal)")


class SourceType(models.TextChoices):
    INVOICE = "invoice", _("Invoice")
    IDEA = "idea", _("Idea")
    SALES_REPORT = "sales_report", _("Sales report")
    PAYOUT_BATCH = "payout_batch", _("Payout batch")
    TEST_SESSION = "test_session", _("Test session")
    TRANSACTION = "transaction", _("Transaction")
    OTHER = "other", _("Other")


class PayoutBatchStatus(models.TextChoices):
    OPEN = "open", _("Ready to pay")
    PAID = "paid", _("Paid")


class SalesReportChannel(models.TextChoices):
    WEB = "web", _("CSV upload")
    API = "api", _("API")


class LedgerErrorCode:
    INVALID = "invalid_ledger_input"
    AMOUNT_INVALID = "amount_invalid"
    UNBALANCED = "transaction_unbalanced"
    IDEMPOTENCY_MISMATCH = "idempotency_key_reused"
    INSUFFICIENT_BALANCE = "insufficient_balance"
    CONTRIBUTION_UNKNOWN = "contribution_unknown"
    ORG_KIND = "wrong_org_kind"
    ALREADY_REVERSED = "already_reversed"
    NOT_REVERSIBLE = "not_reversible"
    BATCH_EMPTY = "payout_batch_empty"
    BATCH_PAID = "payout_batch_paid"
    LAUNCH_UNKNOWN = "launch_unknown"
    SALES_REPORT_EXISTS = "sales_report_exists"
    SALES_CSV_INVALID = "sales_csv_invalid"
    RATE_INVALID = "royalty_rate_invalid"
