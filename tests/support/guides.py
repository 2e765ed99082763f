"""A long synthetic guide (every section, long texts, 生僻字) for print tests and the bench.

The catalog's real guides are short; printing must still paginate a long one cleanly.
"""

from __future__ import annotations

from typing import Any

from kiosk.print.guide import GuideData


def long_guide_dict(n_materials: int = 40, n_faq: int = 25) -> dict[str, Any]:
    return {
        "conditions": [
            f"第{i}项受理条件：申请人应当符合本事项规定的条件，"
            "在本县（市、区）有户籍或者居住证，且未在其他地区重复申请同类待遇。" * 2
            for i in range(1, 13)
        ],
        "materials": [
            {
                "name": f"申请材料第{i}项（含户口簿首页及本人页）",
                "form": "原件" if i % 2 else "复印件",
                "count": 1 + i % 3,
                "required": i % 4 != 0,
                "note": "核验后退回" if i % 2 else "需本人签字确认",
                **({"condition": "申请人委托他人办理的"} if i % 5 == 0 else {}),
                **({"sample": "见附件样表（村代办点可提供）"} if i % 7 == 0 else {}),
            }
            for i in range(1, n_materials + 1)
        ],
        "steps": [
            "代办点收件并核验材料",
            {"name": "乡镇受理", "description": "乡镇（街道）便民服务中心审核材料", "days": 2},
            {"name": "县级审批", "description": "县主管部门审批并出具结果", "days": 3},
            "办结并告知申请人，结果可由代办员领回",
        ],
        "fee": "不收费",
        "basis": [
            f"《示例法规第{i}号》第{i * 3}条：有关部门应当为群众提供便捷服务，"
            "依法保护个人隐私和个人信息安全。"
            for i in range(1, 9)
        ],
        "place": "村（社区）代办点；乡镇（街道）便民服务中心综合窗口",
        "hours": "工作日 上午8:30-12:00 下午14:00-17:30（法定节假日除外）",
        "phone": "0571-0000-1234（示例号码）",
        "complaint_phone": "12345",
        "faq": [
            {
                "q": f"第{i}个常见问题：家里老人行动不便，能否由子女代为办理？",
                "a": "可以。由本人签署代办委托书，子女携带双方身份证件到村代办点办理，"
                "代办员会核验材料并帮助提交；办理进度可凭回执上的查询密码查询。" * (1 + i % 3),
            }
            for i in range(1, n_faq + 1)
        ],
        "future_section_nobody_knows": ["printing must skip this gracefully"],
    }


def long_guide(**kw: Any) -> GuideData:
    return GuideData(
        code="330000-20-9999",
        name="城乡居民最低生活保障待遇申请（含𠮷䶮等生僻字姓名示例的超长指南）",
        item_type="05",
        department="县民政局",
        promised_days=15,
        legal_days=30,
        case_kind="承诺件",
        star_level=4,
        fee_fen=0,
        delivery=("窗口领取", "代办员领回", "快递送达"),
        proxy_allowed=True,
        accepting_level="village",
        subject="个人",
        guide=long_guide_dict(**kw),
    )
