"""The chat page, the widget and the briefing page in a real browser: Debian's Chromium driven by Playwright,
against `chidao serve` running in its own process on a copy of the corpus index. Each step leaves a
screenshot in artifacts/browser/."""

from __future__ import annotations

import http.server
import shutil
import threading
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import expect, sync_playwright

from tests.servers import free_port, start_service, stop_service

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "artifacts" / "browser"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# without the background-networking flags Chromium keeps trying to reach Google's hosts, which are closed here
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="module")
def host_page():
    """A page of another site (another origin) that embeds the widget with one script tag."""
    folder = Path(__file__).parent / "pages"
    port = free_port()
    handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=str(folder), **k)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()


@pytest.fixture(scope="module")
def service(corpus_data_dir, tmp_path_factory, host_page):
    data = shutil.copytree(corpus_data_dir, tmp_path_factory.mktemp("browser-data"), dirs_exist_ok=True)
    process, url = start_service(data, CHIDAO_CORS_ORIGINS=host_page)
    yield url
    stop_service(process)


@pytest.fixture(scope="module")
def browser():
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 800}, locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


def ask(page, question: str):
    page.fill("chidao-chat textarea", question)
    page.keyboard.press("Enter")
    answer = page.locator("chidao-chat .msg.bot").last
    expect(answer.locator(".waiting")).to_have_count(0, timeout=30_000)
    expect(page.locator("chidao-chat form button[type=submit]")).to_be_enabled(timeout=30_000)
    return answer


def test_ask_open_citation_follow_up_refusal_and_reload(page, service):
    page.goto(service + "/")
    expect(page.locator("chidao-chat .suggest button").first).to_be_visible(timeout=15_000)
    page.screenshot(path=SHOTS / "01-empty-chat-suggestions.png")

    answer = ask(page, "Theo kế hoạch 141, Sở Nội vụ phải làm gì?")
    expect(answer.locator(".chip").first).to_be_visible()
    expect(answer.locator(".chip b").first).to_have_text("Sở Nội vụ")
    expect(answer.locator(".card").first).to_contain_text("141/KH-UBND")
    expect(answer.locator(".marker").first).to_be_visible()
    page.screenshot(path=SHOTS / "02-answer-units-citations.png")

    quote = httpx.post(service + "/api/ask", json={"question": "Theo kế hoạch 141, Sở Nội vụ phải làm gì?"}).json()
    answer.locator(".marker").first.click()
    mark = page.locator("chidao-chat .viewer mark")
    expect(mark).to_be_visible()
    expect(mark).to_have_text(quote["citations"][0]["text"])
    expect(mark).to_be_in_viewport()
    page.screenshot(path=SHOTS / "03-citation-highlighted.png")
    page.keyboard.press("Escape")
    expect(page.locator("chidao-chat .viewer")).to_be_hidden()

    followup = ask(page, "Còn Sở Tài chính thì sao?")
    expect(followup.locator(".chip b", has_text="Sở Tài chính").first).to_be_visible()
    expect(followup.locator(".card").first).to_contain_text("141/KH-UBND")
    page.screenshot(path=SHOTS / "04-follow-up.png")

    refused = ask(page, "Kinh phí thực hiện công văn 3400 là bao nhiêu tỷ đồng?")
    expect(refused).to_have_class("msg bot refused")
    expect(refused.locator(".chip")).to_have_count(0)
    page.screenshot(path=SHOTS / "05-refusal.png")

    page.reload()
    expect(page.locator("chidao-chat .msg.user")).to_have_count(3)
    expect(page.locator("chidao-chat .msg.bot .card").first).to_be_visible()
    page.screenshot(path=SHOTS / "06-kept-after-reload.png")


def test_copy_with_citation_and_phone_screen(browser, service):
    context = browser.new_context(viewport={"width": 390, "height": 800}, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(service + "/")
    answer = ask(page, "Ai theo doi, kiem tra viec thuc hien cong van 3400?")
    answer.locator("button.copy").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "Nguồn:" in copied and "3400-CV/TU" in copied
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing overflows sideways on a phone
    page.screenshot(path=SHOTS / "07-phone.png")
    context.close()


def test_unreachable_service_is_said_plainly(page, service):
    page.goto(service + "/")
    page.route("**/api/ask/stream", lambda route: route.abort())
    answer = ask(page, "Ai chủ trì?")
    expect(answer).to_have_class("msg bot error")
    expect(answer).to_contain_text("Không kết nối được máy chủ chidao")
    page.screenshot(path=SHOTS / "08-unreachable.png")


def test_widget_embedded_in_another_site(page, service, host_page):
    page.goto(f"{host_page}/host.html?api={service}")
    launcher = page.locator("chidao-launcher .open")
    expect(launcher).to_be_visible(timeout=15_000)
    page.screenshot(path=SHOTS / "09-host-page-with-button.png")
    launcher.click()
    answer = ask(page, "UBND tinh phai lam gi theo cong van 3400?")
    expect(answer.locator(".card").first).to_contain_text("3400-CV/TU")
    # the host page's loud styles do not reach inside the widget
    color = answer.locator(".card").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert color == "rgb(255, 255, 255)"
    page.screenshot(path=SHOTS / "10-widget-answer.png")


def test_briefing_page_renders_a_printable_briefing(page, service):
    page.goto(service + "/static/briefing.html")
    page.fill("#value", "3400-CV/TU")
    page.click("button[type=submit]")
    frame = page.frame_locator("#view")
    expect(frame.locator("table").first).to_be_visible(timeout=30_000)
    expect(frame.locator("body")).to_contain_text("Ban Tổ chức Tỉnh ủy")
    page.screenshot(path=SHOTS / "11-briefing.png", full_page=True)
