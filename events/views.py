from django.http import Http404



def archive(request, **kwargs):
    raise Http404


def conference_detail(request, **kwargs):
    raise Http404
