"""Reference rows cached per process: near-static data every service call would otherwise read
again (the routing regime, the case share permissions, webhook endpoints, which agencies have
someone to e-mail notices to, the API clients that presented their token).

Correct across processes: every change to a watched model writes a fresh random token to the
ReferenceVersion row in the same transaction (post_save/post_delete, `changed()` after a
QuerySet.update, and every migrate or flush). A process reads the token once per transaction (per
outermost audit.atomic block; at every call outside one) and reloads what it cached under another
token, so the first transaction after a commit sees the change, in every process. Without the row
(a flushed test database) nothing is cached.
"""

import uuid

from django.apps import apps as global_apps
from django.db import connections
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import audit
from .models import ReferenceVersion

_cache: dict[str, tuple[object, object]] = {}  # name: (token, value)


def cached(name: str, load):
    """`load()`'s value, loaded again only when the reference rows changed since it was."""
    state = audit.transaction_state()
    if state is None or "reference_token" not in state:
        token = _token()
        if state is not None and not state.get("reference_changed"):
            state["reference_token"] = token
    else:
        token = state["reference_token"]
    entry = _cache.get(name)
    if token is not None and entry is not None and entry[0] == token:
        return entry[1]
    value = load()
    if token is not None:
        _cache[name] = (token, value)
    return value


def _token():
    with connections["default"].cursor() as cursor:
        cursor.execute(f"SELECT token FROM {ReferenceVersion._meta.db_table} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None


def changed(using: str = "default", model=ReferenceVersion) -> None:
    """Record, in the current transaction, that reference rows changed. Until it ends, this
    transaction reads the token at every call: a savepoint rolled back may take the change back."""
    rows = model.objects.using(using)
    if not rows.filter(pk=1).update(token=uuid.uuid4()):
        rows.bulk_create([model(pk=1, token=uuid.uuid4())], ignore_conflicts=True)
    state = audit.transaction_state()
    if state is not None:
        state.pop("reference_token", None)
        state["reference_changed"] = True


def _on_change(sender, using="default", **kwargs) -> None:
    changed(using)  # raw saves (loaddata) included: they change the rows too


def _on_m2m_change(sender, action: str, using="default", **kwargs) -> None:
    if action.startswith("post_"):
        changed(using)


def watch(*models) -> None:
    """Every save or delete of these models invalidates the caches, in every process. A
    many-to-many table (`User.groups.through`) is watched for rows added, removed and cleared."""
    for model in models:
        uid = f"reference-{model._meta.label}"
        if model._meta.auto_created:  # written in bulk by the relation's manager: no post_save
            m2m_changed.connect(_on_m2m_change, sender=model, dispatch_uid=uid)
            continue
        for signal in (post_save, post_delete):
            signal.connect(_on_change, sender=model, dispatch_uid=uid)


def after_migrate(sender, apps=global_apps, using="default", **kwargs) -> None:
    """Migrations (data migrations write through historical models, which send no signals to
    `watch`) and flush: a new token."""
    try:
        model = apps.get_model("core", "ReferenceVersion")
    except LookupError:  # migrated to a state before the table existed
        return
    changed(using, model)
