from .audit import AuditChainHead, AuditCheckpoint, AuditEvent
from .base import TimestampedModel
from .reference import ReferenceVersion
from .regions import Region
from .user import User

__all__ = [
    "AuditChainHead",
    "AuditCheckpoint",
    "AuditEvent",
    "ReferenceVersion",
    "Region",
    "TimestampedModel",
    "User",
]
