"""The forum in a real Chromium: a member asks a question, another answers in Markdown, the asker
accepts the answer, and the answerer hears of it in the header and on the notifications page.

The asker is the demo artisan (Hj. Nurhayati), the answerer the tapis sentra's pengelola (Andi
Saputra), each in a browser context of their own, both in Indonesian, the site's default; one step
switches to English. Labels come from the site's own catalogue (`t`, see tests/browser/helpers.py).
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import BROWSER, header_count, header_link, log_in, switch_to, t, tn, watch

pytestmark = pytest.mark.browser

ASKER, ASKER_NAME = "perajin@example.com", "Hj. Nurhayati"
ANSWERER, ANSWERER_NAME = "pengelola@example.com", "Andi Saputra"
BOARD, BOARD_SLUG = "Dyeing and colour", "pewarnaan"
TITLE = "Berapa lama benang tapis harus direndam tawas sebelum dicelup secang?"
QUESTION = (
    "Kami mencoba pewarna secang untuk benang kain dasar tapis, tetapi warnanya pucat dan "
    "tidak merata. Benang sudah direndam tawas satu jam. Apakah perlu lebih lama?"
)
ANSWER = (
    "Satu jam memang terlalu singkat, Bu. Yang biasa dipakai di sentra:\n\n"
    "- rendam benang dalam larutan **tawas 20%** semalaman\n"
    "- bilas sampai air jernih sebelum dicelup\n"
    "- celup secang berulang, **jangan sekali lama**\n"
)


def _open_board(server, page):
    header_link(server, page, "Forum").click()
    expect(page).to_have_url(server.url + "/forum")
    boards = page.get_by_role("region", name=t(server, page, "Boards by subject"), exact=True)
    boards.get_by_role("link", name=t(server, page, BOARD), exact=True).click()
    expect(page).to_have_url(f"{server.url}/forum/{BOARD_SLUG}")
    expect(page.get_by_role("heading", level=1)).to_have_text(t(server, page, BOARD))


def _post_of(page, author):
    """A post of the topic page: an article named by its author."""
    return page.get_by_role("article", name=author, exact=True)


def _expect_formatted_answer(region):
    """The answer's Markdown shows as a list with bold text, not as asterisks."""
    expect(region.get_by_role("listitem")).to_have_count(3)
    expect(region.get_by_role("strong").filter(has_text="tawas 20%")).to_be_visible()
    expect(region.get_by_role("strong").filter(has_text="jangan sekali lama")).to_be_visible()
    expect(region).not_to_contain_text("**")


