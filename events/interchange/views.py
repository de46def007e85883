from django.http import Http404


def conference_json(request, **kwargs):
    raise Http404
