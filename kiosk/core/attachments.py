"""Reading attachment files: size limits, and legible downscaling of large photos/scans."""

from __future__ import annotations

import hashlib
import io
import logging
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from kiosk.core.errors import InputError

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_APPLICATION_BYTES = 30 * 1024 * 1024
LONG_SIDE_PX = 2000  # keeps an A4 scan legible (≈ 240 dpi)
JPEG_QUALITY = 85


@dataclass(frozen=True)
class AttachmentInput:
    path: Path
    material: str = ""


@dataclass(frozen=True)
class PreparedFile:
    source: AttachmentInput
    content: bytes
    mime: str
    name: str
    original_sha256: str = ""  # of the file as chosen, before any downscaling


def rebind_refs(payload: dict[str, Any], files: list[PreparedFile]) -> dict[str, Any]:
    """File references in a payload (``{"name", "sha256", "size"}``) made from the files as
    chosen now point at what is actually stored (a downscaled photo has another hash)."""
    changed = {
        f.original_sha256: f
        for f in files
        if f.original_sha256 and f.original_sha256 != hashlib.sha256(f.content).hexdigest()
    }
    if not changed:
        return payload

    def fix(value: Any) -> Any:
        if isinstance(value, list):
            return [fix(v) for v in value]
        if isinstance(value, dict):
            f = changed.get(str(value.get("sha256", "")))
            if f is not None:
                return {
                    **value,
                    "sha256": hashlib.sha256(f.content).hexdigest(),
                    "size": len(f.content),
                    "name": f.name,
                }
            return {k: fix(v) for k, v in value.items()}
        return value

    return {k: fix(v) for k, v in payload.items()}


def shrink_image(content: bytes, mime: str) -> tuple[bytes, str]:
    """Photos larger than 2000 px on the long side become a 2000 px JPEG; others unchanged."""
    if not mime.startswith("image/"):
        return content, mime
    try:
        with Image.open(io.BytesIO(content)) as original:
            if max(original.size) <= LONG_SIDE_PX:
                return content, mime
            img: Image.Image = ImageOps.exif_transpose(original)
            img.thumbnail((LONG_SIDE_PX, LONG_SIDE_PX), Image.Resampling.LANCZOS)
            if img.mode not in ("RGB", "L"):
                img = img.convert("RGB")
            out = io.BytesIO()
            img.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    except (UnidentifiedImageError, OSError) as exc:
        raise InputError(
            "图片文件无法识别或已损坏，请重新扫描或拍照。", f"unreadable image: {exc}"
        ) from exc
    if out.tell() >= len(content):
        return content, mime
    return out.getvalue(), "image/jpeg"


def read_attachments(
    inputs: list[AttachmentInput] | tuple[AttachmentInput, ...],
    stored_bytes: int = 0,
    *,
    supplement: bool = False,
) -> list[PreparedFile]:
    """Read (and downscale) the chosen files; ``stored_bytes``: what the application already
    holds, counted against :data:`MAX_APPLICATION_BYTES` with them."""
    out: list[PreparedFile] = []
    total = 0
    for inp in inputs:
        try:
            content = inp.path.read_bytes()
        except OSError as exc:
            raise InputError(
                f"无法读取附件“{inp.path.name}”，请确认文件存在且未被占用。",
                f"cannot read attachment: {exc.strerror}",
            ) from exc
        mime = mimetypes.guess_type(inp.path.name)[0] or "application/octet-stream"
        original_sha = hashlib.sha256(content).hexdigest()
        content, mime = shrink_image(content, mime)
        name = inp.path.name
        if mime == "image/jpeg" and not name.lower().endswith((".jpg", ".jpeg")):
            name = f"{inp.path.stem}.jpg"
        if len(content) > MAX_FILE_BYTES:
            raise InputError(
                f"附件“{inp.path.name}”超过 {MAX_FILE_BYTES // 2**20} MB，"
                "请压缩或分页扫描后再导入。",
                f"attachment exceeds {MAX_FILE_BYTES} bytes",
            )
        total += len(content)
        check_total(stored_bytes, total, supplement=supplement)  # stop reading once over
        out.append(PreparedFile(inp, content, mime, name, original_sha))
    check_total(stored_bytes, total, supplement=supplement)  # also with no new files
    return out


def _size_text(n: int) -> str:
    return f"{n // 2**20} MB" if n % 2**20 == 0 else f"{n / 2**20:.1f} MB"


def check_total(stored: int, adding: int, *, supplement: bool = False) -> None:
    """All files of one application (``stored`` already, ``adding`` now) within
    :data:`MAX_APPLICATION_BYTES`; files are added one by one and by 补齐补正, so the limit is
    on the case, not on one call. Raises with what is allowed and what to do."""
    if stored + adding <= MAX_APPLICATION_BYTES:
        return
    text = f"一件申请的附件合计不能超过 {_size_text(MAX_APPLICATION_BYTES)}"
    if stored:
        left = MAX_APPLICATION_BYTES - stored
        text += f"：已添加 {_size_text(stored)}，" + (
            f"还可添加 {_size_text(left)}。" if left > 0 else "已达上限。"
        )
    else:
        text += "。"
    if supplement:
        text += "请把要补充的文件压缩（如用黑白或较低分辨率重新扫描）后再提交"
    else:
        text += "请把较大的文件压缩（如用黑白或较低分辨率重新扫描），或删去不需要的附件后再添加"
    text += "；纸质材料也可以随交接清单送乡镇。"
    if stored:
        text += "已添加的附件不受影响。"
    raise InputError(
        text,
        f"attachments of one application would total {stored + adding} bytes"
        f" ({stored} stored), over the limit of {MAX_APPLICATION_BYTES}",
    )
