"""The room's routes over HTTP: each page, each refusal, the cookie and the headers."""

from __future__ import annotations

import re
import threading
import time

import pytest

from strategist.ops import capture as capture_ops
from strategist.serve import app as app_module
from strategist.serve.room import RateLimiter

from .conftest import DEVICE, KICKOFF, Setup, alert, load, status

PSEUDONYM = re.compile(r"^p-[0-9abcdefghjkmnpqrstvwxyz]{6}$")


def cookie_header(response) -> str:
    return response.headers["set-cookie"]


def test_the_first_page_sets_a_pseudonymous_httponly_strict_cookie(setup: Setup) -> None:
    page = setup.phone().client.get(setup.base)
    assert page.status_code == 200
    assert "Which group do you belong to?" in page.text
    header = cookie_header(page)
    name, value = header.split(";")[0].split("=", 1)
    voter, group, signature = value.split(".")
    assert name == "strategist-room"
    assert PSEUDONYM.match(voter) and group == "" and re.fullmatch(r"[0-9a-f]{32}", signature)
    flags = {f.strip().lower() for f in header.split(";")[1:]}
    assert {"httponly", "samesite=strict", f"path={setup.base.lower()}"} <= flags
    assert voter in page.text  # the participant sees their pseudonym, nothing else about them


def test_choosing_a_group_puts_it_in_the_cookie_and_opens_the_input_form(setup: Setup) -> None:
    phone = setup.phone().join("research")
    value = phone.client.cookies["strategist-room"]
    assert value.split(".")[1] == "research"
    form = phone.client.get(phone.url("input"))
    assert '<select id="theme" name="theme">' in form.text
    assert '<a href="./">Research</a>' in form.text


def test_a_group_link_without_the_participants_csrf_token_is_refused(setup: Setup) -> None:
    phone = setup.phone()
    phone.client.get(phone.url())
    refused = phone.client.get(phone.url(), params={"group": "industry", "csrf": "0" * 32})
    assert refused.status_code == 403
    assert "This link is out of date" in refused.text
    assert phone.client.cookies["strategist-room"].split(".")[1] == ""


def test_an_unknown_group_is_refused(setup: Setup) -> None:
    phone = setup.phone()
    csrf = re.search(r"csrf=([0-9a-f]+)", phone.client.get(phone.url()).text).group(1)
    refused = phone.client.get(phone.url(), params={"group": "press", "csrf": csrf})
    assert refused.status_code == 422 and "There is no such group" in refused.text


def test_without_a_group_the_forms_send_the_participant_to_choose_one(setup: Setup) -> None:
    client = setup.phone().client
    for page in ("input", "vote"):
        response = client.get(setup.base + page, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "./"


@pytest.mark.parametrize("page", ["", "input", "vote", "state"])
def test_a_wrong_token_gets_403_on_every_route(setup: Setup, page: str) -> None:
    client = setup.phone().client
    response = client.get(f"/r/{'x' * 16}/{page}")
    assert response.status_code == 403
    assert setup.room.token not in response.text
    assert "set-cookie" not in response.headers


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/r/",
        "/favicon.ico",
        "/strategy.yaml",
        "/workshops/2018-09-11-kickoff/capture-station-3.yaml",
        "/r/{token}/static/style.css",
        "/r/{token}/strategy.yaml",
        "/r/{token}/input/",
        "/r/{token}",
        "/r/{token}/../../strategy.yaml",
    ],
)
def test_every_other_path_is_404(setup: Setup, path: str) -> None:
    response = setup.phone().client.get(path.format(token=setup.room.token))
    assert response.status_code == 404
    assert "Test Cluster" not in response.text


def test_state_says_which_question_is_open(setup: Setup) -> None:
    client = setup.phone().client
    assert client.get(setup.base + "state").json() == {"open": None}
    setup.room.open_vote = "rank"
    state = client.get(setup.base + "state")
    assert state.json() == {"open": "rank"}
    assert state.headers["content-type"] == "application/json"


