from django.urls import path

from . import views

app_name = "series"

urlpatterns = [
    path("<str:code>/", views.series_detail, name="detail"),
    path("<str:code>/participation/", views.participation, name="participation"),
    path("<str:code>/participation.csv", views.participation_csv, name="participation_csv"),
    path("<str:code>/participation.json", views.participation_json, name="participation_json"),
]
