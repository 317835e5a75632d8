from .agency import Agency, AgencyRole, Role
from .api_client import ApiClient
from .institution import Institution
from .membership import Membership
from .notice import DeliveryAttempt, Notice, WebhookEndpoint

__all__ = [
    "Agency",
    "AgencyRole",
    "ApiClient",
    "DeliveryAttempt",
    "Institution",
    "Membership",
    "Notice",
    "Role",
    "WebhookEndpoint",
]
