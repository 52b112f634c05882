"""Problems in an input file, written for programs: JSON, and GitHub Actions annotations.

The text form (`FILE:LINE:COL: PATH: MESSAGE (hint: ...)`) is `Problem.__str__`; these give
the same problems to CI systems and editors that read a structured form.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sinotime.errors import Problem

FORMATS = ("text", "json", "github")


def problems_json(file: str, problems: Sequence[Problem]) -> str:
    """`{"file", "valid", "problems": [{file, line, column, path, id, message, hint}]}`, one
    document; `id` is that of the event (source, series, kind) the problem is in, or null."""
    document = {
        "file": file,
        "valid": not problems,
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "path": p.path,
                "id": p.record or None,
                "message": p.message,
                "hint": p.hint,
            }
            for p in problems
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def problems_github(problems: Sequence[Problem]) -> str:
    """One `::error file=F,line=L,col=C,title=PATH::MESSAGE` workflow command a problem."""
    lines = []
    for p in problems:
        properties = [f"file={_property(p.file)}"]
        if p.line:
            properties.append(f"line={p.line}")
        if p.column:
            properties.append(f"col={p.column}")
        if p.path:
            properties.append(f"title={_property(p.named_path())}")
        message = p.message + (f" (hint: {p.hint})" if p.hint else "")
        lines.append(f"::error {','.join(properties)}::{_data(message)}\n")
    return "".join(lines)


def _data(text: str) -> str:
    """Escaped as GitHub's runner unescapes a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escaped as GitHub's runner unescapes a workflow command's property."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")
