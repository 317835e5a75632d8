from django.db import models


class ReferenceVersion(models.Model):
    """One row whose token is replaced, in the same transaction, by every change to the
    reference rows that processes cache (core/reference.py)."""

    token = models.UUIDField()

    def __str__(self):
        return str(self.token)
