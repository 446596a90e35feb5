"""Who is on the other end of a session: the client's address and whether the page came over
HTTPS, read from the connection, or from a reverse proxy's headers when it is trusted.

Streamlit sees the address the WebSocket came from: behind nginx that is nginx itself, for
every user. ``CDS_TRUSTED_PROXIES`` (the number of proxies in front of the app, usually 1) lets
the address the nearest trusted proxy appended to ``X-Forwarded-For``, and its
``X-Forwarded-Proto``, speak for the client; without it those headers, which anyone can send,
are ignored.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping

import streamlit as st

from db.security import Client

DEVICE_COOKIE = "cds_device"


def trusted_proxies(environ: Mapping[str, str]) -> int:
    try:
        return max(0, int(environ.get("CDS_TRUSTED_PROXIES", "0")))
    except ValueError:
        return 0


def address(headers: Mapping[str, str], remote: str | None, proxies: int) -> str:
    """The client's address: ``remote`` (``None`` on localhost), or with ``proxies`` trusted
    proxies in front, the entry of ``X-Forwarded-For`` the outermost of them appended."""
    if proxies:
        hops = [h.strip() for h in (headers.get("X-Forwarded-For") or "").split(",") if h.strip()]
        if hops:
            candidate = hops[-proxies] if len(hops) >= proxies else hops[0]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass  # not an address: fall back to the connection's own
    return remote or "local"


def https(url: str | None, headers: Mapping[str, str], proxies: int) -> bool:
    if (url or "").startswith("https://"):
        return True
    return bool(proxies) and (headers.get("X-Forwarded-Proto") or "").lower() == "https"


def _text(value: object) -> str | None:
    # Outside a browser (AppTest) the connection's fields are stand-in objects, not text.
    return value if isinstance(value, str) else None


def current() -> Client:
    """This session's client, for counting failed sign-ins."""
    proxies = trusted_proxies(os.environ)
    where = address(st.context.headers, _text(st.context.ip_address), proxies)
    return Client(where, _text(st.context.cookies.get(DEVICE_COOKIE)))


def secure() -> bool:
    """Whether cookies set now must be ``Secure`` (the page came over HTTPS)."""
    return https(st.context.url, st.context.headers, trusted_proxies(os.environ))
