import hashlib
import json

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..audit_words import action_words


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError("audit events are append-only: update refused")

    def delete(self):
        raise ValidationError("audit events are append-only: delete refused")


class AuditEvent(models.Model):
    """One change, hash-chained to the one before it so a silent edit breaks the chain.

    No foreign keys on purpose: deleting a user or an object must never touch the trail.
    Updates and deletes are refused here and, on PostgreSQL, by a trigger (migration 0003).
    """

    sequence = models.BigIntegerField(unique=True, editable=False, verbose_name=_("sequence"))
    created_at = models.DateTimeField(editable=False, db_index=True, verbose_name=_("created at"))
    actor_id = models.BigIntegerField(null=True, editable=False, verbose_name=_("actor id"))
    actor_username = models.CharField(
        max_length=150, blank=True, editable=False, verbose_name=_("actor username")
    )
    agency_code = models.CharField(
        max_length=40, blank=True, editable=False, db_index=True, verbose_name=_("agency code")
    )
    action = models.CharField(
        max_length=60, editable=False, db_index=True, verbose_name=_("action")
    )
    object_type = models.CharField(max_length=100, editable=False, verbose_name=_("object type"))
    object_id = models.CharField(max_length=64, editable=False, verbose_name=_("object id"))
    object_repr = models.CharField(
        max_length=200, blank=True, editable=False, verbose_name=_("object repr")
    )
    changes = models.JSONField(default=dict, editable=False, verbose_name=_("changes"))
    request_id = models.CharField(
        max_length=64, blank=True, editable=False, verbose_name=_("request id")
    )
    previous_hash = models.CharField(max_length=64, editable=False, verbose_name=_("previous hash"))
    hash = models.CharField(max_length=64, editable=False, verbose_name=_("hash"))
    # The chain's head as this event left it (sequence and hash), signed with a key the database
    # does not hold (core.audit.sign): a rewrite that recomputes the hashes cannot re-sign them.
    signature = models.CharField(
        max_length=64, default="", editable=False, verbose_name=_("signature")
    )

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["sequence"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        what = self.object_repr or f"{self.object_type}:{self.object_id}"
        return f"#{self.sequence} {action_words(self.action)}: {what}"

    def compute_hash(self) -> str:
        body = {
            "sequence": self.sequence,
            "created_at": self.created_at.isoformat(),
            "actor_id": self.actor_id,
            "actor_username": self.actor_username,
            "agency_code": self.agency_code,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "changes": self.changes,
            "request_id": self.request_id,
            "previous_hash": self.previous_hash,
        }
        canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
        return hashlib.sha256(canonical.encode()).hexdigest()

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError("audit events are append-only: update refused")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("audit events are append-only: delete refused")


class AuditChainHead(models.Model):
    """A single row holding the chain's tip; locking it serialises appends across processes."""

    last_sequence = models.BigIntegerField(default=0, verbose_name=_("last sequence"))
    last_hash = models.CharField(max_length=64, default="0" * 64, verbose_name=_("last hash"))

    class Meta:
        verbose_name = _("audit chain head")
        verbose_name_plural = _("audit chain heads")


class AuditCheckpoint(models.Model):
    """The chain's signed head at a moment, written by beat (core.tasks.audit_checkpoint): a
    tail of events removed with the head set back shows against a checkpoint past it. Partners
    keep the heads their notices carry, which `verify_audit --checkpoints` reads the same way."""

    sequence = models.BigIntegerField(editable=False, verbose_name=_("sequence"))
    hash = models.CharField(max_length=64, editable=False, verbose_name=_("hash"))
    signature = models.CharField(max_length=64, editable=False, verbose_name=_("signature"))
    created_at = models.DateTimeField(
        auto_now_add=True, db_index=True, verbose_name=_("created at")
    )

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit checkpoint")
        verbose_name_plural = _("audit checkpoints")
        ordering = ["sequence"]

    def __str__(self):
        return f"checkpoint #{self.sequence}"
