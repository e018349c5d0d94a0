"""Source files read safely: text that must be UTF-8, YAML with no tags or alias
bombs, CSV whose faults are named by line. Every failure is an InputError naming the file."""

from __future__ import annotations

from pathlib import Path

from croydon_kpi.errors import InputError

NEWLINE = b"\n"


def read_text(path: Path) -> str:
    """A source file's text, refusing binary data and anything that is not UTF-8."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, None, "file not found") from None
    if not data.strip():
        raise InputError(path, "line 1", "the file is empty; expected text with a header row")
    nul = data.find(b"\x00")  # anywhere: a NUL after the first pages is still not text (memchr: fast)
    if nul >= 0:
        where = f"line {data.count(NEWLINE, 0, nul) + 1}" if nul >= 4096 else None
        raise InputError(path, where, "binary data, expected UTF-8 text")
    try:
        # Windows (CRLF) and old Mac (CR) line endings read as plain newlines: they never change meaning.
        return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            path, f"line {line}", f"not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8"
        ) from None


MAX_YAML_ALIASES = 100  # our own files use a handful; thousands is an alias bomb
MAX_YAML_DEPTH = 50  # our own files nest four deep; thousands is an attack on the parser's stack
MAX_YAML_NODES = 200_000  # values once aliases are expanded: our largest file holds a few thousand;
# 9 aliases of 9 aliases ... under the alias limit expand to billions


def read_yaml(path: Path):
    """YAML read safely: no Python tags, no alias bombs; errors name the file and line. A text
    read before (the same bytes, in any copy of the project) is not parsed again: the safe
    loader takes over half a second on the measure catalogue. Each caller gets its own copy."""
    import copy
    import hashlib

    text = read_text(path)
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if key not in _PARSED_YAML:
        _PARSED_YAML[key] = _parse_yaml(path, text)  # only what parsed cleanly is kept: errors always name their file
        while len(_PARSED_YAML) > 32:
            _PARSED_YAML.pop(next(iter(_PARSED_YAML)))
    return copy.deepcopy(_PARSED_YAML[key])


_PARSED_YAML: dict[str, object] = {}


def _parse_yaml(path: Path, text: str):
    import yaml

    class _Counting(yaml.SafeLoader):
        aliases = 0
        depth = 0

        def compose_node(self, parent, index):
            _Counting.depth += 1
            try:
                if _Counting.depth > MAX_YAML_DEPTH:
                    mark = self.peek_event().start_mark
                    raise InputError(
                        path,
                        f"line {mark.line + 1}",
                        f"nested more than {MAX_YAML_DEPTH} levels deep; expected plain data",
                    )
                return self._compose_counted(parent, index)
            finally:
                _Counting.depth -= 1

        def _compose_counted(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                _Counting.aliases += 1
                if _Counting.aliases > MAX_YAML_ALIASES:
                    mark = self.peek_event().start_mark
                    raise InputError(
                        path, f"line {mark.line + 1}", f"more than {MAX_YAML_ALIASES} YAML aliases; expected plain data"
                    )
            return super().compose_node(parent, index)

        def construct_document(self, node):
            # Counted on the node graph before anything is built or walked: each node's expanded
            # size once (memoised), so a bomb is refused in milliseconds, not after 6 GB.
            if _expanded_size(node, {}) > MAX_YAML_NODES:
                raise InputError(
                    path,
                    f"line {node.start_mark.line + 1}",
                    f"expands to more than {MAX_YAML_NODES:,} values through its aliases; expected plain data",
                )
            return super().construct_document(node)

        def construct_mapping(self, node, deep=False):
            # YAML lets a repeated key silently win; a target or polarity given twice is refused.
            seen = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if isinstance(key, (str, int, float, bool)) and key in seen:
                    raise InputError(
                        path,
                        f"line {key_node.start_mark.line + 1}",
                        f"the key {str(key)[:60]!r} is given twice; expected each key once",
                    )
                seen.add(key)
            return super().construct_mapping(node, deep)

        def construct_checked_timestamp(self, node):
            # 2019-02-30 looks like a date to YAML but is none: refused here, where its line is known.
            try:
                return self.construct_yaml_timestamp(node)
            except (ValueError, OverflowError) as error:
                raise InputError(
                    path,
                    f"line {node.start_mark.line + 1}",
                    f"not valid YAML data ({str(node.value)[:40]} is not a real date: {error}); "
                    "expected real dates and numbers",
                ) from None

    _Counting.add_constructor("tag:yaml.org,2002:timestamp", _Counting.construct_checked_timestamp)
    try:
        return yaml.load(text, Loader=_Counting)  # a SafeLoader: only plain data, never Python objects
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        where = f"line {mark.line + 1}" if mark else None
        raise InputError(path, where, f"not valid YAML data ({getattr(error, 'problem', None) or error})") from None
    except InputError:
        raise  # already names its line
    except (ValueError, TypeError, OverflowError) as error:  # a value YAML parses but cannot build: 2019-02-30
        raise InputError(
            path, None, f"not valid YAML data ({str(error)[:120]}); expected real dates and numbers"
        ) from None
    except RecursionError:
        raise InputError(path, None, "nested too deeply; expected plain data") from None


def yaml_entry_lines(path: Path, key: str) -> list[int]:
    """The line on which each entry of the top-level list `key` starts (1-based), so that a
    registry's check can name "line 7 (targets[2])". Read after read_yaml has accepted the file
    (no tags, no bombs); composing builds only the node tree, never a value. Empty when the file
    is not a mapping holding such a list."""
    try:
        text = read_text(path)
    except InputError:
        return []
    import hashlib

    found = (hashlib.sha256(text.encode("utf-8")).hexdigest(), key)
    if found not in _ENTRY_LINES:  # composing is as slow as parsing: once per content, as read_yaml
        _ENTRY_LINES[found] = _entry_lines(text, key)
        while len(_ENTRY_LINES) > 32:
            _ENTRY_LINES.pop(next(iter(_ENTRY_LINES)))
    return list(_ENTRY_LINES[found])


_ENTRY_LINES: dict[tuple[str, str], list[int]] = {}


def _entry_lines(text: str, key: str) -> list[int]:
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for key_node, value in root.value:
        if getattr(key_node, "value", None) == key and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def entry_where(lines: list[int], name: str, index: int) -> str:
    """Where an entry is, as a message names it: 'line 7 (targets[2])', or 'targets[2]' alone."""
    return f"line {lines[index]} ({name}[{index}])" if index < len(lines) else f"{name}[{index}]"


def _expanded_size(node, sizes: dict) -> int:
    """How many values a YAML node stands for once every alias in it is written out."""
    import yaml

    key = id(node)
    if key not in sizes:
        sizes[key] = 1  # a node inside itself (a recursive alias) counts once, never forever
        if isinstance(node, yaml.SequenceNode):
            sizes[key] = 1 + sum(_expanded_size(child, sizes) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            sizes[key] = 1 + sum(_expanded_size(k, sizes) + _expanded_size(v, sizes) for k, v in node.value)
    return sizes[key]


def csv_records(path: Path, text: str) -> list[list[str]]:
    """The rows of CSV text, or an InputError naming the file and line (never csv.Error)."""
    import csv
    import io

    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return list(reader)
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise InputError(
                path,
                f"line {reader.line_num}",
                f"a cell longer than {csv.field_size_limit():,} characters; expected values of ordinary length",
            ) from None
        raise InputError(path, f"line {reader.line_num}", f"not well-formed CSV ({error})") from None


def csv_frame(path: Path, text: str, records: list[list[str]] | None = None):
    """CSV text as a frame of strings, or an InputError naming the file and line. A row's index
    + 2 is its line in the file (header = line 1): blank lines are dropped but counted. A row
    shorter than the header is padded with blanks (its cells are then refused as missing); a row
    longer than the header is refused unless what overflows is empty (a trailing comma)."""
    import numpy as np
    import pandas as pd

    records = csv_records(path, text) if records is None else records
    if not records:
        raise InputError(path, "line 1", "no header row; expected a header row naming the columns")
    header = records[0]
    while header and not header[-1].strip():  # a trailing comma on the header: a column with no name
        header = header[:-1]
    width = len(header)
    body = records[1:]
    # Checked row by row in C (lengths, blanks); Python touches only the rows that need it.
    lengths = np.fromiter(map(len, body), dtype=np.int64, count=len(body))
    blank = np.fromiter((not text.strip() for text in map("".join, body)), dtype=bool, count=len(body))
    for position in np.flatnonzero((lengths > width) & ~blank):
        if any(cell.strip() for cell in body[position][width:]):
            raise InputError(
                path,
                f"line {position + 2}",
                f"{lengths[position]:,} fields, expected {width} as in the header "
                "(a misaligned row or a missing column name)",
            )
    uneven = set(np.flatnonzero(lengths != width).tolist())
    kept = np.flatnonzero(~blank)  # a blank line (or one of empty cells) is counted, not read
    rows = [(body[i] + [""] * (width - len(body[i])))[:width] if i in uneven else body[i] for i in kept.tolist()]
    index = kept.tolist()
    return (
        pd.DataFrame(rows, columns=header, index=index, dtype=str) if rows else pd.DataFrame(columns=header, dtype=str)
    )


def files_under(folder: Path) -> list[Path]:
    """Every file under a folder, sorted, walked without following links to folders (a link loop
    cannot hang it). A link to a folder or a link to nothing is refused, naming it: a file that
    cannot be read is never silently passed over."""
    import os

    found = []
    for top, folders, names in os.walk(folder, followlinks=False, onerror=_walk_error):
        for name in sorted(folders):
            if os.path.islink(os.path.join(top, name)):
                raise InputError(Path(top) / name, None, "a link to a folder; expected files and folders themselves")
        for name in names:
            path = Path(top) / name
            if path.is_symlink() and not path.exists():
                raise InputError(path, None, "a link to nothing (or a loop of links); expected a file")
            if not path.is_file():
                raise InputError(path, None, "not a regular file; expected a data file")
            found.append(path)
        folders.sort()
    return sorted(found)


def _walk_error(error: OSError):
    raise InputError(
        error.filename or "data",
        None,
        f"cannot be read ({error.strerror or type(error).__name__}); check that the folder exists and may be read",
    )