def test_every_answer_has_a_strict_csp_and_the_security_headers(setup: Setup) -> None:
    phone = setup.phone().join()
    setup.room.open_vote = "rank"
    for url in (phone.url(), phone.url("input"), phone.url("vote"), phone.url("state"),
                "/nowhere", f"/r/{'y' * 16}/"):  # fmt: skip
        response = phone.client.get(url)
        csp = response.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp, url
        assert "form-action 'self'" in csp and "unsafe-inline" not in csp, url
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
    page = phone.client.get(phone.url("vote"))
    nonce = re.search(r"script-src 'nonce-([^']+)'", page.headers["content-security-policy"])
    assert f'<script nonce="{nonce.group(1)}">' in page.text
    assert f'<style nonce="{nonce.group(1)}">' in page.text
    assert re.search(r"<(link|img|iframe)\b|src=|https?://", page.text) is None


# --------------------------------------------------------------------------- inputs


def test_an_input_is_saved_with_group_and_time_before_saved_is_shown(setup: Setup) -> None:
    phone = setup.phone().join("research")
    sent = phone.send_input("A shared lab for start-ups.", theme="entrepreneurship", kind="measure")
    assert sent.status_code == 200
    assert status(sent.text) == "Saved. Thank you! Send another one?"
    (item,) = setup.capture()["inputs"]
    assert (item["theme"], item["kind"], item["text"], item["group"]) == (
        "entrepreneurship", "measure", "A shared lab for start-ups.", "research",
    )  # fmt: skip
    assert item["at"] is not None
    # The next input keeps the theme and kind chosen, with an empty text.
    assert '<option value="entrepreneurship" selected>' in sent.text
    assert '<option value="measure" selected>' in sent.text
    assert "required></textarea>" in sent.text


def test_reloading_the_saved_page_does_not_send_the_input_again(setup: Setup) -> None:
    phone = setup.phone().join("research")
    sent = phone.client.post(
        phone.url("input"),
        data={"csrf": phone.csrf, "theme": "workforce", "kind": "goal", "text": "Twice?"},
        follow_redirects=False,
    )
    assert sent.status_code == 303  # post, redirect, get
    assert sent.headers["location"] == "input?saved=1&theme=workforce&kind=goal"
    for _ in range(2):  # the redirect, then a reload of the page it shows
        shown = phone.client.get(phone.url(sent.headers["location"]))
        assert status(shown.text) == "Saved. Thank you! Send another one?"
        assert '<option value="goal" selected>' in shown.text
    assert [item["text"] for item in setup.capture()["inputs"]] == ["Twice?"]
    odd = phone.client.get(phone.url("input?saved=1&theme=<b>&kind=nope"))
    assert "<b>" not in odd.text and '<option value="idea" selected>' in odd.text


