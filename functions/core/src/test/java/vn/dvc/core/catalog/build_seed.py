#!/usr/bin/env python3
"""Builds functions/core/src/main/resources/data/procedures/procedures.json from data/procedures/catalog.json
(22 scraped national-portal records) plus the cited facts of data/procedures/SOURCES.md section 2 and three
commune-level civil-status procedures. Run from the repository root:  python3 functions/core/src/test/java/vn/dvc/core/catalog/build_seed.py
Kept next to the tests (not in resources) so it never ships in a Lambda jar. Every value it writes cites a source."""
import json, re, unicodedata, collections

CATALOG = "data/procedures/catalog.json"
OUT = "functions/core/src/main/resources/data/procedures/procedures.json"
SCRAPE = "Cổng Dịch vụ công quốc gia, bản ghi thủ tục {code} (bản scrape trong ttrungtin2910/ai-thuc-chien-2025@acccaaca7c521d66607802ada97f97d2f614fee2, {file}; đọc qua data/procedures/catalog.json)"
TYPES = ["application/pdf", "image/jpeg", "image/png"]
MAX_BYTES = 10 * 1024 * 1024
TT75 = "Thông tư 75/2022/TT-BTC (hiệu lực 05/02/2023)"
TT75_SRC = "https://pbgdpl.quangninh.gov.vn/thong-tu-so-75-2022-tt-btc-quy-dinh-muc-thu-che-do-thu-nop-va-quan-ly-le-phi-dang-ky-cu-tru/ (bảng mức thu); data/procedures/SOURCES.md mục 2"
HO_TICH = "Luật Hộ tịch 60/2014/QH13"
ND123 = "Nghị định 123/2015/NĐ-CP (đã được sửa đổi, bổ sung)"

EN_NAMES = {
    "1.004222": "Permanent residence registration",
    "1.004194": "Temporary residence registration",
    "1.002755": "Extension of temporary residence",
    "1.010028": "Deregistration of temporary residence",
    "1.003677": "Declaration of temporary absence",
    "2.001159": "Notification of stay",
    "2.001195": "Exchange of identity card (provincial level)",
    "2.001194": "Re-issue of identity card (provincial level)",
    "2.000200": "Issue of identity card to persons aged 14 and over (provincial level)",
    "2.001178": "Confirmation of the 9-digit ID number and personal identification number (provincial level)",
    "1.000889": "Exchange of identity card (central level)",
    "1.000757": "Re-issue of identity card (central level)",
    "1.001247": "Issue of identity card to persons aged 14 and over (central level)",
    "1.000466": "Confirmation of the 9-digit ID number and personal identification number (central level)",
    "1.001456": "Issue of an ordinary passport in Vietnam (provincial level)",
    "1.001471": "Issue of an ordinary passport in Vietnam (central level)",
    "1.010386": "Report of a lost ordinary passport (commune level)",
    "1.001445": "Report of a lost ordinary passport (provincial level)",
    "2.000539": "Report of a lost ordinary passport (central level)",
    "1.010385": "Report of a lost ordinary passport (district level)",
    "1.010384": "Restoration of an ordinary passport's validity (provincial level)",
    "1.010382": "Restoration of an ordinary passport's validity (central level)",
}

