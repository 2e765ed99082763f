"""Material names, forms and notes of the catalog in the UI's language (issue 14).

The catalog is Chinese data (it also goes onto paper and to the hub). The English UI shows a
material as "户口簿 (Household register)": the Chinese name stays, since it is what the
resident's paper says and what the agent compares it with, and the English follows in
brackets, on every page alike (the check step, the files, the review, the case view and the
terminal's guides). Forms (原件 → original) and notes are translated whole. A name, form or
note no translation knows (a newer catalog) is shown as the catalog has it, never guessed.
The shipped catalog's words are marked below for lupdate; the English is in
assets/translations/kiosk_en.ts (context "Materials"); tests/ui/test_material_words.py
checks that every one of them has it.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "Materials"


def material_name(name: str) -> str:
    """``户口簿`` in Chinese; ``户口簿 (Household register)`` in English when known."""
    english = QCoreApplication.translate(CONTEXT, name)
    return name if not name or english == name else f"{name} ({english})"


def material_word(text: str) -> str:
    """A material's form (原件, 复印件) or note, in the UI's language where known."""
    return QCoreApplication.translate(CONTEXT, text) if text else text


# the shipped catalog's names, forms and notes (assets/catalog/items/*.json)
SHIPPED = (
    QT_TRANSLATE_NOOP("Materials", "户口簿"),
    QT_TRANSLATE_NOOP("Materials", "农村宅基地和建房（规划许可）申请表"),
    QT_TRANSLATE_NOOP("Materials", "农村宅基地使用承诺书（全体家庭成员签字）"),
    QT_TRANSLATE_NOOP("Materials", "房屋建筑设计图或通用图"),
    QT_TRANSLATE_NOOP("Materials", "原宅基地退出协议"),
    QT_TRANSLATE_NOOP("Materials", "相邻权利人意见"),
    QT_TRANSLATE_NOOP("Materials", "居民身份证"),
    QT_TRANSLATE_NOOP("Materials", "经营场所使用证明（房产证明或租赁协议）"),
    QT_TRANSLATE_NOOP("Materials", "家庭成员身份证"),
    QT_TRANSLATE_NOOP("Materials", "个体工商户登记（备案）申请书（经营者签字）"),
    QT_TRANSLATE_NOOP("Materials", "家庭成员收入情况说明（申请人签字）"),
    QT_TRANSLATE_NOOP("Materials", "残疾人证"),
    QT_TRANSLATE_NOOP("Materials", "病历、诊断证明"),
    QT_TRANSLATE_NOOP("Materials", "家庭经济状况核对授权书（全体家庭成员签字）"),
    QT_TRANSLATE_NOOP("Materials", "低保申请书（申请人签字）"),
    QT_TRANSLATE_NOOP("Materials", "银行卡或社会保障卡"),
    QT_TRANSLATE_NOOP("Materials", "法定义务人无履行能力的证明材料"),
    QT_TRANSLATE_NOOP("Materials", "特困人员救助供养申请书（申请人签字）"),
    QT_TRANSLATE_NOOP("Materials", "医疗费用票据、诊断证明"),
    QT_TRANSLATE_NOOP("Materials", "事故、火灾等情况证明"),
    QT_TRANSLATE_NOOP("Materials", "临时救助申请书（申请人签字）"),
    QT_TRANSLATE_NOOP("Materials", "第二代残疾人证"),
    QT_TRANSLATE_NOOP("Materials", "低保、低保边缘等困难家庭证明"),
    QT_TRANSLATE_NOOP("Materials", "两项补贴申请审批表（申请人或监护人签字）"),
    QT_TRANSLATE_NOOP("Materials", "老人本人或代领人银行卡"),
    QT_TRANSLATE_NOOP("Materials", "代领人身份证"),
    QT_TRANSLATE_NOOP("Materials", "高龄津贴申请表（老人或代领人签字）"),
    QT_TRANSLATE_NOOP("Materials", "结婚证"),
    QT_TRANSLATE_NOOP("Materials", "子女死亡证明"),
    QT_TRANSLATE_NOOP("Materials", "奖励扶助对象确认申请表（申请人签字）"),
    QT_TRANSLATE_NOOP("Materials", "医疗费用发票"),
    QT_TRANSLATE_NOOP("Materials", "出院小结或诊断证明"),
    QT_TRANSLATE_NOOP("Materials", "医保结算单"),
    QT_TRANSLATE_NOOP("Materials", "家庭经济状况核对授权书"),
    QT_TRANSLATE_NOOP("Materials", "医疗救助申请表（申请人签字）"),
    QT_TRANSLATE_NOOP("Materials", "儿童户口簿"),
    QT_TRANSLATE_NOOP("Materials", "监护人居民身份证"),
    QT_TRANSLATE_NOOP("Materials", "父母死亡证明或宣告失踪的法律文书"),
    QT_TRANSLATE_NOOP("Materials", "基本生活费申请表（监护人签字）"),
    QT_TRANSLATE_NOOP("Materials", "父母重残、重病、服刑、失联等情况证明"),
    QT_TRANSLATE_NOOP("Materials", "逝者居民身份证或户口簿"),
    QT_TRANSLATE_NOOP("Materials", "火化证明"),
    QT_TRANSLATE_NOOP("Materials", "死亡医学证明或死亡证明"),
    QT_TRANSLATE_NOOP("Materials", "申请人居民身份证"),
    QT_TRANSLATE_NOOP("Materials", "惠民殡葬补助申请表（申请人签字）"),
    QT_TRANSLATE_NOOP("Materials", "困难身份证明（低保证、特困证等）"),
    QT_TRANSLATE_NOOP("Materials", "房屋现状照片"),
    QT_TRANSLATE_NOOP("Materials", "农村危房改造申请表（申请人签字）"),
    QT_TRANSLATE_NOOP("Materials", "居民身份证或营业执照"),
    QT_TRANSLATE_NOOP("Materials", "土地承包经营权证或土地流转合同"),
    QT_TRANSLATE_NOOP("Materials", "“一卡通”或银行卡"),
    QT_TRANSLATE_NOOP("Materials", "补贴面积申报表（申报人签字）"),
    QT_TRANSLATE_NOOP("Materials", "出生医学证明"),
    QT_TRANSLATE_NOOP("Materials", "父母双方居民身份证"),
    QT_TRANSLATE_NOOP("Materials", "落户地户口簿"),
    QT_TRANSLATE_NOOP("Materials", "父母结婚证"),
    QT_TRANSLATE_NOOP("Materials", "出生登记申报表（申报人签字）"),
    QT_TRANSLATE_NOOP("Materials", "居民身份证或户口簿"),
    QT_TRANSLATE_NOOP("Materials", "本人银行卡或社会保障卡（具有金融功能）"),
    QT_TRANSLATE_NOOP("Materials", "参保登记表（申请人签字）"),
    QT_TRANSLATE_NOOP("Materials", "社会保障卡或本人银行卡"),
    QT_TRANSLATE_NOOP("Materials", "待遇申领表（申请人签字）"),
    QT_TRANSLATE_NOOP("Materials", "有关部门出具的其他养老待遇情况说明"),
    QT_TRANSLATE_NOOP("Materials", "新生儿出生医学证明"),
    QT_TRANSLATE_NOOP("Materials", "居住证"),
    QT_TRANSLATE_NOOP("Materials", "资助参保身份证明（低保证、特困供养证、残疾人证等）"),
    QT_TRANSLATE_NOOP("Materials", "近期2寸免冠白底彩色照片"),
    QT_TRANSLATE_NOOP("Materials", "监护人身份证"),
    QT_TRANSLATE_NOOP("Materials", "残疾评定相关病历、诊断材料"),
    QT_TRANSLATE_NOOP("Materials", "残疾人证申请表（申请人或监护人签字）"),
    QT_TRANSLATE_NOOP("Materials", "夫妻双方居民身份证"),
    QT_TRANSLATE_NOOP("Materials", "生育登记信息表（申请人签字）"),
    QT_TRANSLATE_NOOP("Materials", "近期免冠彩色照片"),
    QT_TRANSLATE_NOOP("Materials", "劳动合同或单位就业证明"),
    QT_TRANSLATE_NOOP("Materials", "房屋产权证明或租赁合同"),
    QT_TRANSLATE_NOOP("Materials", "学校就读证明"),
    QT_TRANSLATE_NOOP("Materials", "居住证申领登记表（申请人签字）"),
    QT_TRANSLATE_NOOP("Materials", "原优待证"),
    QT_TRANSLATE_NOOP("Materials", "老年人优待证申请表（申请人签字）"),
    QT_TRANSLATE_NOOP("Materials", "解除或终止劳动合同证明"),
    QT_TRANSLATE_NOOP("Materials", "劳动合同或就业证明"),
    QT_TRANSLATE_NOOP("Materials", "就业失业登记表（申请人签字）"),
    QT_TRANSLATE_NOOP("Materials", "近期免冠白底彩色照片"),
    QT_TRANSLATE_NOOP("Materials", "社会保障卡申领表（申请人或监护人签字）"),
    QT_TRANSLATE_NOOP("Materials", "原社会保障卡"),
    QT_TRANSLATE_NOOP("Materials", "社会保障卡补换申请表（申请人签字）"),
    QT_TRANSLATE_NOOP("Materials", "退役证件（退伍证、转业证等）"),
    QT_TRANSLATE_NOOP("Materials", "优抚对象身份证明"),
    QT_TRANSLATE_NOOP("Materials", "优待证申领表（申请人签字）"),
    QT_TRANSLATE_NOOP("Materials", "社会保障卡或居民身份证"),
    QT_TRANSLATE_NOOP("Materials", "转诊证明"),
    QT_TRANSLATE_NOOP("Materials", "备案承诺书（申请人签字）"),
    QT_TRANSLATE_NOOP("Materials", "死亡证明（医学死亡证明、火化证明或户籍注销证明）"),
    QT_TRANSLATE_NOOP("Materials", "申领人居民身份证"),
    QT_TRANSLATE_NOOP("Materials", "申领人与逝者亲属关系证明（户口簿等）"),
    QT_TRANSLATE_NOOP("Materials", "继承人协商一致的声明（全体继承人签字）"),
    QT_TRANSLATE_NOOP("Materials", "待遇申领表（申领人签字）"),
    QT_TRANSLATE_NOOP("Materials", "原件"),
    QT_TRANSLATE_NOOP("Materials", "复印件"),
    QT_TRANSLATE_NOOP("Materials", "电子材料"),
    QT_TRANSLATE_NOOP("Materials", "核验户主页和本人页后退还"),
    QT_TRANSLATE_NOOP("Materials", "可选用县里提供的农房通用图集"),
    QT_TRANSLATE_NOOP("Materials", "四邻签字"),
    QT_TRANSLATE_NOOP("Materials", "代办点核验后当场退还，并拍照上传正反面"),
    QT_TRANSLATE_NOOP("Materials", "如实填写，隐瞒收入将被取消资格"),
    QT_TRANSLATE_NOOP("Materials", "授权民政部门查询存款、车辆、房产等信息"),
    QT_TRANSLATE_NOOP("Materials", "用于发放低保金"),
    QT_TRANSLATE_NOOP("Materials", "核验后退还，并拍照上传"),
    QT_TRANSLATE_NOOP("Materials", "用于按月发放津贴"),
    QT_TRANSLATE_NOOP("Materials", "有则提供"),
    QT_TRANSLATE_NOOP("Materials", "原件核验后退还"),
    QT_TRANSLATE_NOOP("Materials", "房屋正面、侧面及主要损坏部位"),
    QT_TRANSLATE_NOOP("Materials", "核验后退还"),
    QT_TRANSLATE_NOOP("Materials", "已婚的提供；非婚生育的按规定提供其他证明"),
    QT_TRANSLATE_NOOP("Materials", "核验后退回"),
    QT_TRANSLATE_NOOP("Materials", "用于代扣缴费"),
    QT_TRANSLATE_NOOP("Materials", "可在代办点签字板上签名代替"),
    QT_TRANSLATE_NOOP("Materials", "作为养老金发放账户"),
    QT_TRANSLATE_NOOP("Materials", "可在代办点用手机拍摄上传"),
    QT_TRANSLATE_NOOP("Materials", "有则提供，便于评定医生参考"),
    QT_TRANSLATE_NOOP("Materials", "可现场拍摄"),
    QT_TRANSLATE_NOOP("Materials", "长期居住人员可用承诺书代替居住证明"),
)
