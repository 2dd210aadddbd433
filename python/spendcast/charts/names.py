"""File names built from data (scenario names, metric names, labels) made safe."""

import re

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_NAME = 120


def safe_file_name(text: str) -> str:
    """One file-name component from any text: only ASCII letters, digits, '.', '_' and
    '-' are kept (every other run of characters, '/' and '\\' included, becomes '-'); no
    leading '.' or '-' (so never '.', '..' or a hidden file or an option), at most
    MAX_NAME characters; "x" when nothing is left. The result joined to a folder stays
    inside that folder."""
    name = _UNSAFE.sub("-", str(text))
    name = re.sub(r"\.{2,}", ".", name)  # no '..' anywhere
    name = name.lstrip(".-")[:MAX_NAME].rstrip(".-")
    return name or "x"
