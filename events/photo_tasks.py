"""Photo renditions as a background task: an upload answers at once, the worker resizes."""

from django_tasks import task

from sessions.models import Photo

from .photos import make_renditions


@task()
def make_photo_renditions(photo_id, image_name):
    """Write the renditions of the photo, if it still exists and still holds the same image."""
    photo = Photo.objects.filter(pk=photo_id, image=image_name).first()
    if photo is None:
        return False
    make_renditions(photo)
    return True
