"""A small HTTP client for the load run: one keep-alive connection per simulated user, its cookies,
the CSRF token the page carries, and every request's duration and outcome."""

import http.client
import re
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

CSRF_IN_PAGE = re.compile(r'"X-CSRFToken": "([^"]+)"')


@dataclass(frozen=True)
class Sample:
    kind: str
    started: float  # monotonic seconds
    ms: float
    status: int  # 0: no answer (connection refused, reset, timeout)
    error: str = ""


@dataclass
class Answer:
    status: int
    body: str
    location: str


@dataclass
class Browser:
    """One user's connection to the server: cookies kept, CSRF token picked from each page."""

    base: str
    cookies: dict[str, str] = field(default_factory=dict)
    samples: list[Sample] = field(default_factory=list)
    csrf: str = ""
    timeout: float = 30

    def __post_init__(self) -> None:
        self._connection: http.client.HTTPConnection | None = None

    def _conn(self) -> http.client.HTTPConnection:
        if self._connection is None:
            parts = urlsplit(self.base)
            self._connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=self.timeout)
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def request(
        self, kind: str, method: str, path: str, data: dict | None = None, headers: dict[str, str] | None = None
    ) -> Answer | None:
        """Send one request; record it; None when the server gave no answer."""
        body = urlencode(data or {}, doseq=True) if method == "POST" else None
        sent = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), **(headers or {})}
        if method == "POST":
            sent |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-CSRFToken": self.csrf,
                "Referer": f"{self.base}{path}",
            }
        started = time.monotonic()
        try:
            answer = self._send_once_more_if_stale(method, path, body, sent)
        except (OSError, http.client.HTTPException) as exc:
            self.close()
            self.samples.append(Sample(kind, started, (time.monotonic() - started) * 1000, 0, type(exc).__name__))
            return None
        self.samples.append(Sample(kind, started, (time.monotonic() - started) * 1000, answer.status))
        return answer

    def _send_once_more_if_stale(self, method: str, path: str, body: str | None, headers: dict[str, str]) -> Answer:
        """Like a browser: a kept-alive connection the server closed while idle is opened again once
        (the server never read the request, so sending it again cannot double it)."""
        reused = self._connection is not None
        try:
            return self._send(method, path, body, headers)
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            if not reused:
                raise
            self.close()
            return self._send(method, path, body, headers)

    def _send(self, method: str, path: str, body: str | None, headers: dict[str, str]) -> Answer:
        connection = self._conn()
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read().decode("utf-8", errors="replace")
        for header in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        token = CSRF_IN_PAGE.search(content)
        if token:
            self.csrf = token.group(1)
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return Answer(response.status, content, response.getheader("Location", ""))
