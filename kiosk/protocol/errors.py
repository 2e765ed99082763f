"""User-facing errors: a Chinese message for people, an English one for logs."""

from __future__ import annotations


class KioskError(Exception):
    """An error the user can act on. ``zh`` is shown, ``en`` is logged."""

    exit_code = 1

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en

    def one_line(self) -> str:
        return f"{self.zh} / {self.en}"


class InputError(KioskError):
    """Bad input from the user or a file: CLI exit code 2, nothing stored."""

    exit_code = 2


class ValidationFailed(InputError):
    """A form payload failed validation; ``field_errors`` maps field key → Chinese message."""

    def __init__(self, field_errors: dict[str, str]) -> None:
        fields = "、".join(field_errors)
        super().__init__(
            f"表单有 {len(field_errors)} 处需要修改（{fields}），请按提示更正后再提交。",
            f"form validation failed for fields: {', '.join(field_errors)}",
        )
        self.field_errors = field_errors


class NotFound(InputError):
    pass
