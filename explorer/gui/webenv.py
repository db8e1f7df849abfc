"""Process-wide settings QtWebEngine needs, applied before QApplication exists."""
from __future__ import annotations

import os
import sys

_FLAGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
    # The map page needs no network at all. WebRTC's STUN/TURN traffic and DNS
    # prefetching do not pass the request interceptor: turn them off here.
    # (Tested: with this policy a peer connection gathers no candidate and sends nothing.)
    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
    "--dns-prefetch-disable",
    "--no-pings",
    # What is left of Chromium's own connections, which no request interceptor
    # sees (<link rel=preconnect>, WebRTC's TURN over TCP), is sent to a proxy
    # that cannot exist: the broadcast address, which the kernel refuses at
    # once, before any packet; loopback is not exempt. The app's pages come
    # from its own URL scheme and never use the network stack.
    "--proxy-server=socks5://255.255.255.255:1",
    "--proxy-bypass-list=<-loopback>",
]

# The scheme the map page is served from (see explorer.gui.mapview.MapSchemeHandler).
SCHEME = b"geo-explorer"


def register_scheme() -> None:
    """Register the map page's URL scheme; must run before the QApplication exists (once)."""
    from PySide6.QtWebEngineCore import QWebEngineUrlScheme

    if QWebEngineUrlScheme.schemeByName(SCHEME).name() == SCHEME:
        return
    scheme = QWebEngineUrlScheme(SCHEME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)  # geo-explorer://map-1/map.html: a real origin
    # Secure (a secure context, like https), and nothing else: not local (no file:
    # access), not CSP-exempt, no CORS, no fetch, no service workers.
    scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme)
    QWebEngineUrlScheme.registerScheme(scheme)


def configure(headless: bool = False) -> None:
    """Set Chromium flags, sandbox and rendering options for this process.

    ``headless`` (or no display at all) selects Qt's offscreen platform, so
    snapshots and tests work on a server with no screen.
    """
    no_display = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless or no_display:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
    for f in _FLAGS:
        if f not in flags:
            flags.append(f)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium refuses to run its sandbox as root.
        os.environ["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
        if "--no-sandbox" not in flags:
            flags.append("--no-sandbox")
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join(flags)
    os.environ.setdefault("QT_QUICK_BACKEND", "software")

    from PySide6.QtCore import QCoreApplication, Qt

    QCoreApplication.setAttribute(Qt.AA_ShareOpenGLContexts, True)
    QCoreApplication.setAttribute(Qt.AA_UseSoftwareOpenGL, True)
    if QCoreApplication.instance() is None:
        register_scheme()
