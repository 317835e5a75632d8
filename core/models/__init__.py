from .audit import AuditChainHead, AuditEvent
from .base import LoadedModel, TimestampedModel
from .regions import Region
from .user import User

__all__ = [
    "AuditChainHead",
    "AuditEvent",
    "LoadedModel",
    "Region",
    "TimestampedModel",
    "User",
]
