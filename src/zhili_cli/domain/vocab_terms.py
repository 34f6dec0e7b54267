"""Every controlled word of zhili, one table per category: code → (Chinese, English, aliases…).

The Chinese and English names are the words the tool prints (they match the message
catalogue, whose entries `<prefix>.<code>` are accepted too); the aliases are what
secretaries write in registers and on the command line. `zhili_cli.domain.vocab` parses.
"""

from __future__ import annotations

Table = dict[str, tuple[str, ...]]  # code → (zh, en, *aliases)

# Petition states (收集—议事—落实—反馈—监督).
PETITION_STATUS: Table = {
    "received": ("已收到", "received", "待受理", "新建", "已接收", "未处理", "收到"),
    "accepted": ("已受理", "accepted", "受理"),
    "on_agenda": ("已列入议程", "on agenda", "已上会", "待上会", "列入议程", "on-agenda"),
    "decided": ("已议定", "decided", "已决定", "已决议", "议定"),
    "in_progress": ("办理中", "in progress", "处理中", "进行中", "in-progress"),
    "done": ("已办结", "done", "办结", "已完成", "完成"),
    "verified": ("已验收", "verified", "已评价", "已回访", "验收"),
    "rejected": ("不予受理", "rejected", "已驳回", "驳回"),
    "merged": ("已合并", "merged", "合并"),
    "referred": ("已转办", "referred", "转办"),
}

# The five kinds of seed 004: 大 major, 难 difficult, 急 urgent, 小 minor, 私 private.
KIND: Table = {
    "major": ("大", "major", "大事", "大事项", "重大", "大类"),
    "difficult": ("难", "difficult", "难事", "难事项", "疑难", "难类"),
    "urgent": ("急", "urgent", "急事", "急事项", "紧急", "急类"),
    "minor": ("小", "minor", "小事", "小事项", "一般", "小类"),
    "private": ("私", "private", "私事", "私事项", "个人", "隐私", "私类"),
}

# Where petitions come from (seeds 000, 002, 004).
SOURCE: Table = {
    "mailbox": ("信箱", "mailbox", "居民信箱", "来信", "意见箱"),
    "visit": ("走访", "visit", "来访", "上门", "来访登记"),
    "patrol": ("巡查", "patrol", "日常巡查"),
    "online": ("线上", "online", "二维码", "qr", "微信", "小程序", "扫码", "网上"),
    "door_knocking": ("敲门日", "door-knocking", "doorknocking", "入户"),
    "appointment": ("我与书记有约", "appointment", "书记有约", "书记接待"),
    "grid": ("网格员", "grid worker", "grid", "网格", "网格巡查"),
    "hotline": ("热线", "hotline", "12345", "电话", "来电", "12345热线", "市民热线"),
}

# The three parties of the monthly meeting (and who takes responsibility for a petition).
PARTY: Table = {
    "residents_committee": ("居委会", "residents' committee", "社区居委会", "社区", "community"),
    "owners_committee": ("业委会", "owners' committee", "业主委员会", "committee"),
    "property": ("物业", "property company", "物业公司", "物业服务企业", "property_company"),
    # The third party of the joint meeting where there is no owners' committee (seed 003:
    # 社区居委会、物业企业负责人、居民代表).
    "owner_reps": ("业主代表", "owners' representatives", "居民代表", "owner-reps", "owner_representatives"),
    # The sub-district office: confirms a maintenance fund emergency (Order 165 art. 24).
    "subdistrict": ("街道", "sub-district", "街道办事处", "街道办", "sub-district office"),
}

ROLE: Table = {
    "chair": ("主任", "chair", "业委会主任"),
    "vice_chair": ("副主任", "vice-chair", "业委会副主任"),
    "member": ("委员", "member", "业委会委员", "委员会委员"),
    "residents_rep": ("居委会代表", "residents' committee rep", "社区代表", "社区居委会代表", "residents-rep"),
    "property_rep": ("物业代表", "property company rep", "物业公司代表", "物业经理", "property-rep"),
    "owner_rep": ("业主代表", "owner representative", "owner-rep"),
    "subdistrict_rep": ("街道代表", "sub-district rep", "街道办代表", "街道办事处代表", "subdistrict-rep"),
    "grid_worker": ("网格员", "grid worker", "网格长", "grid-worker"),
    "building_lead": ("楼道长", "building lead", "楼长", "单元长", "building-lead"),
}

# Bodies that approve, vote or confirm. The owners' assembly is `assembly` in the money area
# and `owners` in a motion's stages: see vocab.stage_body / vocab.approval_body.
BODY: Table = {
    "chair": ("业委会主任", "committee chair", "主任"),
    "committee": ("业委会", "owners' committee", "业委会会议", "业主委员会", "owners_committee"),
    "three_party": ("三方协同会议", "three-party meeting", "三方", "三方会议", "三方联席会议", "三方协同议事会",
                    "联席会议", "three-party"),
    "assembly": ("业主大会", "owners' assembly", "owners", "owners_assembly", "业主", "业主表决"),
    "residents_committee": ("社区居委会", "residents' committee", "居委会", "社区", "community"),
    "subdistrict": ("街道办事处", "sub-district office", "街道", "街道办"),
    "party": ("党组织", "party organisation", "党支部", "党组织先议", "先议"),
    "representatives": ("业主代表会议", "owner representatives' meeting", "业主代表", "reps"),
    "register": ("台账记载", "per the register", "台账"),
}