def test_an_answer_still_queued_when_the_phone_stops_waiting_is_never_written(
    setup: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The laptop is busy past the timeout: the phone is asked to send again, and the
    answer it gave up on is withdrawn, so sending again leaves one copy, not two."""
    monkeypatch.setattr(app_module, "SAVE_TIMEOUT", 0.3)
    phone = setup.phone().join("research")
    busy, started = threading.Event(), threading.Event()

    def block(ws: object) -> bool:
        started.set()
        return busy.wait(10)

    blocker = setup.writer.submit(block)
    # Running before the answer arrives: queued together, the two would share a batch.
    assert started.wait(10)
    refused = phone.send_input("Only once, please.")
    assert refused.status_code == 503
    assert "Please send again" in alert(refused.text)
    busy.set()
    blocker.result(10)
    setup.writer.submit(lambda ws: None).result(10)  # the queue has drained
    assert setup.capture().get("inputs", []) == []
    sent = phone.send_input("Only once, please.")
    assert status(sent.text) == "Saved. Thank you! Send another one?"
    assert [item["text"] for item in setup.capture()["inputs"]] == ["Only once, please."]


def test_an_answer_being_written_when_the_phone_would_stop_waiting_is_waited_for(
    setup: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save that has started is never given up on: the phone is told "Saved" when it
    lands, not "send again" (which would make a second copy)."""
    monkeypatch.setattr(app_module, "SAVE_TIMEOUT", 0.2)
    real = capture_ops.add_input

    def slow(*args: object, **kwargs: object) -> object:
        time.sleep(0.6)  # the writer is applying it when the timeout passes
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(capture_ops, "add_input", slow)
    phone = setup.phone().join("research")
    sent = phone.send_input("Slow but sure.")
    assert status(sent.text) == "Saved. Thank you! Send another one?"
    assert [item["text"] for item in setup.capture()["inputs"]] == ["Slow but sure."]


@pytest.mark.parametrize("csrf", [None, "", "0" * 32])
def test_an_input_without_the_right_csrf_token_is_refused_and_not_saved(
    setup: Setup, csrf: str | None
) -> None:
    phone = setup.phone().join()
    data = {"theme": "workforce", "kind": "idea", "text": "Sneaky"}
    if csrf is not None:
        data["csrf"] = csrf
    refused = phone.client.post(phone.url("input"), data=data)
    assert refused.status_code == 403
    assert "This form is out of date" in refused.text
    assert setup.capture().get("inputs", []) == []


def test_another_participants_csrf_token_does_not_fit(setup: Setup) -> None:
    alice, bob = setup.phone().join(), setup.phone().join()
    alice.csrf = bob.csrf
    assert alice.send_input("Not mine").status_code == 403


def test_a_forged_cookie_counts_as_no_participant(setup: Setup) -> None:
    phone = setup.phone().join("industry")
    voter, _group, signature = phone.client.cookies["strategist-room"].split(".")
    phone.client.cookies.clear()
    phone.client.cookies.set("strategist-room", f"{voter}.research.{signature}")
    data = {"csrf": phone.csrf, "theme": "workforce", "kind": "idea", "text": "As another"}
    refused = phone.client.post(phone.url("input"), data=data, follow_redirects=False)
    assert refused.status_code == 303 and refused.headers["location"] == "./"
    assert setup.capture().get("inputs", []) == []


def test_a_too_long_input_is_refused_with_the_text_kept_and_escaped(setup: Setup) -> None:
    phone = setup.phone().join()
    text = "<script>alert(1)</script>" + "x" * 600
    refused = phone.send_input(text)
    assert refused.status_code == 422
    assert (
        alert(refused.text)
        == f"That is {len(text)} characters; at most 600 fit. Please shorten it."
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" + "x" * 600 in refused.text
    assert "<script>alert" not in refused.text
    assert setup.capture().get("inputs", []) == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"theme": "no-such-theme"}, "Choose one of the themes."),
        ({"kind": "rant"}, "Choose what kind of input this is."),
        ({"text": "   "}, "Write something before sending."),
    ],
)
def test_an_invalid_input_is_refused_with_a_message(
    setup: Setup, fields: dict[str, str], message: str
) -> None:
    phone = setup.phone().join()
    data = {"text": "Something", "theme": "workforce", "kind": "idea", **fields}
    refused = phone.send_input(**data)
    assert refused.status_code == 422 and alert(refused.text) == message


def test_participant_text_is_escaped_on_every_page(setup: Setup) -> None:
    phone = setup.phone().join()
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    assert phone.send_input(evil).status_code == 200
    assert setup.capture()["inputs"][0]["text"] == evil
    setup.room.open_vote = "approve"
    for page in ("", "input", "vote", "state"):
        text = phone.client.get(phone.url(page)).text
        assert "<script>alert" not in text and "<img" not in text, page


def test_a_body_above_8_kb_gets_413_before_it_is_read(setup: Setup) -> None:
    phone = setup.phone().join()
    refused = phone.send_input("y" * 9000)
    assert refused.status_code == 413
    assert "too much text" in refused.text


