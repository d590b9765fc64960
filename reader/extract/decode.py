"""Bytes to text for pages whose encoding may be missing, wrong or broken."""

from __future__ import annotations

import codecs
import re

from reader.textutil import sniff_encoding, utf8_evidence

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.I)
# Labels that browsers treat as a superset (WHATWG encoding standard).
_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-sjis": "shift_jis",
}
_SNIFF_BYTES = 4096
_COMMON = ("cp1252", "gb18030", "shift_jis", "cp1251", "euc_kr", "big5")


_STRAY_BYTES = "newsreader-cp1252"


def _stray_bytes(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("cp1252", "replace"), error.end


codecs.register_error(_STRAY_BYTES, _stray_bytes)


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    name = _ALIASES.get(label.strip().lower(), label.strip().lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset a document declares in its first bytes (meta tag or XML declaration)."""
    head = data[:_SNIFF_BYTES]
    match = _XML_ENCODING.match(head.lstrip()) or _META_CHARSET.search(head)
    return _codec(match.group(1).decode("ascii", "ignore")) if match else None


def decode(data: bytes, header_charset: str | None = None) -> tuple[str, str]:
    """Decode page bytes; returns (text, encoding used).

    Order: byte-order mark; UTF-16/32 without one (markup's NUL bytes show it); strict UTF-8 (valid UTF-8 with non-ASCII bytes is never an accident,
    so it wins over a wrong label); UTF-8 with its stray bytes read as Windows-1252 when most of
    the non-ASCII text is valid UTF-8 (twice the stray sequences or more); the declared charset (HTTP header, then meta tag) if the bytes
    decode cleanly with it; charset detection; finally the declared or cp1252 with replacement.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), name
    wide = sniff_encoding(data)  # UTF-16/32 without a mark: NUL bytes are valid UTF-8 too
    if wide is not None:
        return data.decode(wide, errors="replace"), wide
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    good, bad = utf8_evidence(data)
    if good >= 2 * bad:
        # UTF-8 but for a few stray bytes: a page put together from parts saved in two
        # encodings ("große" in UTF-8, "für" in Latin-1); each stray byte is read as Windows-1252
        return data.decode("utf-8", errors=_STRAY_BYTES), "utf-8"
    declared = [c for c in (_codec(header_charset), declared_charset(data)) if c]
    for name in declared:
        if name in {"utf-8", "utf-16", "utf-16-le", "utf-16-be"}:
            continue  # already known not to fit (utf-16 labels on 8-bit pages are lies)
        try:
            return data.decode(name), name
        except (UnicodeDecodeError, LookupError):
            continue
    try:
        from charset_normalizer import from_bytes

        matches = list(from_bytes(data[:200_000]))
        if matches:
            best = matches[0]
            # ties are common on short Western text (cp1250/cp1252/cp1257 all 'fit'):
            # prefer the encoding the web uses most, as browsers do
            tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
            common = [m.encoding for m in tied if m.encoding in _COMMON]
            name = min(common, key=_COMMON.index) if common else best.encoding
            return data.decode(name, errors="replace"), name
    except Exception:  # detection is best effort; fall through to a lossy decode
        pass
    fallback = next((c for c in declared if not c.startswith("utf-16")), "utf-8")
    if fallback == "utf-8":
        # mostly UTF-8 with a few broken bytes: keep UTF-8, replace the broken bytes
        return data.decode("utf-8", errors="replace"), "utf-8"
    return data.decode(fallback, errors="replace"), fallback
