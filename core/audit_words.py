"""The audit trail in words: actions ("case.transition.recommend") and changes ({"status":
["assessment", "recommended"]}) as a reader of the admin says them, in the active language.

`core` knows no app, so each app lends the words of its own actions at start-up (`lend`, from its
AppConfig.ready). An action or value nobody lent words for shows as itself.
"""

from collections.abc import Callable

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import localize
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

ACTIONS: dict[str, str] = {}
# "case.transition." -> words of the rest ("recommend"): actions named after routing data.
PREFIXES: dict[str, Callable[[str], str]] = {}
# Values of keys that are no field of the object (a share change keyed by agency: "manage").
VALUES: dict[str, str] = {}
# (object type, field) -> words of a value the field's choices do not cover (a list of codes).
FIELD_VALUES: dict[tuple[str, str], Callable] = {}
# "agencies.agency" -> the words of a row given its id (a foreign key's value in the trail).
RELATED: dict[str, Callable] = {}
# Names of keys that are no field of the object ("reason": why a transition was fired).
KEYS: dict[str, str] = {}


def lend(
    *, actions=None, prefixes=None, values=None, field_values=None, related=None, keys=None
) -> None:
    KEYS.update(keys or {})
    ACTIONS.update(actions or {})
    PREFIXES.update(prefixes or {})
    VALUES.update(values or {})
    FIELD_VALUES.update(field_values or {})
    RELATED.update(related or {})


def action_words(action: str) -> str:
    if action in ACTIONS:
        return str(ACTIONS[action])
    for prefix in sorted(PREFIXES, key=len, reverse=True):
        if action.startswith(prefix):
            return PREFIXES[prefix](action[len(prefix) :])
    return action


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def model_words(object_type: str) -> str:
    """ "cases.case" as "Case" (the model's name in the active language)."""
    model = _model(object_type)
    return capfirst(str(model._meta.verbose_name)) if model else object_type


def _field(model, key: str):
    if model is None:
        return None
    for name in (key, key.removesuffix("_id")):
        try:
            return model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
    return None


def value_words(object_type: str, field, value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if field is None:
        return str(VALUES.get(value, value)) if isinstance(value, str) else localize(value)
    if (object_type, field.name) in FIELD_VALUES:
        return FIELD_VALUES[(object_type, field.name)](value)
    if isinstance(field, models.DateField) and isinstance(value, str):
        if isinstance(field, models.DateTimeField):
            moment = parse_datetime(value)
            return localize(timezone.localtime(moment) if timezone.is_aware(moment) else moment)
        return localize(parse_date(value))
    if field.is_relation and field.related_model._meta.label_lower in RELATED:
        return RELATED[field.related_model._meta.label_lower](value)
    if field.choices:
        labels = dict(field.flatchoices)
        if isinstance(value, list):
            return "; ".join(str(labels.get(item, item)) for item in value)
        return str(labels.get(value, value))
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return localize(value)


def changes_words(object_type: str, changes: dict) -> list[str]:
    """One line per changed key: the field's name and its values in words, `before → after`."""
    model, lines = _model(object_type), []
    for key, change in changes.items():
        field = _field(model, key)
        label = capfirst(str(field.verbose_name if field is not None else KEYS.get(key, key)))
        if isinstance(change, list) and len(change) == 2:
            before, after = (value_words(object_type, field, v) for v in change)
            lines.append(f"{label}: {before} → {after}")
        else:
            lines.append(f"{label}: {value_words(object_type, field, change)}")
    return lines