def test_question_answered_accepted_and_answerer_notified(seeded_server, page, browser, console_errors):
    server = seeded_server

    # ---- the artisan asks a question, in Indonesian ----
    log_in(server, page, ASKER)
    expect(page.locator("html")).to_have_attribute("lang", "id")
    _open_board(server, page)
    page.get_by_role("link", name=t(server, page, "New topic"), exact=True).click()
    expect(page).to_have_url(f"{server.url}/forum/{BOARD_SLUG}/new")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t(server, page, "New topic in %(board)s", board=t(server, page, BOARD)))
    kind = page.get_by_role("group", name=t(server, page, "What are you writing?"))
    kind.get_by_role("radio", name=t(server, page, "Question"), exact=True).check()
    page.get_by_role("textbox", name=t(server, page, "Title"), exact=True).fill(TITLE)
    page.get_by_role("textbox", name=t(server, page, "Text"), exact=True).fill(QUESTION)
    page.get_by_role("textbox", name=t(server, page, "Tags"), exact=True).fill("tapis, secang, mordan")
    page.get_by_role("button", name=t(server, page, "Publish the topic"), exact=True).click()

    expect(page).to_have_url(re.compile(r"/forum/t/\d+-[a-z0-9-]+$"))
    topic_path = re.sub(r"^https?://[^/]+", "", page.url)
    expect(page.get_by_role("status")).to_contain_text(t(server, page, "Your topic is published."))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(_post_of(page, ASKER_NAME)).to_contain_text(QUESTION)
    expect(page.get_by_role("link", name="#secang", exact=True)).to_be_visible()
    assert console_errors == []

    # ---- the pengelola finds the question and answers it with Markdown ----
    answerer_context = browser.new_context(**BROWSER)
    try:
        answerer = answerer_context.new_page()
        answerer_errors = watch(answerer)
        log_in(server, answerer, ANSWERER)
        expect(answerer.locator("html")).to_have_attribute("lang", "id")
        notices_before = header_count(server, answerer, "Notifications")
        _open_board(server, answerer)
        answerer.get_by_role("link", name=TITLE, exact=True).click()
        expect(answerer).to_have_url(server.url + topic_path)
        answerer.get_by_role("textbox", name=t(server, answerer, "Your reply"), exact=True).fill(ANSWER)
        answerer.get_by_role("button", name=t(server, answerer, "Post the reply"), exact=True).click()
        expect(answerer).to_have_url(re.compile(re.escape(topic_path) + r"#post-2$"))
        expect(answerer.get_by_role("status")).to_contain_text(t(server, answerer, "Your reply is posted."))
        _expect_formatted_answer(_post_of(answerer, ANSWERER_NAME))

        # ---- the asker accepts it: it shows under the question ----
        page.reload()
        answer = _post_of(page, ANSWERER_NAME)
        _expect_formatted_answer(answer)
        answer.get_by_role("button", name=t(server, page, "Accept as the answer"), exact=True).click()
        expect(page).to_have_url(re.compile(re.escape(topic_path) + r"#accepted-answer$"))
        expect(page.get_by_role("status")).to_contain_text(
            t(server, page, "The answer is marked as accepted."))
        accepted = page.get_by_role("complementary", name=t(server, page, "Accepted answer"), exact=True)
        expect(accepted).to_contain_text(ANSWERER_NAME)
        _expect_formatted_answer(accepted)
        # Under the question, before the answer in the conversation.
        assert page.evaluate(
            """([question, aside, reply]) =>
                   Boolean(question.compareDocumentPosition(aside) & Node.DOCUMENT_POSITION_FOLLOWING)
                   && Boolean(aside.compareDocumentPosition(reply) & Node.DOCUMENT_POSITION_FOLLOWING)""",
            [_post_of(page, ASKER_NAME).element_handle(), accepted.element_handle(), answer.element_handle()],
        )
        expect(answer).to_contain_text(t(server, page, "Accepted answer"))
        expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
        assert console_errors == []

        # ---- the pengelola sees the notification and follows it to the post ----
        answerer.goto(server.url + "/forum")
        notices = header_link(server, answerer, "Notifications")
        expect(notices).to_have_accessible_name(re.compile(re.escape(tn(
            server, answerer, "%(num)d unread notification", "%(num)d unread notifications",
            notices_before + 1))))
        notices.click()
        expect(answerer).to_have_url(server.url + "/notifications")
        sentence = t(server, answerer, "%(actor)s accepted your answer in %(subject)s",
                     actor=ASKER_NAME, subject=TITLE)
        notice = answerer.get_by_role("button", name=re.compile(re.escape(sentence)))
        expect(notice).to_have_count(1)
        expect(notice).to_contain_text(t(server, answerer, "New"))
        notice.click()
        expect(answerer).to_have_url(re.compile(re.escape(topic_path) + r"#post-2$"))
        post = _post_of(answerer, ANSWERER_NAME)
        expect(post).to_be_in_viewport()
        expect(post).to_contain_text(t(server, answerer, "Accepted answer"))
        assert header_count(server, answerer, "Notifications") == notices_before
        assert answerer_errors == []
    finally:
        answerer_context.close()

    # ---- the asker reads the forum in English for a moment ----
    page.get_by_role("navigation", name=t(server, page, "You are here")).get_by_role(
        "link", name=t(server, page, BOARD), exact=True).click()
    expect(page).to_have_url(f"{server.url}/forum/{BOARD_SLUG}")
    switch_to(page, "en")
    expect(page).to_have_url(f"{server.url}/forum/{BOARD_SLUG}")
    expect(page.get_by_role("heading", level=1)).to_have_text(BOARD)
    row = page.get_by_role("listitem").filter(has=page.get_by_role("link", name=TITLE, exact=True))
    expect(row).to_contain_text("Answered")
    switch_to(page, "id")  # the choice is saved on the account: leave it as it was
    expect(page.get_by_role("heading", level=1)).to_have_text(t(server, "id", BOARD))
    assert console_errors == []
