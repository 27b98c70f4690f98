"""The API's documentation page: Swagger UI from the portal's own static files, under its CSP."""

from tests.browser.conftest import screenshot


def test_the_api_docs_page_lists_the_resources_without_a_cdn(browser_page, live_server, db):
    page = browser_page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector(".opblock-summary-path", timeout=20000)
    page.wait_for_load_state("networkidle")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/v1/assessments/" in p for p in paths)
    assert not [url for url in requested if not url.startswith(live_server.url)], "every asset from the portal"
    assert "Authorization: Bearer <token>" in page.locator("header code").inner_text()
    page.click("#operations-assessments-assessments_list .opblock-summary-control")
    page.wait_for_selector("#operations-assessments-assessments_list .parameters", timeout=10000)
    assert page.locator("#operations-assessments-assessments_list .parameters").inner_text().count("year") >= 1
    screenshot(page, "api-docs")
