"""The federation's spreadsheet layout: column headers and the Chinese words of each choice.

Headers and values are data, the federation's own words, so they are written here in
Chinese (not translated messages). A header is matched after Unicode normalisation
(``（`` equals ``(``) and without spaces; a choice accepts its Chinese words below or the
stored value."""

import unicodedata

from people.models import Child, Sector

# Children (儿童台账).
# The federation's files are in Chinese whatever the language of the page that makes them.
LANGUAGE = "zh-hans"

NAME = "姓名"
GENDER = "性别"
DATE_OF_BIRTH = "出生日期"
ID_NUMBER = "身份证号"
COUNTY = "县（市、区）"
TOWNSHIP = "乡镇（街道）"
ADDRESS = "家庭住址"
CATEGORY = "类别"
SCHOOL_STAGE = "学段"
GUARDIAN_NAME = "监护人姓名"
GUARDIAN_PHONE = "监护人电话"
RELATIONSHIP = "与儿童关系"
NEEDS = "需求"
SPECIAL_NEEDS = "特殊情况"
# Mothers (爱心妈妈台账).
PHONE = "手机号"
WORKPLACE = "工作单位"
SECTOR = "行业/系统"
MAX_CHILDREN = "可结对人数"
# Pairs (结对台账).
MOTHER_PHONE = "爱心妈妈手机号"
MOTHER_NAME = "爱心妈妈姓名"
CHILD_NAME = "儿童姓名"
CHILD_DATE_OF_BIRTH = "儿童出生日期"
CHILD_ID_NUMBER = "儿童身份证号"
STARTED_ON = "结对日期"
# Exports only.
PAIRED = "是否结对"
STATUS = "状态"
ENDED_ON = "结束日期"
END_REASON = "结束原因"
AGREEMENT = "安全责任书"
# The visits' ledger (走访台账).
VISITED_ON = "走访日期"
VISIT_KIND = "走访方式"
FESTIVAL = "节日"
WHAT_WAS_DONE = "走访内容"
NEEDS_NOTICED = "发现的需求"
FOLLOW_UP = "需跟进事项"

# The hidden column that carries each row's number in the sheet (the header is row 1).
ROW_NUMBER = "__row__"

GENDERS = {Child.Gender.BOY: ["男"], Child.Gender.GIRL: ["女"]}
CATEGORIES = {
    Child.Category.LEFT_BEHIND: ["留守儿童", "留守"],
    Child.Category.IN_DIFFICULTY: ["困境儿童", "困境"],
    Child.Category.DE_FACTO_UNSUPPORTED: ["事实无人抚养儿童", "事实无人抚养"],
    Child.Category.SCATTERED_ORPHAN: ["散居孤儿", "孤儿"],
    Child.Category.DISABLED: ["残疾儿童", "残疾"],
}
SCHOOL_STAGES = {
    Child.SchoolStage.PRESCHOOL: ["学前", "幼儿园", "学龄前"],
    Child.SchoolStage.PRIMARY: ["小学"],
    Child.SchoolStage.JUNIOR: ["初中"],
    Child.SchoolStage.SENIOR: ["高中"],
    Child.SchoolStage.VOCATIONAL: ["中职", "职高", "中专", "技校"],
    Child.SchoolStage.NOT_IN_SCHOOL: ["未在学", "不在学", "未入学", "辍学"],
}
RELATIONSHIPS = {
    Child.Relationship.MOTHER: ["母亲", "母女", "母子"],
    Child.Relationship.FATHER: ["父亲", "父女", "父子"],
    Child.Relationship.GRANDPARENT: ["祖父母", "外祖父母", "爷爷", "奶奶", "外公", "外婆", "祖孙"],
    Child.Relationship.RELATIVE: ["其他亲属", "亲属", "叔叔", "姑姑", "舅舅", "姨妈"],
    Child.Relationship.OTHER: ["其他", "其他监护人"],
}
SECTORS = {
    Sector.EDUCATION: ["教育", "教育系统"],
    Sector.COURT: ["法院", "法院系统"],
    Sector.PROCURATORATE: ["检察院", "检察系统"],
    Sector.POLICE: ["公安", "公安系统"],
    Sector.HEALTH: ["卫健", "卫生", "卫健系统"],
    Sector.CIVIL_AFFAIRS: ["民政", "民政系统"],
    Sector.WOMENS_FEDERATION: ["妇联", "妇联系统"],
    Sector.DISABILITY: ["残联"],
    Sector.ENTERPRISE: ["企业", "企业家"],
    Sector.COMMUNITY: ["爱心人士", "社会爱心人士"],
    Sector.OTHER: ["其他"],
}


def normalise(text: object) -> str:
    """A header or a word as compared: NFKC (full-width brackets become ASCII ones),
    without spaces."""
    return "".join(unicodedata.normalize("NFKC", str(text or "")).split())


def word_of(choices: dict, value: str) -> str:
    """The first Chinese word of ``value`` (what exports and templates write)."""
    return choices[value][0] if value in choices else ""
