"""The demo logins that `cocreate seed_demo` prints and the README lists."""

from __future__ import annotations

from cocreate.web.demo.feeds import OWNER_EMAIL as MALL_CONSOLE_EMAIL
from cocreate.web.demo.moderation import MODERATOR, SECOND_MODERATOR
from cocreate.web.demodata.catalogue import BRANDS, MALL, STAFF_ROLES
from cocreate.web.demodata.people import DEMO_DOMAIN, DEMO_PASSWORD, OPERATOR_EMAIL, staff_email


def demo_logins() -> str:
    lines = [
        "",
        f"Demo logins (every account's password: {DEMO_PASSWORD})",
        f"  operator (staff, Django admin)   {OPERATOR_EMAIL}",
        f"  contributor writing in Korean     member001@{DEMO_DOMAIN} (member001 … member320)",
        f"  contributor writing in English    reader001@{DEMO_DOMAIN} (reader001 … reader200)",
    ]
    for spec in BRANDS:
        emails = ", ".join(staff_email(role, spec.key) for role in STAFF_ROLES)
        lines.append(f"  brand {spec.name}: {emails}")
    lines.append(f"  mall {MALL.name}: {staff_email('owner', MALL.key)}")
    lines.append("  (brand accounts: owner, moderator, reviewer, analyst, in that order)")
    lines.append(f"  platform moderators (staff)       {MODERATOR}, {SECOND_MODERATOR}")
    lines.append(f"  mall console (B2B feed demo)      {MALL_CONSOLE_EMAIL}")
    return "\n".join(lines) + "\n"
