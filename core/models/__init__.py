from .audit import AuditChainHead, AuditEvent
from .base import TimestampedModel
from .reference import ReferenceVersion
from .regions import Region
from .user import User

__all__ = [
    "AuditChainHead",
    "AuditEvent",
    "ReferenceVersion",
    "Region",
    "TimestampedModel",
    "User",
]
