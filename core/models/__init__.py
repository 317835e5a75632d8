from .audit import AuditChainHead, AuditEvent
from .base import TimestampedModel
from .regions import Region
from .user import User

__all__ = ["AuditChainHead", "AuditEvent", "Region", "TimestampedModel", "User"]