# Component English labels by Vietnamese prefix; the Vietnamese name stays authoritative.
EN_COMPONENT = [
    ("tờ khai thay đổi thông tin cư trú", "Residence information change form (CT01)"),
    ("trường hợp người việt nam định cư ở nước ngoài", "Residence information change form for overseas Vietnamese (CT02)"),
    ("giấy tờ, tài liệu chứng minh việc sở hữu chỗ ở", "Proof of ownership of the lawful residence"),
    ("giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", "Proof of lawful residence"),
    ("giấy tờ, tài liệu chứng minh thuộc một trong các trường hợp xóa", "Proof of a ground for deregistration"),
    ("giấy tờ, tài liệu chứng minh là chức sắc", "Proof of religious office"),
    ("văn bản xác nhận của ủy ban nhân dân cấp xã", "Confirmation by the commune People's Committee"),
    ("văn bản đề nghị của người đứng đầu cơ sở trợ giúp", "Request by the head of the social assistance facility"),
    ("giấy tờ, tài liệu xác nhận về việc chăm sóc", "Proof of care, nurture or assistance"),
    ("giấy chứng nhận đăng ký phương tiện", "Vehicle registration and safety certificates"),
    ("đối với công an nhân dân", "Introduction letter of the People's Public Security unit"),
    ("đối với quân đội nhân dân", "Introduction letter of the People's Army unit (regiment level or above)"),
    ("văn bản đề nghị đăng ký tạm trú", "Written request for temporary residence registration, with the list of people"),
    ("văn bản đề nghị gia hạn tạm trú", "Written request for extension of temporary residence, with the list of people"),
    ("đề nghị khai báo tạm vắng", "Request to declare temporary absence"),
    ("văn bản đồng ý của cơ quan có thẩm quyền giám sát", "Consent of the supervising authority"),
    ("nội dung khai báo tạm vắng", "Temporary absence declaration content"),
    ("phiếu thu nhận thông tin căn cước", "Identity information collection slip (CC01)"),
    ("phiếu đề nghị giải quyết thủ tục về căn cước", "Request slip for identity procedures (DC02)"),
    ("phiếu thu thập thông tin dân cư", "Population information collection slip (DC01)"),
    ("giấy tờ pháp lý chứa thông tin công dân", "Legal document containing the citizen's information"),
    ("giấy tờ, tài liệu có giá trị pháp lý chứng minh là người đại diện", "Proof of legal representation of a child under 14"),
    ("giấy chứng minh nhân dân 09 số", "9-digit ID card (if any)"),
    ("tờ khai đề nghị cấp hộ chiếu", "Passport application form (TK01/TK01a)"),
    ("01 tờ khai đề nghị cấp hộ chiếu", "Passport application form (TK01)"),
    ("ảnh mới chụp", "Recent 4x6 cm photo"),
    ("02 ảnh mới chụp", "Two recent 4x6 cm photos"),
    ("hộ chiếu phổ thông cấp lần gần nhất", "Most recently issued ordinary passport"),
    ("bản sao giấy khai sinh", "Copy of the birth certificate or birth extract"),
    ("bản sao giấy tờ do cơ quan có thẩm quyền", "Copy of the document proving legal representation"),
    ("bản chụp có chứng thực giấy tờ", "Certified copy of the document proving legal representation"),
    ("bản chụp chứng minh nhân dân hoặc thẻ căn cước", "Copy of the ID card (when personal details changed)"),
    ("giấy giới thiệu hoặc đề nghị của bệnh viện", "Hospital referral for treatment abroad"),
    ("giấy tờ xác định thân nhân", "Proof that a relative abroad had an accident, illness or died"),
    ("văn bản đề nghị của cơ quan trực tiếp quản lý", "Request of the managing agency for officials and service members"),
    ("tài liệu chứng minh đối với các trường hợp vì lý do nhân đạo", "Proof of other humanitarian or urgent grounds"),
    ("01 đơn trình báo mất hộ chiếu", "Lost passport report (TK05)"),
    ("đơn trình báo mất hộ chiếu", "Lost passport report (TK05)"),
    ("tờ khai đề nghị khôi phục giá trị", "Passport validity restoration form (TK04)"),
    ("hộ chiếu phổ thông còn nguyên vẹn", "Intact ordinary passport with a valid foreign visa"),
]

# Components that a national database can replace, matched on the record's own words.
ID_CARD_COPY = re.compile(r"^Bản chụp Chứng minh nhân dân hoặc Thẻ căn cước công dân")
SECTOR_DB = re.compile(r"(Trừ|trừ) trường hợp thông tin chứng minh .{0,80}đã có trong (c|C)ơ sở dữ liệu")


def slug(text, words=6):
    t = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    t = "".join(ch for ch in t if unicodedata.category(ch) != "Mn").lower()
    parts = [p for p in re.split(r"[^a-z0-9]+", t) if p]
    while parts and parts[0].isdigit():  # "01 đơn ..." -> "don-..."
        parts = parts[1:]
    return "-".join(parts[:words])[:60].strip("-")


def en_component(name):
    low = name.lower()
    best = None
    for prefix, en in EN_COMPONENT:
        if low.startswith(prefix) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, en)
    return best[1] if best else "Supporting document (see the Vietnamese name)"


def lt(vi, en):
    return {"vi": vi, "en": en}


def applicant_schema():
    return {
        "type": "object",
        "required": ["fullName", "personalId", "dateOfBirth", "phone"],
        "additionalProperties": False,
        "properties": {
            "fullName": {"type": "string", "minLength": 1, "maxLength": 100, "title": "Họ, chữ đệm và tên"},
            "personalId": {"type": "string", "pattern": "^[0-9]{12}$", "title": "Số định danh cá nhân"},
            "dateOfBirth": {"type": "string", "format": "date", "title": "Ngày sinh"},
            "phone": {"type": "string", "pattern": "^(0|\\+84)[0-9]{9,10}$", "title": "Số điện thoại"},
            "email": {"type": "string", "format": "email", "maxLength": 254, "title": "Thư điện tử"},
            "address": address_schema("Nơi cư trú"),
            "categories": {"type": "array", "uniqueItems": True, "items": {"type": "string", "pattern": "^[A-Z_]{2,40}$"},
                           "title": "Đối tượng được miễn, giảm (nếu có)"},
        },
    }


