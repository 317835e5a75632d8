"""django-guardian object permissions with a direct foreign key to the case (fast joins, no casts).

Cases are shared with agencies only, by rows on the agency's group: a user sees what their agency
was granted, never more, so there is no per-user variant.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey("cases.Case", on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("case group object permission")
        verbose_name_plural = _("case group object permissions")
        indexes = [models.Index(fields=["group", "permission", "content_object"])]
