"""Demo trainings for mothers (赋能培训), across the basic, advanced and special stages."""

from cms.demo.images import Picture
from cms.demo.specs import SessionSpec, bullets, callout, heading, image, para, quote

TRAININGS: list[dict] = [
    {
        "slug": "rumen-jiedui-guanai-diyike",
        "title": "爱心妈妈入门：结对关爱第一课",
        "stage": "basic",
        "topics": ["family-education", "communication"],
        "lecturers": ["王慧敏", "高瑞芳"],
        "county": None,
        "hours": 3,
        "required_sessions": 1,
        "session_plan": "alternatives",  # the same lesson three times: book one
        "summary": "刚刚加入的爱心妈妈必修课：结对关爱做什么、怎么做，第一次见孩子说些什么。",
        "cover": Picture("培训封面：结对关爱第一课", "hearts", "teal"),
        "body": [
            heading("这门课讲什么"),
            para(
                "全市两千八百多名爱心妈妈里，很多人是第一次和留守、困境儿童结对。"
                "这门课从“爱心妈妈是谁、做什么”讲起，帮助大家把一腔热情变成可以坚持的陪伴。",
                "课程结合“五优五强”的要求，介绍结对卡、结对台账怎么填，和监护人签订安全责任书时要注意什么。",
            ),
            bullets(
                "爱心妈妈的角色：不是替代父母，而是多一个可以信任的大人",
                "第一次见面：自我介绍、约定联系方式、记住孩子的生日",
                "结对台账：每次联系、走访后半小时内记下来",
            ),
            quote("培训让我学会了如何与结对儿童建立良好、信任的帮扶关系。", "一位新加入的爱心妈妈"),
            callout(
                "温馨提示", "请携带身份证，提前十分钟到场签到；本课各场内容相同，任选一场参加即可。"
            ),
        ],
        "sessions": [
            SessionSpec(
                6, "09:00", 3, "lishi/市妇女儿童活动中心", 60, "第一场（市区）", seats_taken=52
            ),
            SessionSpec(20, "14:30", 3, "xiaoyi/市妇联培训室", 40, "第二场（孝义）"),
            SessionSpec(48, "09:00", 3, "lishi/市妇女儿童活动中心", 60, "第三场（市区）"),
        ],
    },
    {
        "slug": "sanbiqing-sanbifang-ruhu-zoufang",
        "title": "三必清三必访：入户走访实务",
        "stage": "basic",
        "topics": ["home-visits", "family-education"],
        "lecturers": ["高瑞芳"],
        "county": "wenshui",
        "hours": 2.5,
        "required_sessions": 1,
        "summary": "家庭情况必清、学习情况必清、生活问题必清；家庭变故必访、生活困难必访、生日节日必访。",
        "cover": Picture("培训封面：入户走访实务", "book", "teal"),
        "body": [
            heading("为什么要“三必清三必访”"),
            para(
                "市妇联制定的“三必清三必访”制度，是爱心妈妈走访的基本功。"
                "这次培训由社工老师结合文水县分类结对的做法，讲清每次走访要看什么、问什么、记什么。"
            ),
            bullets(
                "走访前：和监护人约好时间，准备一份孩子喜欢的小礼物",
                "走访中：看住房和安全隐患，问学习和身体，听孩子自己说",
                "走访后：填写走访记录，遇到家庭变故及时向县妇联报告",
            ),
            quote(
                "我们按照孩子长期学习居住的地方分城区、乡镇结对，尽力实现分类施策。",
                "文水县妇联工作人员",
            ),
            callout("适合谁", "已经结对、准备第一次入户走访的爱心妈妈，以及各乡镇妇联执委。"),
        ],
        "sessions": [
            SessionSpec(9, "09:30", 2.5, "wenshui/县妇联培训室", 40, "上午场"),
            SessionSpec(9, "14:30", 2.5, "wenshui/县妇联培训室", 40, "下午场", seats_taken=38),
        ],
    },
    {
        "slug": "dudong-haizi-de-xin",
        "title": "读懂孩子的心：留守儿童心理与陪伴",
        "stage": "advanced",
        "topics": ["child-psychology", "mental-health"],
        "lecturers": ["刘静"],
        "county": None,
        "hours": 6,
        "required_sessions": 2,
        "summary": "两讲连续课程：认识留守儿童常见的情绪和行为，学会倾听、共情和在需要时求助专业人员。",
        "cover": Picture("培训封面：读懂孩子的心", "leaves", "lavender"),
        "body": [
            heading("课程安排"),
            para(
                "第一讲认识儿童心理：分离焦虑、孤独感、自卑和“报喜不报忧”。"
                "第二讲学习陪伴方法：怎样倾听不打断、怎样回应孩子的情绪、哪些信号说明需要转介心理老师。"
            ),
            image(
                Picture("培训插图：倾听与陪伴", "hearts", "lavender"), "用心倾听，是陪伴的第一步"
            ),
            para("两讲都参加才算完成本课程，完成后可在“我的培训记录”中查看。"),
            callout(
                "请注意", "课堂上会有小组练习，请带上纸笔；涉及孩子的案例请不要说出孩子的真实姓名。"
            ),
        ],
        "sessions": [
            SessionSpec(13, "09:00", 3, "lishi/市家庭教育指导服务中心", 50, "第一讲：认识儿童心理"),
            SessionSpec(20, "09:00", 3, "lishi/市家庭教育指导服务中心", 50, "第二讲：倾听与陪伴"),
            SessionSpec(34, "14:00", 3, "xiaoyi/市青少年活动中心", 45, "第一讲（孝义场）"),
            SessionSpec(41, "14:00", 3, "xiaoyi/市青少年活动中心", 45, "第二讲（孝义场）"),
        ],
    },
    {
        "slug": "haohao-shuohua-goutong-jiqiao",
        "title": "好好说话：与孩子和监护人的沟通技巧",
        "stage": "advanced",
        "topics": ["communication", "family-education"],
        "lecturers": ["王慧敏"],
        "county": "xingxian",
        "hours": 2,
        "required_sessions": 1,
        "summary": "孩子不愿开口、爷爷奶奶不放心怎么办？用情景演练练一练沟通的小方法。",
        "cover": Picture("培训封面：沟通技巧", "notes", "sky"),
        "body": [
            heading("情景演练"),
            para(
                "课堂设置三个常见情景：孩子沉默不说话、孩子在电话里哭、监护人担心“外人”打扰。"
                "爱心妈妈两人一组轮流扮演，讲师现场点评。"
            ),
            quote("先蹲下来，和孩子一样高，再开口。", "王慧敏"),
            callout("报名须知", "本场限兴县爱心妈妈报名，名额满后可登记候补。"),
        ],
        "sessions": [
            SessionSpec(16, "15:00", 2, "xingxian/县图书馆少儿阅览室", 30),
            SessionSpec(44, "15:00", 2, "xingxian/县图书馆少儿阅览室", 30),
        ],
    },
    {
        "slug": "fa-ban-tong-xing-weichengnianren-baohu",
        "title": "法伴“童”行：未成年人保护法律知识",
        "stage": "special",
        "topics": ["law"],
        "lecturers": ["张丽娟"],
        "county": None,
        "hours": 2,
        "required_sessions": 1,
        "summary": "法官妈妈讲未成年人保护法、家庭教育促进法，以及发现孩子权益受侵害时该找谁。",
        "cover": Picture("培训封面：法伴童行", "stars", "red"),
        "body": [
            heading("从一个案例说起"),
            para(
                "政法系统的爱心妈妈重点关注因婚姻家庭案件产生的困境儿童。"
                "法官从审判中遇到的真实情形（已隐去个人信息）讲起，介绍强制报告、监护干预等制度。"
            ),
            bullets(
                "未成年人保护法的“六大保护”", "家庭教育促进法对监护人的要求", "遇到侵害时的求助渠道"
            ),
            callout("专题课", "本课为专题培训，可计入年度赋能学时。"),
        ],
        "sessions": [
            SessionSpec(-12, "09:30", 2, "lishi/区妇联培训室", 40, "第一期"),
            SessionSpec(24, "09:30", 2, "lishi/区妇联培训室", 40, "第二期", seats_taken=25),
            SessionSpec(58, "09:30", 2, "linxian/县妇联培训室", 40, "第三期（临县）"),
        ],
    },
    {
        "slug": "shuqi-anquan-shouhu",
        "title": "暑期安全守护：防溺水、防诈骗与交通安全",
        "stage": "special",
        "topics": ["safety"],
        "lecturers": ["赵晓燕", "李雪"],
        "county": "liulin",
        "hours": 1.5,
        "required_sessions": 1,
        "summary": "警官妈妈和儿童保健医生讲假期最常见的安全风险，以及爱心妈妈可以提醒孩子的几件事。",
        "cover": Picture("培训封面：暑期安全守护", "waves", "sky"),
        "body": [
            heading("四个“不”"),
            bullets(
                "不私自下水游泳",
                "不擅自与同伴结伴游泳",
                "不在无家长带领的情况下游泳",
                "不到不熟悉的水域游泳",
            ),
            para("课程还会讲到电信诈骗的新花样和农村道路上的交通安全，以及溺水急救的正确做法。"),
            callout("场次调整", "原定第一场因场地检修取消，已报名的爱心妈妈请改报其他场次。"),
        ],
        "sessions": [
            SessionSpec(4, "15:00", 1.5, "liulin/青龙社区服务中心", 35, "第一场", cancelled=True),
            SessionSpec(11, "15:00", 1.5, "liulin/青龙社区服务中心", 35, "第二场", seats_taken=33),
            SessionSpec(30, "15:00", 1.5, "liulin/青龙社区服务中心", 35, "第三场"),
        ],
    },
    {
        "slug": "jiating-jiaoyu-cujinfa-yu-qinzi-guanxi",
        "title": "家庭教育促进法与亲子关系",
        "stage": "advanced",
        "topics": ["family-education", "law"],
        "lecturers": ["王慧敏", "张丽娟"],
        "county": "xiaoyi",
        "hours": 3,
        "required_sessions": 1,
        "summary": "把家庭教育作为赋能培训的重要内容：爱心妈妈如何帮助监护人“依法带娃”。",
        "cover": Picture("培训封面：家庭教育促进法", "book", "meadow"),
        "body": [
            heading("课程亮点"),
            para(
                "家庭教育讲师和法官同台授课：一位讲怎样建立亲子关系，一位讲法律对家庭教育的要求。"
                "课后发放《家庭教育指导手册》，方便爱心妈妈在走访时带给监护人。"
            ),
            quote("孩子的成长等不起，家庭教育要从现在开始。", "王慧敏"),
        ],
        "sessions": [
            SessionSpec(27, "09:00", 3, "xiaoyi/市妇联培训室", 50),
            SessionSpec(62, "09:00", 3, "xiaoyi/市妇联培训室", 50),
        ],
    },
]