MEETING_KIND: Table = {
    "three_party": ("三方联席会议", "three-party meeting", "三方", "三方会议", "三方协同会议", "三方协同议事会",
                    "联席会议", "three-party"),
    "committee": ("业委会会议", "committee meeting", "业委会"),
    "party_pre": ("党组织先议", "party pre-deliberation", "先议", "党支部", "party-pre", "party"),
    "representatives": ("业主代表会议", "owner representatives' meeting", "业主代表", "reps"),
    "assembly": ("业主大会", "owners' assembly", "owners_assembly", "owners"),
}

# The matters of Civil Code art. 278.
MATTER: Table = {
    "rules": ("业主大会议事规则", "assembly rules", "议事规则"),
    "covenant": ("管理规约", "covenant"),
    "election": ("选举或更换业委会", "committee election", "选举", "选举业委会"),
    "manager": ("选聘或解聘物业", "property manager", "物业", "选聘物业"),
    "fund_use": ("使用维修资金", "using the maintenance fund"),
    "fund_raise": ("筹集维修资金", "raising the maintenance fund"),
    "rebuild": ("改建、重建建筑物", "rebuilding", "改建", "重建", "改建重建"),
    "change_use": ("改变共有部分用途或利用其从事经营", "changing the use of common parts", "改变共有部分用途",
                   "改变用途", "经营", "利用共有部分从事经营"),
    "other": ("其他重大事项", "other", "其他"),
}

VOTE_CLASS: Table = {
    "ordinary": ("普通事项", "ordinary matter", "普通", "一般", "一般事项"),
    # not 重大: art. 278 item 9 (其他重大事项) is decided by the ordinary majority
    "special": ("特别事项", "special matter", "特别", "特别表决", "双四分之三"),
}

MOTION_STATUS: Table = {
    "open": ("审议中", "in progress"),
    "carried": ("已通过", "carried", "通过"),
    "rejected": ("未通过", "rejected", "否决"),
    "withdrawn": ("已撤回", "withdrawn", "撤回"),
}

EXPENSE_STATUS: Table = {
    "requested": ("待审批", "requested", "申请中"),
    "approved": ("已审批", "approved", "已批准", "批准"),
    "paid": ("已支付", "paid", "支付"),
    "rejected": ("已否决", "rejected", "否决"),
    "cancelled": ("已撤销", "cancelled", "撤销", "canceled"),
}

FUND: Table = {
    "public_revenue": ("公共收益", "public revenue", "public"),
    "maintenance_fund": ("专项维修资金", "maintenance fund", "维修资金", "住宅专项维修资金", "maintenance"),
    "co_funded": ("共建资金", "co-funded", "共建", "多方共建", "共同出资", "cofunded"),
}

INCOME_SOURCE: Table = {
    "shop_rent": ("商铺租金", "shop rent", "租金", "场地租金", "场地租赁", "rent"),
    "parking": ("地面停车费", "ground parking", "停车费", "停车", "ground_parking"),
    "advertising": ("广告", "advertising", "广告收入", "广告费", "ads"),
    "other": ("其他", "other", "其他收入"),
}

# The emergencies of Order 165 art. 24 (the rules list which apply).
EMERGENCY: Table = {
    "lift_failure": ("电梯故障严重", "serious lift failure", "电梯故障", "电梯"),
    "fire_system_damage": ("消防设施损坏", "fire system damage", "消防"),
    "facade_falling": ("外墙墙面有脱落危险", "façade about to fall", "外墙脱落"),
    "wall_or_road_collapse": ("围墙、道路塌陷", "collapsed wall or road", "围墙道路塌陷", "塌陷"),
    "roof_or_wall_leak": ("屋面、外墙渗漏", "roof or outer-wall leak", "屋面外墙渗漏", "渗漏"),
    "drainage_failure": ("排水设施故障", "drainage failure", "排水"),
}

# A resident's satisfaction, 1–5 (the figure is what is stored).
SATISFACTION: Table = {
    "5": ("非常满意", "very satisfied", "5分", "5星", "五星"),
    "4": ("满意", "satisfied", "4分", "4星", "四星"),
    "3": ("基本满意", "fairly satisfied", "3分", "3星", "三星", "一般"),
    "2": ("不满意", "dissatisfied", "2分", "2星", "二星"),
    "1": ("非常不满意", "very dissatisfied", "1分", "1星", "一星"),
}

# A member's, a party's or an owner's choice on a vote.
CHOICE: Table = {
    "agree": ("同意", "agree", "赞成", "支持", "通过", "yes", "y", "for", "是", "√", "✓"),
    "oppose": ("反对", "oppose", "不同意", "不赞成", "disagree", "against", "no", "n", "否", "×"),
    "abstain": ("弃权", "abstain", "无意见", "abstention"),
}

# category → (table, message prefix of the printed names, what it is called in an error)
CATEGORIES: dict[str, tuple[Table, str | None]] = {
    "petition_status": (PETITION_STATUS, "status"),
    "kind": (KIND, "kind"),
    "source": (SOURCE, "source"),
    "party": (PARTY, "party"),
    "role": (ROLE, "role"),
    "body": (BODY, "body"),
    "meeting_kind": (MEETING_KIND, "meeting_kind"),
    "matter": (MATTER, "matter"),
    "vote_class": (VOTE_CLASS, "class"),
    "motion_status": (MOTION_STATUS, "motion_status"),
    "expense_status": (EXPENSE_STATUS, "expense.status"),
    "fund": (FUND, "fund"),
    "income_source": (INCOME_SOURCE, "source"),
    "emergency": (EMERGENCY, "emergency"),
    "satisfaction": (SATISFACTION, None),
    "choice": (CHOICE, "choice"),
}
