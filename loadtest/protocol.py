"""One browser tab as Streamlit's server sees it: a websocket to ``/_stcore/stream`` carrying
``BackMsg`` (rerun with widget values, a page to show) and ``ForwardMsg`` (the page's elements,
then "script finished"), the same protobuf messages the web frontend sends and receives."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect

FINISHED = ForwardMsg.ScriptFinishedStatus
MAX_MESSAGE = 256 * 2**20  # a page of tables can be a few MB; the browser takes it too


@dataclass(frozen=True)
class Widget:
    kind: str  # the Element field: text_input, button, selectbox, ...
    id: str
    label: str
    help: str
    disabled: bool


@dataclass
class Run:
    """What one script run showed: its widgets, alerts and exceptions, and how long it took."""

    seconds: float = 0.0
    widgets: list[Widget] = field(default_factory=list)
    alerts: list[tuple[str, str]] = field(default_factory=list)  # (ERROR|WARNING|…, body)
    exceptions: int = 0

    def widget(self, kind: str, *, label: str | None = None, help: str | None = None) -> Widget:
        for w in self.widgets:
            if w.kind == kind and label in (None, w.label) and help in (None, w.help):
                return w
        raise LookupError(f"no {kind} labelled {label!r} (help {help!r}) on the page")


class Tab:
    """A browser tab: connect, then ``rerun`` as clicks and page changes do."""

    def __init__(self, base_url: str) -> None:
        self.url = base_url.replace("http", "ws", 1).rstrip("/") + "/_stcore/stream"
        self.ws: ClientConnection | None = None
        self.pages: dict[str, str] = {}  # url path ("" for the default page) → page hash
        self.page_hash = ""

    async def open(self) -> Run:
        self.ws = await connect(self.url, subprotocols=["streamlit"], max_size=MAX_MESSAGE,
                                open_timeout=60, ping_interval=None)  # fmt: skip
        return await self.rerun()

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def rerun(self, states: list[WidgetState] | None = None, page: str | None = None) -> Run:
        """Send what the frontend sends on a click or a page change; wait until the run, and any
        ``st.rerun`` it asks for, has finished."""
        assert self.ws is not None
        if page is not None:
            self.page_hash = self.pages[page]
        msg = BackMsg()
        msg.rerun_script.query_string = ""
        msg.rerun_script.page_script_hash = self.page_hash
        msg.rerun_script.widget_states.widgets.extend(states or [])
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        run = Run()
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await self.ws.recv())
            kind = fwd.WhichOneof("type")
            if kind == "delta":
                self._element(fwd, run)
            elif kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in fwd.navigation.app_pages}
                self.page_hash = fwd.navigation.page_script_hash
            elif kind == "script_finished":
                if fwd.script_finished == FINISHED.FINISHED_EARLY_FOR_RERUN:
                    run = Run()  # st.rerun: the page the user sees is the next run's
                    continue
                run.seconds = time.perf_counter() - started
                return run

    @staticmethod
    def _element(fwd: ForwardMsg, run: Run) -> None:
        delta = fwd.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            run.exceptions += 1
        elif kind == "alert":
            run.alerts.append((element.alert.Format.Name(element.alert.format), element.alert.body))
        elif kind in ("text_input", "text_area", "button", "selectbox"):
            proto = getattr(element, kind)
            run.widgets.append(Widget(kind, proto.id, proto.label, proto.help,
                                      getattr(proto, "disabled", False)))  # fmt: skip


def typed(widget: Widget, text: str) -> WidgetState:
    return WidgetState(id=widget.id, string_value=text)


def clicked(widget: Widget) -> WidgetState:
    return WidgetState(id=widget.id, trigger_value=True)
