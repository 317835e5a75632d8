from .audit import AuditChainHead, AuditCheckpoint, AuditEvent
from .base import TimestampedModel
from .regions import Region
from .user import User

__all__ = [
    "AuditChainHead",
    "AuditCheckpoint",
    "AuditEvent",
    "Region",
    "TimestampedModel",
    "User",
]
