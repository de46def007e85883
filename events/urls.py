from django.urls import include, path

from . import views
from .proceedings.views import proceedings_pdf
from .research import views as research_views

app_name = "events"

urlpatterns = [
    path("", views.archive, name="archive"),
    path("<slug:slug>/", views.conference_detail, name="conference"),
    path("<slug:slug>/preview/", views.conference_preview, name="conference_preview"),
    path("<slug:slug>/proceedings.pdf", proceedings_pdf, name="proceedings"),
    path("<slug:slug>/cite.<str:kind>", research_views.cite_edition, name="cite"),
    path("<slug:slug>/statements/<int:pk>/cite/", research_views.statement_cite_page, name="statement_cite"),
    path("<slug:slug>/statements/<int:pk>/cite.<str:kind>", research_views.cite_statement, name="statement_cite_download"),
    path("", include("sessions.urls")),
]
