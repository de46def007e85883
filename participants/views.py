from django.http import Http404



def person_detail(request, **kwargs):
    raise Http404


def organization_detail(request, **kwargs):
    raise Http404


def country_detail(request, **kwargs):
    raise Http404
