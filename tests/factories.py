"""Factories for every portal record. Countries exist already (loaded by a migration)."""

import datetime
import io

import factory
from django.core.files.base import ContentFile
from PIL import Image

from events.models import Conference, Participation, Role, Series
from participants.models import Country, Organization, Person
from sessions.models import Photo, Session, Statement


def country(code):
    return Country.objects.get(code=code)


def image_file(name="photo.jpg", size=(1600, 1000), format="JPEG", color=(40, 90, 140)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=format)
    return ContentFile(buffer.getvalue(), name=name)


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series
        django_get_or_create = ("code",)

    code = "CABMI"
    name = "Central Asia Border Management Initiative"


class ConferenceFactory(factory.django.DjangoModelFactory):
    """ConferenceFactory(published=True, sessions=3, statements=2) builds a whole edition."""

    class Meta:
        model = Conference
        skip_postgeneration_save = True

    class Params:
        published = factory.Trait(status=Conference.Status.PUBLISHED)

    series = factory.SubFactory(SeriesFactory)
    edition = factory.Sequence(lambda n: n + 1)
    slug = factory.LazyAttribute(lambda o: f"{o.series.code.lower()}-{o.edition}")
    title = factory.LazyAttribute(lambda o: f"{o.edition}th Central Asia Border Management Initiative Conference")
    title_ru = factory.LazyAttribute(lambda o: f"{o.edition}-я конференция Инициативы по управлению границами в Центральной Азии")
    start_date = factory.Sequence(lambda n: datetime.date(2000, 12, 13) + datetime.timedelta(days=365 * n))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=2))
    city = "Tashkent"
    city_ru = "Ташкент"
    country = factory.LazyFunction(lambda: country("UZ"))
    attendance = "hybrid"
    summary = "Border security challenges in the Central Asian region."
    summary_ru = "Проблемы безопасности границ в Центральноазиатском регионе."

    @factory.post_generation
    def sessions(obj, create, extracted, **kwargs):
        for index in range(extracted or 0):
            SessionFactory(conference=obj, order=index, statements=kwargs.get("statements", 0))


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    slug = factory.Sequence(lambda n: f"organization-{n}")
    name = factory.Sequence(lambda n: f"Organization {n}")
    name_ru = factory.Sequence(lambda n: f"Организация {n}")
    kind = Organization.Kind.INTERGOVERNMENTAL


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    slug = factory.Sequence(lambda n: f"person-{n}")
    name = factory.Sequence(lambda n: f"Speaker Number{n}")
    name_ru = factory.Sequence(lambda n: f"Докладчик Номер{n}")
    family_name = factory.Sequence(lambda n: f"Number{n}")
    family_name_ru = factory.Sequence(lambda n: f"Номер{n}")


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session
        skip_postgeneration_save = True

    conference = factory.SubFactory(ConferenceFactory)
    key = factory.Sequence(lambda n: f"session-{n}")
    kind = Session.Kind.PLENARY
    title = factory.Sequence(lambda n: f"Plenary session {n}")
    title_ru = factory.Sequence(lambda n: f"Пленарное заседание {n}")
    date = factory.LazyAttribute(lambda o: o.conference.start_date)
    order = factory.Sequence(lambda n: n)

    @factory.post_generation
    def statements(obj, create, extracted, **kwargs):
        for index in range(extracted or 0):
            StatementFactory(session=obj, order=index)


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    session = factory.SubFactory(SessionFactory)
    speaker = factory.SubFactory(PersonFactory)
    position = "Regional Representative"
    position_ru = "Региональный представитель"
    organization = factory.SubFactory(OrganizationFactory)
    delivery = Statement.Delivery.IN_PERSON
    original_language = "en"
    text = factory.Sequence(lambda n: f"Statement number {n} on cross-border co-operation.")
    text_ru = factory.Sequence(lambda n: f"Выступление номер {n} о трансграничном сотрудничестве.")
    order = factory.Sequence(lambda n: n)


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    conference = factory.SubFactory(ConferenceFactory)
    role = Role.Kind.ORGANIZER
    organization = factory.SubFactory(OrganizationFactory)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    conference = factory.SubFactory(ConferenceFactory)
    role = Participation.Kind.PARTICIPATING_STATE
    country = factory.LazyFunction(lambda: country("KZ"))
    attendance = Participation.Attendance.IN_PERSON


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    conference = factory.SubFactory(ConferenceFactory)
    image = factory.LazyFunction(image_file)
    caption = "Participants of the conference"
    alt = "Officials seated around a conference table"
    credit = "OSCE"
