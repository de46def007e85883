from django.http import Http404



def programme_ics(request, **kwargs):
    raise Http404
