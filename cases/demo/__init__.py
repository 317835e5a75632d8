"""Demo case graph for `seed_demo`: a fictional pilkada in Jawa Barat with its candidates, a few
hundred ASN across the demo institutions, their accounts and posts (registry.py), and cases in
every workflow status (cases.py), and three from 2023 under the SKB 2022 routing (history.py).
Idempotent: the demo contest's slug marks a finished seed (it is
created in the same transaction as everything else)."""

import random

from django.db import transaction
from faker import Faker

from ..models import Case, CivilServant, Contest, Post, SocialAccount
from . import history, registry
from .cases import DemoCases


@transaction.atomic
def seed(actor) -> dict[str, int]:
    """Create the demo case graph once, acting as `actor` (the system) for the bulk loads; return
    how many civil servants, accounts, posts and cases there now are."""
    if not Contest.objects.filter(slug=registry.CONTEST["slug"]).exists():
        rng, fake = random.Random(2024), Faker("id_ID")
        fake.seed_instance(2024)
        contest, candidates = registry.seed_contest(actor)
        servants = registry.seed_civil_servants(actor, contest, rng, fake)
        accounts = registry.seed_accounts(actor, contest, servants, candidates, rng)
        posts = registry.seed_posts(actor, contest, accounts, candidates, rng)
        DemoCases(actor, contest, candidates, servants, posts, rng, fake).run()
        history.replay(actor, candidates, past_subjects(servants), rng, fake)
    return {
        "civil servants": CivilServant.objects.count(),
        "social accounts": SocialAccount.objects.count(),
        "posts": Post.objects.count(),
        "cases": Case.objects.count(),
    }


def past_subjects(servants) -> list[CivilServant]:
    """The subjects of the 2023 cases: the named ASN, and one ASN each of the province and the
    Ministry of Health (regional and central PPK)."""
    named = next(s for s in servants if s.nip == registry.NAMED_ASN["nip"])
    others = [
        next(s for s in servants if s.institution.name == name)
        for name in ("Pemerintah Provinsi Jawa Barat", "Kementerian Kesehatan")
    ]
    return [named, *others]
