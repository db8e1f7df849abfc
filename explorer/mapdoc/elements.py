"""Small folium building blocks shared by the document and the basemap."""
from __future__ import annotations

import json
from functools import lru_cache


def js_json(obj) -> str:
    """JSON that is safe to place inside a <script> element."""
    text = json.dumps(obj, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@lru_cache(maxsize=1)
def _script_class():
    # folium is imported only when a document is built (it takes about half a second to import; a print
    # or an app start whose document is cached never needs it)
    import folium
    from jinja2 import Template

    class Script(folium.MacroElement):
        """A folium element whose script is a Jinja template with safe JSON data."""

        def __init__(self, template: str, **data):
            super().__init__()
            self._name = type(self).__name__
            self._template = Template("{% macro script(this, kwargs) %}" + template + "{% endmacro %}")
            self.data = {k: js_json(v) for k, v in data.items()}

    return Script


def __getattr__(name: str):
    if name == "Script":
        return _script_class()
    raise AttributeError(name)
