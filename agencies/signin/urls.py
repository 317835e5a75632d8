from django.urls import path

from . import views

app_name = "signin"

urlpatterns = [
    path("code/", views.verify, name="verify"),
    path("enrol/", views.enrol, name="enrol"),
]
