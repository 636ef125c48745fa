"""Room tokens checked with the rules a Jitsi server (Prosody token auth) applies."""

from datetime import timedelta

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from collab_service.meetings.errors import JoinRefused
from collab_service.meetings.models import Participant
from collab_service.meetings.services.joining import FEATURES, meeting_token_issue
from collab_service.meetings.video import video_backend
from tests.factories import MeetingFactory, ParticipantFactory, UserFactory
from tests.infra import jwt_keys
from tests.infra.prosody_tokens import ProsodyTokenRules, TokenRejected

pytestmark = pytest.mark.django_db

SECRET = "test-jitsi-secret-of-some-length-0123456789"


@pytest.fixture(autouse=True)
def _self_hosted(settings):
    settings.JITSI = {
        **settings.JITSI,
        "backend": settings.JITSI_BACKENDS["self-hosted"],
        "url": "https://meet.example.gov.pl",
        "app_id": "szpon",
        "app_secret": SECRET,
        "audience": "jitsi",
        "subject": "meet.jitsi",
        "token_minutes": 10,
    }
    video_backend.cache_clear()
    yield
    video_backend.cache_clear()


def _docker_jitsi_rules() -> ProsodyTokenRules:
    """docker-jitsi-meet: JWT_APP_ID, JWT_ACCEPTED_ISSUERS szpon; JWT_ACCEPTED_AUDIENCES jitsi."""
    return ProsodyTokenRules(
        algorithm="HS256",
        key=SECRET,
        accepted_issuers=["szpon"],
        accepted_audiences=["jitsi"],
        domain="meet.jitsi",
    )


def _organiser(meeting) -> Participant:
    return meeting.participants.get(role=Participant.Role.ORGANISER)


def test_organiser_token_passes_prosody_rules_as_owner():
    meeting = MeetingFactory(start=timezone.now(), recording_allowed=True)
    organiser = _organiser(meeting)

    ticket = meeting_token_issue(participant=organiser)

    claims = _docker_jitsi_rules().verify(
        ticket.token, room=meeting.room_name.upper(), now=timezone.now().timestamp()
    )
    assert jwt.get_unverified_header(ticket.token) == {"alg": "HS256", "typ": "JWT"}
    assert (claims["iss"], claims["aud"], claims["sub"]) == ("szpon", "jitsi", "meet.jitsi")
    assert claims["room"] == meeting.room_name
    assert claims["context"]["user"] == {
        "id": str(organiser.pk),
        "name": organiser.name,
        "email": organiser.email,
        "avatar": "",
        "affiliation": "owner",
        "moderator": "true",
    }
    assert claims["context"]["features"]["recording"] is True
    assert claims["exp"] - claims["iat"] == 600
    assert ticket.moderator is True
    assert ticket.url == (f"https://meet.example.gov.pl/{meeting.room_name}?jwt={ticket.token}")


def test_guest_is_member_without_recording_even_when_recording_is_allowed():
    meeting = MeetingFactory(start=timezone.now(), recording_allowed=True)
    guest = ParticipantFactory(meeting=meeting, name="Ewa Gość", email="ewa@example.org")

    claims = _docker_jitsi_rules().verify(
        meeting_token_issue(participant=guest).token,
        room=meeting.room_name,
        now=timezone.now().timestamp(),
    )

    assert claims["context"]["user"]["affiliation"] == "member"
    assert claims["context"]["user"]["moderator"] == "false"
    assert claims["context"]["user"]["name"] == "Ewa Gość"
    assert claims["context"]["features"] == {
        feature: feature == "screen-sharing" for feature in FEATURES
    }


def test_token_for_another_room_or_after_expiry_is_rejected():
    meeting = MeetingFactory(start=timezone.now())
    token = meeting_token_issue(participant=_organiser(meeting)).token
    rules = _docker_jitsi_rules()

    with pytest.raises(TokenRejected, match="room"):
        rules.verify(token, room="someotherroom", now=timezone.now().timestamp())
    later = (timezone.now() + timedelta(minutes=11)).timestamp()
    with pytest.raises(TokenRejected, match="time"):
        rules.verify(token, room=meeting.room_name, now=later)
    wrong_secret = ProsodyTokenRules(
        algorithm="HS256", key="another-secret-of-enough-length-012345", accepted_issuers=["*"]
    )
    with pytest.raises(TokenRejected, match="signature"):
        wrong_secret.verify(token, room=meeting.room_name, now=timezone.now().timestamp())