def address_schema(title):
    return {"type": "object", "title": title, "required": ["provinceCode", "communeCode", "detail"],
            "additionalProperties": False,
            "properties": {"provinceCode": {"type": "string", "pattern": "^[0-9]{2}$"},
                           "communeCode": {"type": "string", "pattern": "^[0-9]{5}$"},
                           "detail": {"type": "string", "minLength": 1, "maxLength": 200}}}


def person_schema(title, required=("fullName",)):
    return {"type": "object", "title": title, "required": list(required), "additionalProperties": False,
            "properties": {"fullName": {"type": "string", "minLength": 1, "maxLength": 100},
                           "personalId": {"type": "string", "pattern": "^[0-9]{12}$"},
                           "dateOfBirth": {"type": "string", "format": "date"}}}


def form(specific, required):
    props = {"applicant": applicant_schema()}
    props.update(specific)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
            "required": ["applicant"] + required, "additionalProperties": False, "properties": props}


DATE = {"type": "string", "format": "date"}
PASSPORT_NO = {"type": "string", "pattern": "^[A-Z][0-9]{7,8}$", "title": "Số hộ chiếu"}


def specific_form(code, name):
    if code == "1.004222":
        return form({"newResidence": address_schema("Chỗ ở đăng ký thường trú")}, ["newResidence"])
    if code == "1.004194":
        return form({"residence": address_schema("Chỗ ở đăng ký tạm trú"), "until": DATE}, ["residence", "until"])
    if code == "1.002755":
        return form({"residence": address_schema("Chỗ ở tạm trú"), "extendUntil": DATE}, ["residence", "extendUntil"])
    if code == "1.010028":
        return form({"residence": address_schema("Chỗ ở tạm trú"), "reason": {"type": "string", "maxLength": 500}}, ["residence", "reason"])
    if code == "1.003677":
        return form({"absentFrom": DATE, "absentTo": DATE, "destination": {"type": "string", "maxLength": 200},
                     "reason": {"type": "string", "maxLength": 500}}, ["absentFrom", "destination", "reason"])
    if code == "2.001159":
        return form({"stayAddress": address_schema("Nơi lưu trú"), "stayFrom": DATE, "stayTo": DATE}, ["stayAddress", "stayFrom"])
    if "xác nhận số chứng minh" in name:
        return form({"oldIdNumber": {"type": "string", "pattern": "^[0-9]{9}$", "title": "Số chứng minh nhân dân 09 số"}}, ["oldIdNumber"])
    if "căn cước" in name:
        return form({"reason": {"type": "string", "maxLength": 500, "title": "Lý do"}}, [])
    if "Cấp hộ chiếu" in name:
        return form({"previousPassportNumber": PASSPORT_NO}, [])
    if "Trình báo mất" in name:
        return form({"passportNumber": PASSPORT_NO, "lostOn": DATE, "lostPlace": {"type": "string", "maxLength": 200}}, ["lostOn", "lostPlace"])
    if "Khôi phục" in name:
        return form({"passportNumber": PASSPORT_NO}, ["passportNumber"])
    raise ValueError(code)


LEVELS = {"cấp tỉnh": "PROVINCE", "cấp trung ương": "CENTRAL", "cấp xã": "COMMUNE"}


def level_of(r, sources, unknowns):
    src = SCRAPE.format(code=r["code"], file=r["source_file"])
    if r["implementing_level"]:
        lv = r["implementing_level"][0]
        if lv in LEVELS:
            sources.append({"field": "level", "source": src, "note": "Hậu tố tên thủ tục \"(thực hiện tại " + lv + ")\""})
            return LEVELS[lv]
        unknowns.append({"field": "level", "reason": "Bản ghi ghi \"" + lv + "\" (Công an cấp huyện); cấp huyện đã bỏ từ 01/7/2025, "
                         "cấp xử lý hiện nay không có trong bản ghi."})
        return None
    agency = (r["handling_agency"] or {}).get("name") or ""
    if agency == "Công an cấp xã":
        sources.append({"field": "level", "source": src, "note": "Suy ra từ trình tự thực hiện: \"" + r["handling_agency"]["quote"] + "\""})
        return "COMMUNE"
    unknowns.append({"field": "level", "reason": "Bản ghi chỉ nêu \"" + agency + "\", không nêu cấp."})
    return None


