"""The actor recorded for changes made by the service itself (CLI commands, scheduled tasks)."""

from django.contrib.auth import get_user_model

SYSTEM_USERNAME = "netralitas-system"


def system_user():
    """A superuser that cannot log in: CLI and workers act as it, and the audit trail says so."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"is_superuser": True, "is_staff": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
