"""Seed pretalx for the peer benchmark (issue 16): one organiser, one public
event (slug ``bench``) with TALKS confirmed talks, each with its own speaker,
title, abstract and description, scheduled into rooms over three days on a
released schedule.

Run by bench/peer/pretalx.sh as ``python pretalx_seed.py`` with the venv's
python, DJANGO_SETTINGS_MODULE and PRETALX_CONFIG_FILE set, on a freshly
migrated database; it refuses to run twice on the same database. It goes
through pretalx's own domain functions (the ones its ``create_test_event``
command uses), so the rows are those the organiser's screens would write.
Deterministic: the same texts, titles and slots every run (the talk codes are
pretalx's own random ones).
"""

import datetime as dt
import os
import random
import sys

import django

django.setup()

from django.db import transaction  # noqa: E402
from django.test import override_settings  # noqa: E402
from django_scopes import scope, scopes_disabled  # noqa: E402

from pretalx.event.domain.event import create_event  # noqa: E402
from pretalx.event.domain.organiser import create_organiser_with_team  # noqa: E402
from pretalx.event.models import Event  # noqa: E402
from pretalx.person.domain.user import create_user  # noqa: E402
from pretalx.person.models import SpeakerProfile  # noqa: E402
from pretalx.schedule.domain.release import freeze_schedule  # noqa: E402
from pretalx.schedule.domain.slot import move_slot  # noqa: E402
from pretalx.schedule.models import Room  # noqa: E402
from pretalx.submission.domain.submission import create_submission  # noqa: E402
from pretalx.submission.models import Submission  # noqa: E402

SLUG = os.environ.get("PRETALX_BENCH_SLUG", "bench")
TALKS = int(os.environ.get("PRETALX_BENCH_TALKS", "300"))
ROOMS = 6
DAYS = 3
FIRST_DAY = dt.date(2027, 6, 7)
TALK_MINUTES = 30
SLOTS_PER_DAY = 17  # 09:00 to 17:30, 30 minutes each

WORDS = (
    "innovasjon kommune tjeneste innbygger digital løsning prosjekt prøveordning "
    "samarbeid helse omsorg skole barnehage vann avløp energi klima mobilitet "
    "kollektivtrafikk sykkel data deling plattform åpen kildekode velferd "
    "teknologi sensor bemanning hjemmetjeneste brukerreise tillit personvern "
    "gevinst kostnad budsjett anskaffelse leverandør marked gründer oppstart "
    "skalering pilot evaluering rapport kunnskap forskning universitet region "
    "fylke næringsliv arbeidsplass kompetanse opplæring frivillighet nærmiljø "
    "bibliotek kultur idrett friluftsliv beredskap sikkerhet tilgjengelighet "
    "universell utforming språk inkludering fellesskap bærekraft sirkulær "
    "ombruk avfall matsvinn landbruk havbruk fiskeri turisme reiseliv"
).split()

TOPICS = (
    "Digital hjemmeoppfølging",
    "Smart vannmåling",
    "Åpne data",
    "Sirkulær ombruk",
    "Trygg skolevei",
    "Velferdsteknologi",
    "Grønn mobilitet",
    "Inkluderende nærmiljø",
    "Lokal energideling",
    "Fremtidens bibliotek",
)
FIRST_NAMES = (
    "Kari Ola Ingrid Lars Sigrid Anders Marit Jonas Solveig Eirik Astrid Håkon "
    "Liv Magnus Nora Sindre Tone Øystein Åse Bjørn"
).split()
LAST_NAMES = (
    "Nordmann Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen "
    "Jensen Karlsen Berg Haugen Hagen Bakke Dahl Lie Strand Moen Solberg"
).split()


def sentence(rng, low, high):
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def paragraph(rng, sentences):
    return " ".join(sentence(rng, 8, 18) for _ in range(sentences))


