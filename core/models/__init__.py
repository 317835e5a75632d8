from .audit import AuditChainHead, AuditEvent
from .base import LoadedModel, TimestampedModel
from .reference import ReferenceVersion
from .regions import Region
from .user import User

__all__ = [
    "AuditChainHead",
    "AuditEvent",
    "LoadedModel",
    "ReferenceVersion",
    "Region",
    "TimestampedModel",
    "User",
]
