"""The routing tables the service ships: SKB 2022 (KASN supervises neutrality) and UU 20/2023
(KASN dissolved: BKN takes its place). Loaded by a data migration; edited afterwards in admin."""

# Functions played by fixed agencies, per regime.
FUNCTIONS = {
    "SKB_2022": {
        "examiner": "BAWASLU",
        "neutrality_supervisor": "KASN",
        "personnel_enforcer": "BKN",
        "regional_supervisor": "KEMENDAGRI",
        "merit_supervisor": "KEMENPANRB",
        "detector": "BSSN",
    },
    "UU_20_2023": {
        "examiner": "BAWASLU",
        "neutrality_supervisor": "BKN",
        "personnel_enforcer": "BKN",
        "regional_supervisor": "KEMENDAGRI",
        "merit_supervisor": "KEMENPANRB",
        "detector": "BSSN",
    },
}
REGIMES = {
    "SKB_2022": ("SKB 2022 (joint decree: KASN supervises ASN neutrality)", False),
    "UU_20_2023": ("UU 20/2023 (KASN dissolved: BKN supervises ASN neutrality)", True),
}

# name, from, to, actor function, lowest role, sweep may fire, holder after, owner after,
# escalated to, due in working days, description
TRANSITIONS = [
    (
        "start_examination",
        "intake",
        "examination",
        "examiner",
        "analyst",
        False,
        "examiner",
        "",
        [],
        7,
        "Bawaslu starts the kajian (examination and clarification).",
    ),
    (
        "dismiss",
        "examination",
        "dismissed",
        "examiner",
        "supervisor",
        False,
        "examiner",
        "",
        [],
        None,
        "Not an ASN neutrality violation.",
    ),
    (
        "forward_to_supervisor",
        "examination",
        "assessment",
        "examiner",
        "supervisor",
        False,
        "neutrality_supervisor",
        "neutrality_supervisor",
        ["neutrality_supervisor"],
        14,
        "Bawaslu forwards its recommendation to the neutrality supervisor.",
    ),
    (
        "declare_not_proven",
        "assessment",
        "not_proven",
        "neutrality_supervisor",
        "supervisor",
        False,
        "neutrality_supervisor",
        "",
        [],
        None,
        "The assessment finds no violation.",
    ),
    (
        "recommend",
        "assessment",
        "recommended",
        "neutrality_supervisor",
        "supervisor",
        False,
        "ppk",
        "",
        ["ppk"],
        14,
        "Recommendation with the proposed sanction to the PPK.",
    ),
    (
        "record_sanction",
        "recommended",
        "sanctioned",
        "ppk",
        "supervisor",
        False,
        "owner",
        "",
        [],
        None,
        "The PPK imposes the sanction and reports it.",
    ),
    (
        "mark_ppk_overdue",
        "recommended",
        "enforcement",
        "neutrality_supervisor",
        "supervisor",
        True,
        "ppk",
        "",
        ["personnel_enforcer", "ppk_supervisor"],
        3,
        "The PPK let the deadline pass: BKN blocks the SIASN record and the PPK's supervisor "
        "(Kemendagri for regional heads, KemenPAN-RB otherwise) reprimands the PPK.",
    ),
    (
        "record_sanction",
        "enforcement",
        "sanctioned",
        "ppk",
        "supervisor",
        False,
        "owner",
        "",
        [],
        None,
        "The PPK imposes the sanction after enforcement.",
    ),
    (
        "close",
        "sanctioned",
        "closed",
        "owner",
        "supervisor",
        False,
        "owner",
        "",
        [],
        None,
        "The case is complete.",
    ),
    (
        "close",
        "dismissed",
        "closed",
        "owner",
        "supervisor",
        False,
        "owner",
        "",
        [],
        None,
        "Closed after dismissal.",
    ),
    (
        "close",
        "not_proven",
        "closed",
        "owner",
        "supervisor",
        False,
        "owner",
        "",
        [],
        None,
        "Closed as not proven.",
    ),
]

# trigger, function, level, condition, exact (may lower the level)
SHARING_RULES = [
    ("open", "owner", "manage", "always", False),
    ("open", "regional_supervisor", "read", "regional_subject", False),
    ("open", "source_agency", "read", "detected", False),
    ("forward_to_supervisor", "neutrality_supervisor", "manage", "always", False),
    ("forward_to_supervisor", "examiner", "read", "always", True),
    ("recommend", "ppk", "contribute", "always", False),
    ("mark_ppk_overdue", "personnel_enforcer", "contribute", "always", False),
    ("mark_ppk_overdue", "ppk_supervisor", "contribute", "always", False),
]


def load(apps=None) -> None:
    """Create or refresh both regimes (idempotent). `apps` is a migration's app registry."""
    from django.apps import apps as live_apps

    registry = apps or live_apps
    get = registry.get_model
    Agency, Regime = get("agencies", "Agency"), get("cases", "Regime")
    RegimeFunction, Transition = get("cases", "RegimeFunction"), get("cases", "Transition")
    SharingRule = get("cases", "SharingRule")
    for code, (name, active) in REGIMES.items():
        regime, _ = Regime.objects.get_or_create(
            code=code, defaults={"name": name, "is_active": active}
        )
        for function, agency_code in FUNCTIONS[code].items():
            RegimeFunction.objects.update_or_create(
                regime=regime,
                function=function,
                defaults={"agency": Agency.objects.get(code=agency_code)},
            )
        for (
            name_,
            from_,
            to,
            actor,
            role,
            system,
            holder,
            owner,
            escalate,
            due,
            description,
        ) in TRANSITIONS:
            Transition.objects.update_or_create(
                regime=regime,
                name=name_,
                from_status=from_,
                defaults=dict(
                    to_status=to,
                    actor_function=actor,
                    min_role=role,
                    system_allowed=system,
                    holder_after=holder,
                    owner_after=owner,
                    escalate_to=escalate,
                    due_working_days=due,
                    description=description,
                ),
            )
        SharingRule.objects.filter(regime=regime).delete()
        SharingRule.objects.bulk_create(
            SharingRule(
                regime=regime,
                trigger=trigger,
                function=function,
                level=level,
                condition=condition,
                exact=exact,
            )
            for trigger, function, level, condition, exact in SHARING_RULES
        )
