"""Reads of insatser, one module per sub-domain (ansokan, ekonomi); import them from here."""

from insatser.selectors.ansokan import (  # noqa: F401
    LONG_COUNTY_WIDE_TARGET,
    RuleCheck,
    filter_list,
    granted_per_year,
    long_county_wide_balance,
    paid_per_year,
    rule_checks,
)
from insatser.selectors.ekonomi import (  # noqa: F401
    BURN_TOLERANCE,
    Economy,
    EconomyYear,
    insats_economy,
    insats_money,
    report_cost_warning,
)
from insatser.selectors.lists import ansokan_rows, insats_rows, rekvisition_rows  # noqa: F401