def processing_time(r, sources, unknowns):
    code = r["code"]
    if code == "1.004222":
        sources.append({"field": "processingTime", "source": "Luật Cư trú 68/2020/QH14, Điều 22; data/procedures/SOURCES.md mục 2",
                        "note": "Bản scrape không có thời hạn; lấy theo luật"})
        return {"value": 7, "unit": "WORKING_DAYS", "note": "07 ngày làm việc kể từ ngày nhận đủ hồ sơ và xác định hồ sơ hợp lệ."}
    if code == "1.001456":
        sources.append({"field": "processingTime", "source": "Luật Xuất cảnh, nhập cảnh của công dân Việt Nam 49/2019/QH14, Điều 15; data/procedures/SOURCES.md mục 2",
                        "note": "Bản scrape không có thời hạn; lấy theo luật"})
        return {"value": 8, "unit": "WORKING_DAYS", "note": "08 ngày làm việc tại cơ quan Quản lý xuất nhập cảnh Công an cấp tỉnh."}
    pt = r["processing_time"]
    if not pt or not pt.get("parsed"):
        unknowns.append({"field": "processingTime", "reason": "Thời hạn giải quyết không có trong bản scrape của bản ghi " + code + "."})
        return None
    parsed = pt["parsed"]
    sources.append({"field": "processingTime", "source": SCRAPE.format(code=code, file=r["source_file"]),
                    "note": "Giá trị là thời hạn tối đa trong các trường hợp bản ghi nêu; ghi chú chép nguyên văn"})
    if all(p["unit"] == "immediate" for p in parsed):
        return {"value": 0, "unit": "IMMEDIATE", "note": pt["text"]}
    steps = [p for p in parsed if (p.get("condition") or "").startswith("bước")]
    if steps:  # sequential steps: the result comes after both
        return {"value": sum(p["value"] for p in steps), "unit": "WORKING_DAYS", "note": pt["text"]}
    return {"value": max(p["value"] for p in parsed if p["unit"] == "working_days"), "unit": "WORKING_DAYS", "note": pt["text"]}


def fee_schedule(r, sources, unknowns):
    code = r["code"]
    amounts = sorted({f["amount_vnd"] for f in r["fees"] if f["amount_vnd"] is not None})
    raw = "; ".join(sorted({f["channel"] + ": " + f["raw"] for f in r["fees"]}))
    src = SCRAPE.format(code=code, file=r["source_file"])
    if code in ("1.004222", "1.004194", "1.002755"):
        base, online, label = {"1.004222": (20000, 10000, ("Lệ phí đăng ký thường trú", "Permanent residence registration charge")),
                               "1.004194": (15000, 7000, ("Lệ phí đăng ký tạm trú (cá nhân, hộ gia đình)", "Temporary residence registration charge (individual, household)")),
                               "1.002755": (15000, 7000, ("Lệ phí gia hạn tạm trú (cá nhân, hộ gia đình)", "Temporary residence extension charge (individual, household)"))}[code]
        sources.append({"field": "feeSchedule", "source": TT75_SRC, "note": "Mức thu trực tiếp / trực tuyến theo Thông tư 75/2022/TT-BTC"})
        sources.append({"field": "feeSchedule", "source": src, "note": "Bản ghi liệt kê: " + raw})
        unknowns.append({"field": "feeSchedule.lines[0].exemptions",
                         "reason": "Bản ghi có dòng \"Miễn phí\" nhưng không ghi đối tượng được miễn; điều khoản miễn của Thông tư 75/2022/TT-BTC chưa được truy xuất."})
        if code != "1.004222":
            unknowns.append({"field": "feeSchedule.listRegistration",
                             "reason": "Đăng ký/gia hạn tạm trú theo danh sách: 10.000 đồng/người (trực tuyến 5.000) theo Thông tư 75/2022/TT-BTC; "
                                       "chưa mô hình hoá vì là trường hợp thay thế, không cộng dồn với dòng phí cá nhân."})
        return {"lines": [{"code": "le-phi", "label": lt(*label), "kind": "LE_PHI", "basis": "PER_DOSSIER", "amount": base,
                           "includedCopies": 0, "provinceAmounts": {},
                           "onlineReductions": [{"validFrom": "2023-02-05", "validTo": None, "reducedAmount": online, "percent": None, "legalBasis": TT75}],
                           "exemptions": [], "legalBasis": TT75}]}
    if code in ("1.001456", "1.001471"):
        sources.append({"field": "feeSchedule", "source": "Thông tư 25/2021/TT-BTC (bổ sung bởi TT 63/2023/TT-BTC); data/procedures/SOURCES.md mục 2",
                        "note": "200.000 đồng cấp mới"})
        sources.append({"field": "feeSchedule", "source": src, "note": "Bản ghi liệt kê: " + raw})
        if 160000 in amounts:
            unknowns.append({"field": "feeSchedule.reducedRate",
                             "reason": "Bản ghi liệt kê cả 160.000 và 200.000 đồng cho mọi kênh mà không nói khi nào áp dụng 160.000; chưa xác minh."})
        unknowns.append({"field": "feeSchedule.reissueAfterLoss",
                         "reason": "Cấp lại do mất, hỏng (400.000 đồng theo SOURCES.md) là trường hợp khác, chưa mô hình hoá."})
        return {"lines": [{"code": "le-phi", "label": lt("Lệ phí cấp hộ chiếu phổ thông", "Ordinary passport issue charge"),
                           "kind": "LE_PHI", "basis": "PER_DOSSIER", "amount": 200000, "includedCopies": 0, "provinceAmounts": {},
                           "onlineReductions": [], "exemptions": [], "legalBasis": "Thông tư 25/2021/TT-BTC"}]}
    if r["fees"]:
        unknowns.append({"field": "feeSchedule", "reason": "Bản ghi có dòng phí/lệ phí nhưng mức thu để trống (" + raw + ")."})
    else:
        unknowns.append({"field": "feeSchedule", "reason": "Bản ghi không có dòng phí; điều đó không có nghĩa là miễn phí (SOURCES.md mục 3)."})
    return None


