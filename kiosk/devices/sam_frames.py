"""Frames of the SAM protocol spoken by second-generation ID-card readers (GA 467).

Every frame starts ``AA AA AA 96 69``, then a two-byte big-endian length counting the bytes
after it, the body and a one-byte XOR checksum over the length and the body. A command's
body is ``CMD PARA [data]``; an answer's is ``SW1 SW2 SW3 [data]``, SW3 the status.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce

PREAMBLE = bytes.fromhex("AAAAAA9669")

# commands (CMD, PARA)
RESET_SAM = (0x10, 0xFF)
SAM_STATUS = (0x11, 0xFF)
SAM_ID = (0x12, 0xFF)
FIND_CARD = (0x20, 0x01)
SELECT_CARD = (0x20, 0x02)
READ_BASE = (0x30, 0x01)

# SW3 status codes
OK = 0x90
FOUND = 0x9F
NO_CARD = 0x80
SELECT_FAILED = 0x81
READ_FAILED = 0x41
BAD_CHECKSUM = 0x10
BAD_LENGTH = 0x11
BAD_COMMAND = 0x21
SAM_FAULT = 0x60

STATUS_TEXT = {
    OK: "成功",
    FOUND: "找到证件",
    NO_CARD: "没有找到证件",
    SELECT_FAILED: "选卡失败",
    READ_FAILED: "读卡失败",
    BAD_CHECKSUM: "命令校验和错误",
    BAD_LENGTH: "命令长度错误",
    BAD_COMMAND: "命令无法识别",
    0x23: "越权操作",
    0x24: "无法识别的错误",
    0x31: "证件认证 SAM 失败",
    0x32: "SAM 认证证件失败",
    0x33: "信息验证错误",
    0x40: "无法识别的卡类型",
    SAM_FAULT: "SAM 自检失败",
    0x66: "SAM 未经授权",
}


def xor(data: bytes) -> int:
    return reduce(lambda a, b: a ^ b, data, 0)


def _frame(body: bytes) -> bytes:
    length = (len(body) + 1).to_bytes(2, "big")
    return PREAMBLE + length + body + bytes([xor(length + body)])


def command(cmd: tuple[int, int], data: bytes = b"") -> bytes:
    return _frame(bytes(cmd) + data)


def answer(sw3: int, data: bytes = b"") -> bytes:
    return _frame(bytes([0x00, 0x00, sw3]) + data)


class FrameError(Exception):
    """A frame that is not one (bad checksum or length): the line is noisy, ask again."""


@dataclass(frozen=True)
class Frame:
    body: bytes  # between the length and the checksum

    @property
    def status(self) -> int:  # SW3 of an answer
        return self.body[2]

    @property
    def data(self) -> bytes:  # an answer's data after SW1-3
        return self.body[3:]

    @property
    def cmd(self) -> tuple[int, int]:  # a command's CMD PARA
        return self.body[0], self.body[1]


def parse(length_and_rest: bytes) -> Frame:
    """A frame from the bytes after the preamble (length, body, checksum)."""
    if len(length_and_rest) < 3:
        raise FrameError("frame too short")
    n = int.from_bytes(length_and_rest[:2], "big")
    if len(length_and_rest) != n + 2:
        raise FrameError(f"frame says {n} bytes, has {len(length_and_rest) - 2}")
    if xor(length_and_rest[:-1]) != length_and_rest[-1]:
        raise FrameError("bad checksum")
    return Frame(length_and_rest[2:-1])


def read_base_data(text: bytes, photo: bytes) -> bytes:
    """The data of a READ_BASE answer: text length, photo length, text, photo."""
    return len(text).to_bytes(2, "big") + len(photo).to_bytes(2, "big") + text + photo


def split_base_data(data: bytes) -> tuple[bytes, bytes]:
    if len(data) < 4:
        raise FrameError("read answer without lengths")
    tlen, plen = int.from_bytes(data[:2], "big"), int.from_bytes(data[2:4], "big")
    if len(data) != 4 + tlen + plen:
        raise FrameError("read answer lengths do not add up")
    return data[4 : 4 + tlen], data[4 + tlen :]


def wire_seconds(nbytes: int, baudrate: int) -> float:
    """How long ``nbytes`` take on a serial line (8N1: ten bits a byte)."""
    return nbytes * 10 / baudrate