def test_a_streamed_body_above_8_kb_without_a_length_gets_413(setup: Setup) -> None:
    phone = setup.phone().join()

    def chunks():
        yield f"csrf={phone.csrf}&theme=workforce&kind=idea&text=".encode()
        for _ in range(10):
            yield b"z" * 1000

    refused = phone.client.post(
        phone.url("input"),
        content=chunks(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert refused.status_code == 413
    assert setup.capture().get("inputs", []) == []


def test_a_participant_sending_too_fast_gets_429(setup: Setup) -> None:
    setup.room.voter_posts = RateLimiter(3)
    phone = setup.phone().join()
    for n in range(3):
        assert phone.send_input(f"Idea {n}").status_code == 200
    refused = phone.send_input("Idea 4")
    assert refused.status_code == 429
    assert "You are sending very fast. Wait a minute, then send again." in refused.text
    assert len(setup.capture()["inputs"]) == 3
    assert setup.phone().join().send_input("Someone else").status_code == 200


def test_an_address_making_too_many_requests_gets_429(setup: Setup) -> None:
    setup.room.address_requests = RateLimiter(4)
    client = setup.phone().client
    assert [client.get(setup.base).status_code for _ in range(5)] == [200, 200, 200, 200, 429]
    refused = client.get(setup.base + "state")
    assert refused.status_code == 429 and refused.headers["retry-after"] == "60"
    assert "Too many requests from this device" in refused.text


def test_the_rate_limit_window_slides() -> None:
    now = [0.0]
    limiter = RateLimiter(2, window=60, clock=lambda: now[0])
    assert [limiter.allow("a"), limiter.allow("a"), limiter.allow("a")] == [True, True, False]
    now[0] = 59.9
    assert not limiter.allow("a") and limiter.allow("b")
    now[0] = 60.1
    assert limiter.allow("a")


# --------------------------------------------------------------------------- votes


def test_without_an_open_question_the_vote_page_says_so(setup: Setup) -> None:
    phone = setup.phone().join()
    page = phone.client.get(phone.url("vote"))
    assert "No question is open right now." in page.text
    assert "<form" not in page.text


@pytest.mark.parametrize(
    ("vote_id", "fields", "ballot"),
    [
        ("dots", {"n-workforce": "3", "n-entrepreneurship": "2", "n-digital-transformation": ""},
         {"points": {"entrepreneurship": 2, "workforce": 3}}),
        ("points", {"n-workforce": "7"}, {"points": {"workforce": 7}}),
        ("approve", {"approve": ["workforce", "digital-transformation"]},
         {"approvals": ["digital-transformation", "workforce"]}),
        ("score", {"s-workforce": "9", "s-entrepreneurship": "0"},
         {"scores": {"entrepreneurship": 0, "workforce": 9}}),
        ("rank", {"r-workforce": "1", "r-digital-transformation": "2"},
         {"ranking": ["workforce", "digital-transformation"]}),
    ],
)  # fmt: skip
def test_a_ballot_of_each_method_is_saved_with_the_voter_and_group(
    setup: Setup, vote_id: str, fields: dict, ballot: dict
) -> None:
    setup.room.open_vote = vote_id
    phone = setup.phone().join("research")
    form = phone.client.get(phone.url("vote"))
    assert f"Question by {vote_id}?" in form.text
    saved = phone.answer(vote_id, fields)
    assert saved.status_code == 200, alert(saved.text)
    assert status(saved.text).startswith("Saved.")
    voter = phone.client.cookies["strategist-room"].split(".")[0]
    assert setup.ballots(vote_id) == [{"voter": voter, "group": "research", **ballot}]
    assert "Send again (replaces your answer)" in saved.text


def test_answering_again_replaces_the_ballot_and_the_form_shows_it(setup: Setup) -> None:
    setup.room.open_vote = "rank"
    phone = setup.phone().join()
    phone.answer("rank", {"r-workforce": "1"})
    phone.answer("rank", {"r-entrepreneurship": "1", "r-workforce": "2"})
    (ballot,) = setup.ballots("rank")
    assert ballot["ranking"] == ["entrepreneurship", "workforce"]
    page = phone.client.get(phone.url("vote")).text
    assert re.search(r'name="r-entrepreneurship".*?<option value="1" selected>', page)
    assert re.search(r'name="r-workforce".*?<option value="2" selected>', page)


def test_two_participants_get_two_ballots(setup: Setup) -> None:
    setup.room.open_vote = "approve"
    for group in ("industry", "research"):
        setup.phone().join(group).answer("approve", {"approve": ["workforce"]})
    assert [b["group"] for b in setup.ballots("approve")] == ["industry", "research"]


def test_a_closed_question_refuses_the_answer_with_a_message(setup: Setup) -> None:
    setup.room.open_vote = "approve"
    phone = setup.phone().join()
    phone.client.get(phone.url("vote"))
    setup.room.open_vote = None
    refused = phone.answer("approve", {"approve": ["workforce"]})
    assert refused.status_code == 409
    assert alert(refused.text) == "This question is closed now; your answer was not saved."
    setup.room.open_vote = "rank"  # another question opened meanwhile
    assert phone.answer("approve", {"approve": ["workforce"]}).status_code == 409
    assert setup.ballots("approve") == []


@pytest.mark.parametrize(
    ("vote_id", "fields", "message", "kept"),
    [
        ("dots", {"n-workforce": "4", "n-entrepreneurship": "2"},
         "That is 6 points; you have 5 to give.", 'name="n-workforce" value="4"'),
        ("dots", {"n-workforce": "9"}, "Workforce of the future: give a number from 0 to 5.",
         'name="n-workforce" value="9"'),
        ("points", {"n-workforce": "lots"}, "Workforce of the future: write a whole number.",
         'name="n-workforce" value="lots"'),
        ("approve", {"approve": ["workforce", "moon-base"]},
         "One of the choices is not on this question.", 'value="workforce" checked'),
        ("approve", {}, "Tick at least one option.", None),
        ("score", {"s-workforce": "11"}, "Workforce of the future: give a number from 0 to 10.",
         'name="s-workforce" value="11"'),
        ("rank", {"r-workforce": "1", "r-entrepreneurship": "1"},
         "Entrepreneurship and Workforce of the future share place 1.", None),
        ("rank", {"ranking": "workforce,moon-base"}, "That order does not fit this question.",
         None),
    ],
)  # fmt: skip
def test_an_invalid_ballot_is_refused_with_a_message_and_the_answer_kept(
    setup: Setup, vote_id: str, fields: dict, message: str, kept: str | None
) -> None:
    setup.room.open_vote = vote_id
    phone = setup.phone().join()
    refused = phone.answer(vote_id, fields)
    assert refused.status_code == 422
    assert alert(refused.text) == message
    if kept is not None:
        assert kept in refused.text
    assert setup.ballots(vote_id) == []


def test_a_vote_form_without_the_csrf_token_is_refused(setup: Setup) -> None:
    setup.room.open_vote = "approve"
    phone = setup.phone().join()
    phone.csrf = ""
    assert phone.answer("approve", {"approve": ["workforce"]}).status_code == 403
    assert setup.ballots("approve") == []


def test_the_ballots_acknowledged_are_what_the_workspace_holds(setup: Setup) -> None:
    setup.room.open_vote = "dots"
    phones = [setup.phone().join(g) for g in ("industry", "research", "industry")]
    for n, phone in enumerate(phones):
        assert phone.answer("dots", {"n-workforce": str(n + 1)}).status_code == 200
    ws = load(setup.root)
    (vote,) = ws.workshops[KICKOFF].captures[DEVICE].votes
    assert vote.budget == 5 and [b.points for b in vote.ballots] == [
        {"workforce": 1}, {"workforce": 2}, {"workforce": 3},
    ]  # fmt: skip
