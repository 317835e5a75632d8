from django.db import models


class TimestampedModel(models.Model):
    """The base of every model: a BigAutoField primary key (DEFAULT_AUTO_FIELD) and timestamps."""

    created_at = models.DateTimeField(auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True, editable=False)

    class Meta:
        abstract = True
