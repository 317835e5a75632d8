"""Errors the services raise. Each names the field it is about and a stable code, so GraphQL can
return typed error lists and admin can show the message as it is."""


class ServiceError(Exception):
    code = "invalid"

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field
        if code:
            self.code = code


class NotFound(ServiceError):
    """Missing, or hidden from the actor: the two are never told apart."""

    code = "not_found"


class PermissionDenied(ServiceError):
    """The actor can see the object but may not do this to it."""

    code = "permission_denied"
