from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A person (agency staff) or a partner system's service account; see agencies.Membership."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
