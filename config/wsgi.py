import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

from config.serving import ready_to_serve  # noqa: E402  (needs the settings above)

ready_to_serve()
