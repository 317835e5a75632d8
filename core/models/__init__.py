from .audit import AuditChainHead, AuditCheckpoint, AuditEvent
from .base import LoadedModel, TimestampedModel
from .reference import ReferenceVersion
from .regions import Region
from .user import User

__all__ = [
    "AuditChainHead",
    "AuditCheckpoint",
    "AuditEvent",
    "LoadedModel",
    "ReferenceVersion",
    "Region",
    "TimestampedModel",
    "User",
]
