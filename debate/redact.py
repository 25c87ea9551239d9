"""Mask credentials wherever configuration or errors are written down or shown.

A key can hide in three places: the API key itself, the user-info of a base URL
(``http://user:KEY@host/v1``) and its query (``?key=KEY``, ``api_key=``, ``token=``). A
transcript, ``debate doctor``, a log line or an error message shows the URL with those
parts as ``***`` and the key only as ``sk-…abcd``; nothing here can be used to sign in.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urlsplit

MASK = "***"
_SECRET_PARAM = re.compile(r"(?i)(key|token|secret|passw|auth|sig|credential)")
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s'\"<>]*[^\s'\"<>:,.;)\]]", re.IGNORECASE)  # not a trailing ':'
_KEYLIKE = re.compile(r"\b(sk-[A-Za-z0-9]{0,3})[A-Za-z0-9_\-*.]{12,}")  # keys are long; "sk-learn" is not one
_BEARER = re.compile(r"(?i)\b(bearer\s+)\S+")


def mask_url(url: str) -> str:
    """``url`` with its password (or a lone user name, often a key) and secret query values masked."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return mask_value(url)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        user, has_password, _ = userinfo.partition(":")
        netloc = f"{user}:{MASK}@{host}" if has_password else f"{MASK}@{host}"
    query = "&".join(_mask_param(p) for p in parts.query.split("&")) if parts.query else ""
    return SplitResult(parts.scheme, netloc, parts.path, query, parts.fragment).geturl()


def _mask_param(param: str) -> str:
    name, eq, value = param.partition("=")
    return f"{name}={MASK}" if eq and value and _SECRET_PARAM.search(name) else param


def mask_urls(text: str) -> str:
    """``text`` with every URL in it passed through ``mask_url``."""
    return _URL.sub(lambda m: mask_url(m.group(0)), text)


def mask_value(value: str) -> str:
    """A configuration value shown in an error: its first characters only when it is long
    (a key pasted into the wrong field must not be echoed whole)."""
    return value if len(value) <= 12 else f"{value[:4]}…"


def mask_key(key: str | None) -> str:
    """``sk-…abcd`` for showing which key is in use; never enough of it to use."""
    if not key:
        return "(none)"
    if len(key) < 12:
        return MASK
    return f"{key[:3]}…{key[-4:]}"


def scrub(text: str, key: str | None = None) -> str:
    """``text`` on one line with the key, anything shaped like a key, bearer tokens and URL
    credentials masked."""
    if key and len(key) >= 4:
        text = text.replace(key, MASK)
    text = _BEARER.sub(rf"\1{MASK}", _KEYLIKE.sub(r"\1…", mask_urls(text)))
    return " ".join(text.split())