def main():
    rng = random.Random(16)
    with scopes_disabled():
        if Event.objects.filter(slug=SLUG).exists():
            sys.exit(f"pretalx_seed: event {SLUG!r} already exists; seed a fresh database")
    with transaction.atomic():
        with scopes_disabled():
            organiser_user = create_user(
                email="arrangor@bench.invalid",
                name="Arrangør Benk",
                password=os.environ.get("PRETALX_BENCH_PASSWORD", "benk-arrangor-16"),
                locale="en",
                timezone="Europe/Oslo",
            )
            organiser, team = create_organiser_with_team(
                name="Benk arrangør", slug=f"{SLUG}org", users=[organiser_user]
            )
            team.all_events = True
            team.can_change_event_settings = True
            team.can_change_submissions = True
            team.save()
            event = create_event(
                organiser=organiser,
                locales=["en"],
                name="Benk innovasjonskonferanse",
                slug=SLUG,
                is_public=True,
                date_from=FIRST_DAY,
                date_to=FIRST_DAY + dt.timedelta(days=DAYS - 1),
                timezone="Europe/Oslo",
                email="arrangor@bench.invalid",
                locale="en",
                landing_page_text=paragraph(rng, 4),
            )
        with scope(event=event):
            event.cfp.deadline = event.datetime_from - dt.timedelta(days=60)
            event.cfp.save()
            talk_type = event.cfp.default_type
            talk_type.default_duration = TALK_MINUTES
            talk_type.save()
            rooms = [
                Room.objects.create(event=event, name=f"Sal {i + 1}", position=i, capacity=200)
                for i in range(ROOMS)
            ]
            if TALKS > ROOMS * DAYS * SLOTS_PER_DAY:
                sys.exit("pretalx_seed: more talks than slots")
            # Speakers never sign in here: a fast hasher spares 300 Argon2 hashes.
            with override_settings(
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
            ):
                for n in range(TALKS):
                    name = f"{FIRST_NAMES[n % 20]} {LAST_NAMES[(n // 20) % 20]}"
                    user = create_user(
                        email=f"foredragsholder{n + 1:03d}@bench.invalid",
                        name=name,
                        locale="en",
                        timezone="Europe/Oslo",
                    )
                    SpeakerProfile.objects.create(
                        user=user,
                        event=event,
                        name=name,
                        biography=paragraph(rng, 3),
                    )
                    submission = Submission(
                        event=event,
                        title=f"{TOPICS[n % len(TOPICS)]} i praksis, del {n + 1}: "
                        + sentence(rng, 3, 6)[:-1],
                        submission_type=talk_type,
                        abstract=paragraph(rng, 3),
                        description="\n\n".join(paragraph(rng, 5) for _ in range(3)),
                        content_locale="en",
                        state="confirmed",
                    )
                    create_submission(
                        submission=submission, user=organiser_user, orga=True, speakers=[user]
                    )
                    day, rest = divmod(n, ROOMS * SLOTS_PER_DAY)
                    slot_index, room_index = divmod(rest, ROOMS)
                    start = dt.datetime.combine(
                        FIRST_DAY + dt.timedelta(days=day), dt.time(9, 0), tzinfo=event.tz
                    ) + dt.timedelta(minutes=TALK_MINUTES * slot_index)
                    move_slot(submission.slots.get(), start, room=rooms[room_index])
            freeze_schedule(event.wip_schedule, "1.0", user=organiser_user, notify_speakers=False)
            confirmed = event.submissions.filter(state="confirmed").count()
            visible = event.current_schedule.talks.filter(
                is_visible=True, submission__isnull=False
            ).count()
    if confirmed != TALKS or visible != TALKS:
        sys.exit(f"pretalx_seed: {confirmed} confirmed, {visible} visible, expected {TALKS}")
    print(f"pretalx_seed: event {SLUG!r}, {TALKS} talks in {ROOMS} rooms over {DAYS} days, schedule 1.0 released")


if __name__ == "__main__":
    main()
