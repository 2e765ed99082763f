"""Fictional residents with valid 身份证号 (check digits right, birth date consistent)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from kiosk.demo import make_id_number

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余"
    "于杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = "秀英建国桂兰志强丽华玉梅明德淑珍永福海燕金凤文斌春生冬梅国华红霞𠮷䶮堃昇"
LEVELS = ["100", "300", "500", "800", "1000", "1500", "2000", "3000", "5000"]


def resident(rng: random.Random, n: int = 0) -> dict[str, Any]:
    birth = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(0, 60 * 365))
    seq = rng.randrange(1, 999)
    sex = "男" if seq % 2 else "女"
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2])))
    data: dict[str, Any] = {
        "name": name,
        "id_number": make_id_number("330106", birth, seq),
        "sex": sex,
        "birth_date": birth.isoformat(),
        "phone": f"139{rng.randrange(10**8):08d}",
        "address": f"西湖区示范村{rng.randrange(1, 300)}号（{n}）",
        "contribution_level": rng.choice(LEVELS),
        "has_other_pension": rng.random() < 0.2,
    }
    if data["has_other_pension"]:
        data["other_pension_note"] = "曾在外地参保"
    return data
