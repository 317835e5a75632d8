from django.db import models
from django.utils.translation import gettext_lazy as _


class TimestampedModel(models.Model):
    """The base of every model: a BigAutoField primary key (DEFAULT_AUTO_FIELD) and timestamps."""

    created_at = models.DateTimeField(
        auto_now_add=True, editable=False, verbose_name=_("created at")
    )
    updated_at = models.DateTimeField(auto_now=True, editable=False, verbose_name=_("updated at"))

    class Meta:
        abstract = True