def components(r, sources):
    out, seen = [], collections.Counter()
    for d in r["documents"]:
        if d["kind"] != "document":
            continue
        base = slug(d["name"]) or "thanh-phan"
        seen[base] += 1
        code = base if seen[base] == 1 else base + "-" + str(seen[base])
        sub = None
        if ID_CARD_COPY.search(d["name"]):
            sub = "POPULATION_REGISTER"
        elif SECTOR_DB.search(d["name"]):
            sub = "CONNECTED_SECTOR_DATABASE"
        out.append({"code": code, "name": lt(d["name"], en_component(d["name"])), "caseGroup": d["case_group"],
                    "required": d["required"], "substitutableBy": sub, "acceptedTypes": TYPES, "maxBytes": MAX_BYTES,
                    "quantityOriginal": d["quantity"]["ban_chinh"], "quantityCopy": d["quantity"]["ban_sao"]})
    sources.append({"field": "components", "source": SCRAPE.format(code=r["code"], file=r["source_file"]),
                    "note": "Tên, số lượng và nhóm trường hợp chép nguyên văn; required theo heuristic của catalog.json; "
                            "name.en do dự án dịch (tiếng Việt là bản chính thức); acceptedTypes/maxBytes là chính sách tải lên của hệ thống"})
    return out


def from_record(r):
    code = r["code"]
    sources, unknowns = [], []
    src = SCRAPE.format(code=code, file=r["source_file"])
    sources.append({"field": "code,name", "source": src, "note": "name.en do dự án dịch"})
    level = level_of(r, sources, unknowns)
    sources.append({"field": "agencyKind", "source": src, "note": "Cơ quan thực hiện: \"" + ((r["handling_agency"] or {}).get("name") or "") +
                    "\" (" + ((r["handling_agency"] or {}).get("source") or "") + "); cả 22 bản ghi thuộc Bộ Công an (SOURCES.md mục 3)"})
    pt = processing_time(r, sources, unknowns)
    fees = fee_schedule(r, sources, unknowns)
    comps = components(r, sources)
    if not comps:
        unknowns.append({"field": "components", "reason": "Bản ghi không có thành phần hồ sơ thật, chỉ có văn bản hướng dẫn."})
    legal = []
    if code == "1.004222":
        legal = ["Luật Cư trú 68/2020/QH14, Điều 22", "Thông tư 75/2022/TT-BTC"]
    elif code in ("1.004194", "1.002755"):
        legal = ["Thông tư 75/2022/TT-BTC"]
    elif code == "1.001456":
        legal = ["Luật Xuất cảnh, nhập cảnh của công dân Việt Nam 49/2019/QH14, Điều 15", "Thông tư 25/2021/TT-BTC"]
    elif code == "1.001471":
        legal = ["Thông tư 25/2021/TT-BTC"]
    unknowns.append({"field": "legalBasis", "reason": "Mục Căn cứ pháp lý không có trong bản scrape; danh sách chỉ gồm văn bản đã dẫn nguồn được." if legal
                     else "Mục Căn cứ pháp lý không có trong bản scrape."})
    unknowns.append({"field": "field", "reason": "Mục Lĩnh vực không có trong bản scrape."})
    unknowns.append({"field": "result", "reason": "Mục Kết quả không có trong bản scrape."})
    common_unknowns(unknowns)
    return {"code": code, "version": 1, "name": lt(r["name"], EN_NAMES[code]), "field": None, "level": level,
            "agencyKind": "POLICE", "processingTime": pt, "onlineLevel": None, "components": comps,
            "formSchema": specific_form(code, r["name"]), "feeSchedule": fees, "result": None, "legalBasis": legal,
            "effectiveFrom": None, "effectiveTo": None, "publishedProvinces": None, "supplementClockPolicy": None,
            "sources": sources, "unknowns": unknowns}


