"""The catalog's fixed vocabularies: item types (事项类型), subjects, the browse order of
themes and life events, the levels of government."""

from __future__ import annotations

ITEM_TYPES = {
    "01": "行政许可",
    "02": "行政处罚",
    "03": "行政强制",
    "04": "行政征收",
    "05": "行政给付",
    "06": "行政检查",
    "07": "行政确认",
    "08": "行政奖励",
    "09": "行政裁决",
    "10": "其他行政权力",
    "20": "公共服务",
}
SUBJECTS = ("个人", "法人")
# Browse order of themes and life events (others sort after these, by name).
THEMES = (
    "社会保障",
    "社会救助",
    "医疗卫生",
    "婚育收养",
    "户籍证件",
    "就业创业",
    "老年人服务",
    "残疾人服务",
    "住房",
    "农业农村",
    "退役军人",
    "殡葬服务",
    "市场主体",
)
LIFE_EVENTS = (
    "出生",
    "上学",
    "就业",
    "结婚",
    "生育",
    "迁居",
    "生病",
    "残疾",
    "困难",
    "退休",
    "养老",
    "建房",
    "务农",
    "开店",
    "退役",
    "身后事",
)
LEVELS_ZH = {
    "village": "村（社区）",
    "township": "乡镇（街道）",
    "county": "县（市、区）",
    "city": "设区市",
    "province": "省",
}
