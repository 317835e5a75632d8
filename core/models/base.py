from django.db import models
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init


class LoadedModel(models.Model):
    """A model whose rows load from the database without Model.__init__.

    `from_db` is Django's documented hook for this. For a loaded row, __init__ only ends up
    putting each column's value in the instance's __dict__, after per-field checks a row read
    back never needs; a case board builds some 370 rows per request. Columns left out by
    `only()`/`defer()` stay out of __dict__, which is how Django marks a field deferred, so
    reading one still loads it. Where anything listens to pre_init or post_init, Django's own
    way runs, so that the signals are sent."""

    @classmethod
    def from_db(cls, db, field_names, values):
        if (pre_init.receivers or post_init.receivers) and (  # a list: cheaper to ask first
            pre_init.has_listeners(cls) or post_init.has_listeners(cls)
        ):
            return super().from_db(db, field_names, values)
        instance = cls.__new__(cls)
        state = instance._state = ModelState()
        state.adding, state.db = False, db
        instance.__dict__.update(zip(field_names, values))  # attnames, in the order of values
        return instance

    class Meta:
        abstract = True


class TimestampedModel(LoadedModel):
    """The base of every model: a BigAutoField primary key (DEFAULT_AUTO_FIELD) and timestamps."""

    created_at = models.DateTimeField(auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True, editable=False)

    class Meta:
        abstract = True
