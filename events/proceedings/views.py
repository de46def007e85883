from django.http import Http404



def proceedings_pdf(request, **kwargs):
    raise Http404