def common_unknowns(unknowns):
    unknowns.append({"field": "onlineLevel", "reason": "Bản ghi không ghi mức độ dịch vụ công trực tuyến (toàn trình/một phần)."})
    unknowns.append({"field": "effectiveFrom", "reason": "Ngày hiệu lực của phiên bản thủ tục không có trong nguồn."})
    unknowns.append({"field": "supplementClockPolicy", "reason": "Quy tắc tính tiếp hay tính lại thời hạn sau bổ sung hồ sơ chưa được xác nhận từ văn bản."})


CODE_SRC = ("Mã thủ tục theo các dự án công khai tra cứu Cổng DVCQG (tìm bằng công cụ search: bảng mã "
            "KS/KH/KT = 1.001193/1.000894/1.000656 và URL dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=1.001193)")
FEE_SRC = ("Luật Hộ tịch 2014, Điều 11 khoản 1: miễn lệ phí khi đăng ký khai sinh, khai tử đúng hạn, giám hộ, kết hôn của công dân "
           "Việt Nam cư trú ở trong nước — https://baoangiang.com.vn/doi-tuong-duoc-mien-le-phi-dang-ky-ho-tich-a103593.html ; "
           "https://luatviet.co/s/%C4%91%C4%83ng+k%C3%BD+h%E1%BB%99+t%E1%BB%8Bch.html")
LEVEL_SRC = ("Luật Hộ tịch 2014, Chương II \"Đăng ký hộ tịch tại Ủy ban nhân dân cấp xã\" (http://www.luatsudms.com.vn/luat-ho-tich-i111); "
             "nhóm dịch vụ cấp xã trong data/procedures/SOURCES.md mục 1")
ID_DOC_SRC = ("Người yêu cầu xuất trình giấy tờ chứng minh nhân thân khi cán bộ hộ tịch chưa biết rõ nhân thân "
              "(https://luatviet.co/s/%C4%91%C4%83ng+k%C3%BD+h%E1%BB%99+t%E1%BB%8Bch.html); thay được bằng dữ liệu CSDLQG về dân cư")


def comp(code, vi, en, required, qo=1, qc=0, sub=None, group=None):
    return {"code": code, "name": lt(vi, en), "caseGroup": group, "required": required, "substitutableBy": sub,
            "acceptedTypes": TYPES, "maxBytes": MAX_BYTES, "quantityOriginal": qo, "quantityCopy": qc}


def zero_line(vi, en, basis_text):
    return {"lines": [{"code": "le-phi", "label": lt(vi, en), "kind": "LE_PHI", "basis": "PER_DOSSIER", "amount": 0,
                       "includedCopies": 0, "provinceAmounts": {}, "onlineReductions": [], "exemptions": [], "legalBasis": basis_text}]}


