"""A connection the server resets or closes is said in words, never as an exception's class name
("Network error: ReadError"), by fetch and by the commands that fetch."""

from __future__ import annotations

import asyncio
import inspect
import socket
import struct
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from reader.config import RefreshConfig
from reader.fetch import _network_error, fetch, fetch_page
from tests.test_cli import run
from tests.test_cli_network import config_for


class RawServer:
    """A TCP server on 127.0.0.1 that reads each request and then does ``answer``: "reset" (close
    with SO_LINGER 0, a TCP RST), "close" (an orderly close, no response) or "cut" (the headers
    and a few bytes of a longer body, then a reset)."""

    def __init__(self, answer: str) -> None:
        self.answer = answer
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}{path}"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                data = b""
                while b"\r\n\r\n" not in data:
                    got = conn.recv(4096)
                    if not got:
                        break
                    data += got
                if self.answer == "close":
                    continue
                if self.answer == "cut":
                    conn.sendall(
                        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                        b"Content-Length: 5000\r\n\r\n<html><body>"
                    )
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def raw() -> Iterator[Callable[[str], RawServer]]:
    made: list[RawServer] = []

    def make(answer: str) -> RawServer:
        server = RawServer(answer)
        made.append(server)
        return server

    yield make
    for server in made:
        server.close()


def _error(url: str) -> str:
    result = asyncio.run(fetch(url, RefreshConfig()))
    assert result.error is not None
    return result.error


def test_a_reset_after_the_request_is_said_in_words(raw: Callable[[str], RawServer]) -> None:
    error = _error(raw("reset").url("/feed.xml"))
    assert error == "The server closed the connection before answering."


def test_a_close_without_an_answer_is_said_the_same_way(raw: Callable[[str], RawServer]) -> None:
    assert _error(raw("close").url("/feed.xml")) == (
        "The server closed the connection before answering."
    )


def test_a_reset_in_the_middle_of_the_body_says_the_response_was_cut_off(
    raw: Callable[[str], RawServer],
) -> None:
    result = asyncio.run(fetch_page(raw("cut").url("/page.html"), RefreshConfig()))
    assert result.status == 200
    assert result.error == "The server closed the connection before the whole response arrived."


def _exceptions() -> list[BaseException]:
    request = httpx.Request("GET", "http://127.0.0.1/")
    response = httpx.Response(500, request=request)
    made: list[BaseException] = []
    for cls in vars(httpx).values():
        if not (inspect.isclass(cls) and issubclass(cls, Exception)):
            continue
        for args, kwargs in ((("",), {}), (("",), {"request": request, "response": response})):
            try:
                made.append(cls(*args, **kwargs))
                break
            except TypeError:
                continue
        else:
            made.append(cls())
    return made


@pytest.mark.parametrize("exc", _exceptions(), ids=lambda e: type(e).__name__)
def test_no_httpx_exception_reaches_the_user_as_its_class_name(exc: BaseException) -> None:
    text = _network_error(exc, RefreshConfig())
    assert type(exc).__name__ not in text and "Error" not in text
    assert not text.startswith("Network error")
    assert text[:1].isupper() and text.endswith(".") and len(text.split()) >= 4


def test_an_unknown_failure_is_logged_with_its_name_and_said_in_general_words(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level("WARNING", logger="reader.fetch"):
        text = _network_error(httpx.StreamClosed(), RefreshConfig())
    assert text == "The connection to the server failed."
    assert "StreamClosed" in caplog.text


def test_extract_and_add_say_a_reset_in_words(
    raw: Callable[[str], RawServer], tmp_path: Path
) -> None:
    server = raw("reset")
    args = config_for(tmp_path, [])
    extracted = run("extract", server.url("/story.html"), *args)
    added = run("add", server.url("/feed.xml"), *args)
    for result in (extracted, added):
        assert result.returncode != 0
        assert "closed the connection before answering" in result.stderr + result.stdout
        assert "ReadError" not in result.stderr + result.stdout
        assert "Traceback" not in result.stderr
