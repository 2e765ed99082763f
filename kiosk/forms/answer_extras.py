"""Answers that belong to the filing rather than to the item's form (issue 18):

* ``result_delivery``: how the result reaches the resident: 自取 at this station or at the township
  hall, or 邮寄 with recipient, phone and address (division picker + detail line);
* ``progress_notify``: whether the resident agrees to be told of progress by SMS, and the number.

Each is a small form of its own (the same field types, rules and checks as an item's form,
so the UI renders it with ``FormView`` and the hub validates it with the same engine);
``engine.validate`` takes them out of the answers, checks them here and puts the clean values
back. Both are personal data, stored encrypted with the rest of the answers.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from kiosk.forms.definition import FormDefinition
from kiosk.forms.divisions import DivisionTable

# not "delivery"/"notify": several items already ask their own "delivery" question
# (社保卡: 代办点领取 / 邮寄到家), and the filing's choice must not overwrite it
DELIVERY, NOTIFY = "result_delivery", "progress_notify"
KEYS = (DELIVERY, NOTIFY)
PICKUP_STATION, PICKUP_TOWNSHIP, POST = "自取（本代办点）", "自取（乡镇便民服务中心）", "邮寄"
_POST_ONLY = {"field": "method", "eq": POST}

DELIVERY_FORM: dict[str, Any] = {
    "version": 1,
    "fields": [
        {
            "key": "method",
            "type": "select",
            "label": "结果领取方式",
            "required": True,
            "options": [PICKUP_STATION, PICKUP_TOWNSHIP, POST],
            "default": PICKUP_STATION,
        },
        {
            "key": "recipient",
            "type": "text",
            "label": "收件人",
            "personal": True,
            "max_length": 30,
            "visible_if": _POST_ONLY,
            "required_if": _POST_ONLY,
        },
        {
            "key": "phone",
            "type": "mobile",
            "label": "收件人电话",
            "personal": True,
            "visible_if": _POST_ONLY,
            "required_if": _POST_ONLY,
        },
        {
            "key": "address",
            "type": "address",
            "label": "邮寄地址",
            "personal": True,
            "level": "village",
            "visible_if": _POST_ONLY,
            "required_if": _POST_ONLY,
        },
    ],
}

NOTIFY_FORM: dict[str, Any] = {
    "version": 1,
    "fields": [
        {
            "key": "consent",
            "type": "yesno",
            "label": "居民同意接收办理进度短信",
            "default": False,
        },
        {
            "key": "phone",
            "type": "mobile",
            "label": "接收短信的手机号",
            "personal": True,
            "visible_if": {"field": "consent", "eq": True},
            "required_if": {"field": "consent", "eq": True},
        },
    ],
}

_FORMS = {DELIVERY: DELIVERY_FORM, NOTIFY: NOTIFY_FORM}


def extra_form(key: str, divisions: DivisionTable | None = None) -> FormDefinition:
    return FormDefinition.from_json(_FORMS[key], divisions)


def split(
    data: Mapping[str, Any], form_keys: Collection[str] = ()
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the item's answers, the extras) of one application's answers. A key the item's form
    defines itself (some items ask 领卡方式 as their own ``delivery``) stays the item's."""
    extra_keys = [k for k in KEYS if k not in form_keys]
    own = {k: v for k, v in data.items() if k not in extra_keys}
    extras = {k: data[k] for k in extra_keys if k in data and data[k] is not None}
    return own, extras