def civil_status():
    out = []
    # Birth registration
    s, u = [], []
    s.append({"field": "code", "source": CODE_SRC, "note": "Nguồn thứ cấp, chưa đối chiếu với bản ghi trên dichvucong.gov.vn"})
    s.append({"field": "name,level,agencyKind", "source": LEVEL_SRC, "note": "name.en do dự án dịch"})
    s.append({"field": "feeSchedule", "source": FEE_SRC, "note": "Đúng hạn = trong 60 ngày kể từ ngày sinh (Luật Hộ tịch 2014, Điều 15; SOURCES.md mục 2)"})
    s.append({"field": "processingTime", "source": "Luật Hộ tịch 2014, Điều 16 khoản 2 (\"Ngay sau khi nhận đủ giấy tờ...\"), trích trong tờ rơi Sở Tư pháp: https://text.123docz.net/document/12296394-to-roi-stp-luat-ho-tich-loai-2.htm",
              "note": "SOURCES.md mục 2 ghi chưa xác minh; nguồn này trích nguyên văn Điều 16"})
    s.append({"field": "components", "source": "Luật Hộ tịch 2014, Điều 16 khoản 1 (tờ khai theo mẫu và giấy chứng sinh; nếu không có thì văn bản người làm chứng hoặc giấy cam đoan), cùng nguồn trên; " + ID_DOC_SRC,
              "note": "Thành phần cho trường hợp trẻ em sinh ra còn sống, cha mẹ là công dân Việt Nam"})
    s.append({"field": "result", "source": "Luật Hộ tịch 2014, Điều 14 và 16 (nội dung Giấy khai sinh): https://vietjack.me/phap-luat/luat-ho-tich-2014/chuong-iii-1063.html", "note": None})
    u.append({"field": "feeSchedule.lateRegistration", "reason": "Lệ phí đăng ký khai sinh quá hạn do HĐND từng tỉnh quy định; chưa có số liệu."})
    common_unknowns(u)
    out.append({"code": "1.001193", "version": 1, "name": lt("Đăng ký khai sinh", "Birth registration"),
                "field": lt("Hộ tịch", "Civil status"), "level": "COMMUNE", "agencyKind": "PEOPLES_COMMITTEE",
                "processingTime": {"value": 0, "unit": "IMMEDIATE", "note": "Ngay sau khi nhận đủ giấy tờ, nếu thông tin khai sinh đầy đủ và phù hợp (Luật Hộ tịch 2014, Điều 16 khoản 2)."},
                "onlineLevel": None,
                "components": [comp("to-khai-dang-ky-khai-sinh", "Tờ khai đăng ký khai sinh (theo mẫu)", "Birth registration form", True),
                               comp("giay-chung-sinh", "Giấy chứng sinh", "Certificate of birth issued by the health facility", None),
                               comp("van-ban-nguoi-lam-chung", "Văn bản của người làm chứng xác nhận về việc sinh (khi không có giấy chứng sinh)", "Witness statement on the birth (when there is no certificate of birth)", None),
                               comp("giay-cam-doan-ve-viec-sinh", "Giấy cam đoan về việc sinh (khi không có giấy chứng sinh và người làm chứng)", "Written undertaking on the birth (when there is neither certificate nor witness)", None),
                               comp("giay-to-tuy-than", "Giấy tờ chứng minh nhân thân của người đi đăng ký", "Identity document of the person registering", True, sub="POPULATION_REGISTER")],
                "formSchema": form({"child": {"type": "object", "title": "Người được khai sinh", "required": ["fullName", "dateOfBirth", "sex", "placeOfBirth"], "additionalProperties": False,
                                              "properties": {"fullName": {"type": "string", "minLength": 1, "maxLength": 100}, "dateOfBirth": DATE,
                                                             "sex": {"enum": ["NAM", "NU"]}, "placeOfBirth": {"type": "string", "maxLength": 200},
                                                             "ethnicity": {"type": "string", "maxLength": 50}}},
                                    "mother": person_schema("Mẹ"), "father": person_schema("Cha"),
                                    "relationshipToChild": {"type": "string", "maxLength": 50}}, ["child", "relationshipToChild"]),
                "feeSchedule": zero_line("Lệ phí đăng ký khai sinh đúng hạn (miễn)", "Birth registration on time (exempt)", HO_TICH + ", Điều 11 khoản 1 điểm b"),
                "result": lt("Giấy khai sinh", "Birth certificate"),
                "legalBasis": [HO_TICH + ", Điều 11, 13, 15, 16", ND123],
                "effectiveFrom": None, "effectiveTo": None, "publishedProvinces": None, "supplementClockPolicy": None,
                "sources": s, "unknowns": u})
    # Death registration
    s, u = [], []
    s.append({"field": "code", "source": CODE_SRC, "note": "Nguồn thứ cấp, chưa đối chiếu với bản ghi trên dichvucong.gov.vn"})
    s.append({"field": "name,level,agencyKind", "source": LEVEL_SRC, "note": "name.en do dự án dịch"})
    s.append({"field": "feeSchedule", "source": FEE_SRC, "note": "Đúng hạn: khai tử trong thời hạn luật định"})
    s.append({"field": "components,result", "source": "Tờ khai theo mẫu và Giấy báo tử hoặc giấy tờ thay Giấy báo tử; cấp trích lục cho người đi khai tử: http://ndfloodinfo.com/threads/320029-lam-giay-khai-tu-co-lau-khong.html ; " + ID_DOC_SRC,
              "note": "Nguồn thứ cấp diễn giải Luật Hộ tịch 2014 và Nghị định 123/2015/NĐ-CP"})
    u.append({"field": "processingTime", "reason": "Nguồn thứ cấp nói \"ngay sau khi nhận giấy tờ\" nhưng dẫn sai số điều; chưa xác minh từ văn bản gốc."})
    u.append({"field": "feeSchedule.lateRegistration", "reason": "Lệ phí đăng ký khai tử quá hạn do HĐND từng tỉnh quy định; chưa có số liệu."})
    common_unknowns(u)
    out.append({"code": "1.000656", "version": 1, "name": lt("Đăng ký khai tử", "Death registration"),
                "field": lt("Hộ tịch", "Civil status"), "level": "COMMUNE", "agencyKind": "PEOPLES_COMMITTEE",
                "processingTime": None, "onlineLevel": None,
                "components": [comp("to-khai-dang-ky-khai-tu", "Tờ khai đăng ký khai tử (theo mẫu)", "Death registration form", True),
                               comp("giay-bao-tu", "Giấy báo tử hoặc giấy tờ khác thay Giấy báo tử", "Death notice or a document replacing it", True),
                               comp("giay-to-tuy-than", "Giấy tờ chứng minh nhân thân của người đi đăng ký", "Identity document of the person registering", True, sub="POPULATION_REGISTER")],
                "formSchema": form({"deceased": {"type": "object", "title": "Người đã chết", "required": ["fullName", "dateOfDeath", "placeOfDeath"], "additionalProperties": False,
                                                 "properties": {"fullName": {"type": "string", "minLength": 1, "maxLength": 100},
                                                                "personalId": {"type": "string", "pattern": "^[0-9]{12}$"},
                                                                "dateOfDeath": DATE, "placeOfDeath": {"type": "string", "maxLength": 200},
                                                                "causeOfDeath": {"type": "string", "maxLength": 200}}},
                                    "relationshipToDeceased": {"type": "string", "maxLength": 50}}, ["deceased", "relationshipToDeceased"]),
                "feeSchedule": zero_line("Lệ phí đăng ký khai tử đúng hạn (miễn)", "Death registration on time (exempt)", HO_TICH + ", Điều 11 khoản 1 điểm b"),
                "result": lt("Trích lục khai tử", "Death registration extract"),
                "legalBasis": [HO_TICH + ", Điều 11", ND123],
                "effectiveFrom": None, "effectiveTo": None, "publishedProvinces": None, "supplementClockPolicy": None,
                "sources": s, "unknowns": u})
    # Domestic marriage registration
    s, u = [], []
    s.append({"field": "code", "source": CODE_SRC, "note": "Nguồn thứ cấp, chưa đối chiếu với bản ghi trên dichvucong.gov.vn"})
    s.append({"field": "name,level,agencyKind,result", "source": LEVEL_SRC + "; Điều 17 \"Thẩm quyền đăng ký kết hôn và nội dung Giấy chứng nhận kết hôn\"", "note": "name.en do dự án dịch"})
    s.append({"field": "feeSchedule", "source": FEE_SRC, "note": "Hai bên là công dân Việt Nam cư trú ở trong nước"})
    s.append({"field": "processingTime,components", "source": "Luật Hộ tịch 2014, Điều 18: https://cpdanluat.thuvienphapluat.vn/thu-tuc-va-y-nghia-cua-viec-dang-ky-ket-hon-187434.aspx?PostID=553586 ; data/procedures/SOURCES.md mục 2; " + ID_DOC_SRC,
              "note": "Ngay khi đủ giấy tờ; tối đa 05 ngày làm việc nếu cần xác minh"})
    u.append({"field": "components.maritalStatusConfirmation", "reason": "Có nguồn nói từ 2026 không cần Giấy xác nhận tình trạng hôn nhân khi hai bên là công dân Việt Nam (Nghị quyết 66.7/2025/NQ-CP); chưa xác minh nên không đưa vào."})
    common_unknowns(u)
    out.append({"code": "1.000894", "version": 1, "name": lt("Đăng ký kết hôn", "Marriage registration"),
                "field": lt("Hộ tịch", "Civil status"), "level": "COMMUNE", "agencyKind": "PEOPLES_COMMITTEE",
                "processingTime": {"value": 5, "unit": "WORKING_DAYS", "note": "Ngay sau khi nhận đủ giấy tờ và đủ điều kiện kết hôn; không quá 05 ngày làm việc nếu cần xác minh điều kiện kết hôn (Luật Hộ tịch 2014, Điều 18 khoản 2)."},
                "onlineLevel": None,
                "components": [comp("to-khai-dang-ky-ket-hon", "Tờ khai đăng ký kết hôn (theo mẫu)", "Marriage registration form", True),
                               comp("giay-to-tuy-than", "Giấy tờ chứng minh nhân thân của hai bên", "Identity documents of both parties", True, sub="POPULATION_REGISTER")],
                "formSchema": form({"partner": person_schema("Bên kia", ("fullName", "personalId", "dateOfBirth"))}, ["partner"]),
                "feeSchedule": zero_line("Lệ phí đăng ký kết hôn trong nước (miễn)", "Domestic marriage registration (exempt)", HO_TICH + ", Điều 11 khoản 1 điểm b"),
                "result": lt("Giấy chứng nhận kết hôn", "Marriage certificate"),
                "legalBasis": [HO_TICH + ", Điều 11, 17, 18", ND123],
                "effectiveFrom": None, "effectiveTo": None, "publishedProvinces": None, "supplementClockPolicy": None,
                "sources": s, "unknowns": u})
    return out


def main():
    records = json.load(open(CATALOG, encoding="utf-8"))
    procedures = [from_record(r) for r in records] + civil_status()
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(procedures, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(len(procedures), "procedures ->", OUT)


if __name__ == "__main__":
    main()