@hypothesis_settings(max_examples=30, deadline=None)
@given(
    role=st.sampled_from(list(Participant.Role)),
    has_account=st.booleans(),
    recording_allowed=st.booleans(),
)
def test_features_are_always_explicit_and_guests_never_own(role, has_account, recording_allowed):
    meeting = MeetingFactory(start=timezone.now(), recording_allowed=recording_allowed)
    participant = ParticipantFactory(
        meeting=meeting, role=role, user=UserFactory() if has_account else None
    )

    claims = jwt.decode(
        meeting_token_issue(participant=participant).token,
        SECRET,
        algorithms=["HS256"],
        audience="jitsi",
    )

    features = claims["context"]["features"]
    assert set(features) == set(FEATURES)
    assert all(isinstance(value, bool) for value in features.values())
    owner = claims["context"]["user"]["affiliation"] == "owner"
    assert owner == (has_account and role in Participant.MODERATOR_ROLES)
    assert features["recording"] == (owner and recording_allowed)


def test_jaas_token_is_rs256_with_key_id_and_passes_prosody_rules(settings):
    key = jwt_keys.private_key("jaas")
    private_pem = jwt_keys.private_pem("jaas")
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    settings.JITSI = {
        **settings.JITSI,
        "backend": settings.JITSI_BACKENDS["jaas"],
        "jaas_app_id": "vpaas-magic-cookie-0123abcd",
        "jaas_key_id": "key42",
        "jaas_private_key": private_pem,
    }
    video_backend.cache_clear()
    meeting = MeetingFactory(start=timezone.now())

    ticket = meeting_token_issue(participant=_organiser(meeting))

    rules = ProsodyTokenRules(
        algorithm="RS256",
        key=public_pem,
        accepted_issuers=["chat"],
        accepted_audiences=["jitsi"],
        domain="vpaas-magic-cookie-0123abcd",
    )
    claims = rules.verify(ticket.token, room=meeting.room_name, now=timezone.now().timestamp())
    assert jwt.get_unverified_header(ticket.token) == {
        "alg": "RS256",
        "typ": "JWT",
        "kid": "vpaas-magic-cookie-0123abcd/key42",
    }
    assert claims["context"]["user"]["affiliation"] == "owner"
    assert ticket.room == f"vpaas-magic-cookie-0123abcd/{meeting.room_name}"
    assert ticket.script_url == "https://8x8.vc/vpaas-magic-cookie-0123abcd/external_api.js"
    hs_rules = _docker_jitsi_rules()
    with pytest.raises(TokenRejected, match="alg"):
        hs_rules.verify(ticket.token, room=meeting.room_name, now=timezone.now().timestamp())


def test_no_token_outside_the_window_or_for_withdrawn_invitations(settings):
    settings.MEETINGS_JOIN_EARLY_MINUTES = 15
    settings.MEETINGS_JOIN_LATE_MINUTES = 30
    now = timezone.now()
    early = MeetingFactory(start=now + timedelta(minutes=16))
    ended = MeetingFactory(start=now - timedelta(hours=2), end=now - timedelta(minutes=31))
    cancelled = MeetingFactory(start=now, status="cancelled")
    withdrawn = ParticipantFactory(meeting=MeetingFactory(start=now), revoked_at=now)

    for participant, reason in (
        (_organiser(early), "early"),
        (_organiser(ended), "ended"),
        (_organiser(cancelled), "cancelled"),
        (withdrawn, "revoked"),
    ):
        with pytest.raises(JoinRefused) as refused:
            meeting_token_issue(participant=participant, now=now)
        assert refused.value.reason == reason
    assert meeting_token_issue(
        participant=_organiser(MeetingFactory(start=now + timedelta(minutes=14))), now=now
    ).token
