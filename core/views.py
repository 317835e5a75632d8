from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse

from .tasks import HEARTBEAT_KEY


def health(request):
    """Liveness for load balancers: the database answers; reports the last worker heartbeat."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"database": "ok", "last_worker_heartbeat": cache.get(HEARTBEAT_KEY)})
