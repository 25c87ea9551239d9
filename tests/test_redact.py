"""Credentials in a base URL (user:password@, ?key=, api_key=) never reach a transcript,
`debate doctor`'s report or an error message; the rest of the URL stays readable."""

import json
import socket

import pytest

from debate.cli import main
from debate.redact import mask_url, mask_urls

MOTION = "Meta should release the weights of Muse Spark"
PASSWORD = "hunter2secretpass"
QUERY_KEY = "AIzaQueryKey0123456789"


@pytest.mark.parametrize("url, masked", [
    ("http://user:pw1234@host:8080/v1", "http://user:***@host:8080/v1"),
    ("https://sk-abcdefghijklmnop@host/v1", "https://***@host/v1"),
    ("http://host/v1?key=abc123&model=x", "http://host/v1?key=***&model=x"),
    ("http://host/v1?api_key=abc&access_token=def&sig=ghi", "http://host/v1?api_key=***&access_token=***&sig=***"),
    ("http://localhost:11434/v1", "http://localhost:11434/v1"),
    ("http://[::1]:8000/v1", "http://[::1]:8000/v1"),
])
def test_mask_url_hides_secrets_and_keeps_the_address(url, masked):
    assert mask_url(url) == masked


def test_mask_urls_finds_urls_inside_a_message():
    text = f"openai model 'x' at http://me:{PASSWORD}@10.0.0.1/v1?key={QUERY_KEY}: connection refused"
    out = mask_urls(text)
    assert PASSWORD not in out and QUERY_KEY not in out
    assert "http://me:***@10.0.0.1/v1?key=***: connection refused" in out


def _secret_url(base: str) -> str:
    """``base`` (http://127.0.0.1:PORT/v1) with a password and a query key in it."""
    return base.replace("http://", f"http://me:{PASSWORD}@") + f"?key={QUERY_KEY}"


def _no_secret(*texts: str) -> None:
    for text in texts:
        assert PASSWORD not in text and QUERY_KEY not in text


def test_transcript_and_output_never_hold_url_credentials(tmp_path, capsys, fake_openai):
    out = tmp_path / "t.json"
    code = main(["run", "--motion", MOTION, "--pro", "mark-twain", "--con", "ada-lovelace", "--rounds", "1",
                 "--backend", "openai", "--base-url", _secret_url(fake_openai.url), "--model", "fake",
                 "--out", str(out)])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    saved = out.read_text(encoding="utf-8")
    _no_secret(saved, printed.out, printed.err)
    assert json.loads(saved)["backend"]["base_url"].startswith("http://me:***@127.0.0.1:")


def test_doctor_masks_url_credentials(capsys, fake_openai):
    code = main(["doctor", "--backend", "openai", "--base-url", _secret_url(fake_openai.url), "--model", "fake"])
    printed = capsys.readouterr()
    _no_secret(printed.out, printed.err)
    assert "me:***@127.0.0.1" in printed.out
    assert code in (0, 3)


def test_backend_error_masks_url_credentials(capsys):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = main(["run", "--motion", MOTION, "--pro", "mark-twain", "--con", "ada-lovelace", "--rounds", "1",
                 "--backend", "openai", "--base-url", _secret_url(f"http://127.0.0.1:{port}/v1"), "--model", "m",
                 "--retries", "0", "--timeout", "2"])
    printed = capsys.readouterr()
    assert code == 3
    _no_secret(printed.out, printed.err)
    assert "127.0.0.1" in printed.err


def test_key_pasted_as_base_url_in_config_is_not_echoed(capsys, user_home):
    key = "sk-proj-" + "Q" * 40
    (user_home / "config.yaml").parent.mkdir(parents=True, exist_ok=True)
    (user_home / "config.yaml").write_text(f"base_url: {key}\n", encoding="utf-8")
    code = main(["doctor"])
    err = capsys.readouterr().err
    assert code == 2
    assert key not in err and "Q" * 8 not in err
    assert "base_url" in err and "config.yaml:1" in err
