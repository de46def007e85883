import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cabmi_portal.settings")
django_application = get_wsgi_application()

from cabmi_portal.cache import served_whole  # noqa: E402  (needs the settings Django has just set up)

application = served_whole(django_application)
