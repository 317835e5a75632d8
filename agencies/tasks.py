"""The agencies app's Celery tasks, for the workers' autodiscovery: notice delivery and its sweep
(defined beside what they run, in agencies/services/delivery.py). They carry ids only and run on
the `notices` queue (config/celery.py); beat runs the sweep."""

from .services.delivery import deliver_notice, sweep_notices

__all__ = ["deliver_notice", "sweep_notices"]
