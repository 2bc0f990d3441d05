package vn.dvc.core.stats;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import vn.dvc.core.agency.Agencies;
import vn.dvc.core.agency.Agency;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.security.Caller;
import vn.dvc.core.units.AdministrativeUnits;
import vn.dvc.core.units.Commune;
import vn.dvc.core.units.Province;
import vn.dvc.core.units.UnitResolution;

/**
 * A {@code GET /stats} request, parsed and checked: exactly one scope (or the caller's own), a date range of at most
 * 366 days (default today, Vietnam time) and a breakdown. Access: OPERATOR anything; SUPERVISOR their province and
 * the units and agencies in it; OFFICIAL their own agency; everyone else 403. An old (pre-1 July 2025) province or
 * commune code answers for the unit it became, and says so.
 */
public record StatsQuery(StatsScope scope, LocalDate from, LocalDate to, Dimension by) {
    public static final int MAX_DAYS = 366;
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Set<String> KNOWN = Set.of("province", "agency", "commune", "from", "to", "by");

    public static StatsQuery parse(Map<String, String> params, Caller caller, LocalDate today, AdministrativeUnits units,
                                   Agencies agencies) {
        switch (caller.role()) {
            case OPERATOR, SUPERVISOR, OFFICIAL -> { }
            default -> throw ApiException.forbidden("STATS_FORBIDDEN", "Bạn không có quyền xem số liệu thống kê.",
                    "You may not read service statistics.");
        }
        for (String name : params.keySet()) {
            if (!KNOWN.contains(name)) {
                throw ApiException.badRequest("UNKNOWN_PARAMETER", "Tham số không được hỗ trợ: " + name + ".",
                        "Unsupported parameter: " + name + ".");
            }
        }
        List<String> given = List.of("province", "agency", "commune").stream().filter(params::containsKey).toList();
        if (given.size() > 1) {
            throw ApiException.badRequest("ONE_SCOPE", "Chỉ chọn một phạm vi: province, agency hoặc commune.",
                    "Give at most one scope: province, agency or commune.");
        }
        Dimension by = Dimension.parse(params.get("by"));
        if (by == null) {
            throw ApiException.badRequest("BAD_BY", "by phải là agency, commune, procedure hoặc day.",
                    "by must be agency, commune, procedure or day.");
        }
        LocalDate from = date(params.get("from"), today, "from");
        LocalDate to = date(params.get("to"), today, "to");
        if (to.isBefore(from)) {
            throw ApiException.badRequest("BAD_RANGE", "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.",
                    "to must not be before from.");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw ApiException.badRequest("RANGE_TOO_LONG", "Khoảng thời gian tối đa 366 ngày.",
                    "The range may cover at most 366 days.");
        }
        StatsScope scope = given.isEmpty() ? ownScope(caller, units, agencies)
                : switch (given.get(0)) {
                    case "province" -> province(params.get("province"), today, units);
                    case "agency" -> agency(params.get("agency"), agencies, units);
                    default -> commune(params.get("commune"), today, units);
                };
        checkAccess(caller, scope);
        return new StatsQuery(scope, from, to, by);
    }

    private static LocalDate date(String text, LocalDate fallback, String name) {
        if (text == null) return fallback;
        try {
            if (!DATE.matcher(text).matches()) throw new DateTimeParseException("format", text, 0);
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("BAD_DATE", name + " phải là ngày dạng YYYY-MM-DD.",
                    name + " must be a date YYYY-MM-DD.");
        }
    }

    static StatsScope ownScope(Caller caller, AdministrativeUnits units, Agencies agencies) {
        return switch (caller.role()) {
            case OPERATOR -> new StatsScope(StatsScope.Kind.COUNTRY, StatsScope.COUNTRY_CODE, "Việt Nam", null, null);
            case SUPERVISOR -> {
                if (caller.provinceCode() == null) {
                    throw ApiException.forbidden("NO_PROVINCE", "Tài khoản chưa gắn với tỉnh, thành phố.",
                            "Your account has no province.");
                }
                Province p = units.province(caller.provinceCode()).orElseThrow(() -> ApiException.forbidden("NO_PROVINCE",
                        "Tài khoản chưa gắn với tỉnh, thành phố.", "Your account has no province."));
                yield new StatsScope(StatsScope.Kind.PROVINCE, p.code(), p.fullName(), p.code(), null);
            }
            default -> {
                if (caller.agencyId() == null) {
                    throw ApiException.forbidden("NO_AGENCY", "Tài khoản chưa gắn với cơ quan.", "Your account has no agency.");
                }
                yield agency(caller.agencyId(), agencies, units);
            }
        };
    }

    private static StatsScope province(String code, LocalDate today, AdministrativeUnits units) {
        if (code == null || !AdministrativeUnits.isProvinceCode(code)) {
            throw ApiException.badRequest("BAD_PROVINCE", "Mã tỉnh phải gồm 2 chữ số.", "A province code has 2 digits.");
        }
        UnitResolution r = units.resolve(code, today);
        if (r instanceof UnitResolution.Current c && c.unit() instanceof Province p) {
            return new StatsScope(StatsScope.Kind.PROVINCE, p.code(), p.fullName(), p.code(), null);
        }
        if (r instanceof UnitResolution.Merged m && m.successor() instanceof Province p) {
            return new StatsScope(StatsScope.Kind.PROVINCE, p.code(), p.fullName(), p.code(), code);
        }
        throw ApiException.notFound("UNIT_NOT_FOUND", "Không tìm thấy tỉnh, thành phố " + code + ".", "No province " + code + ".");
    }

    private static StatsScope commune(String code, LocalDate today, AdministrativeUnits units) {
        if (code == null || !AdministrativeUnits.isCommuneCode(code)) {
            throw ApiException.badRequest("BAD_COMMUNE", "Mã xã phải gồm 5 chữ số.", "A commune code has 5 digits.");
        }
        UnitResolution r = units.resolve(code, today);
        if (r instanceof UnitResolution.Current c && c.unit() instanceof Commune k) {
            return new StatsScope(StatsScope.Kind.COMMUNE, k.code(), k.fullName(), k.provinceCode(), null);
        }
        if (r instanceof UnitResolution.Merged m && m.successor() instanceof Commune k) {
            return new StatsScope(StatsScope.Kind.COMMUNE, k.code(), k.fullName(), k.provinceCode(), code);
        }
        if (r instanceof UnitResolution.Split) {
            throw ApiException.badRequest("SPLIT_COMMUNE", "Xã cũ " + code + " đã chia cho nhiều xã mới; hãy chọn mã xã mới.",
                    "Old commune " + code + " was split across several new communes; give a current commune code.");
        }
        throw ApiException.notFound("UNIT_NOT_FOUND", "Không tìm thấy xã " + code + ".", "No commune " + code + ".");
    }

    private static StatsScope agency(String id, Agencies agencies, AdministrativeUnits units) {
        if (!Agency.isValidId(id) || id.length() > 40) {
            throw ApiException.badRequest("BAD_AGENCY", "Mã cơ quan không hợp lệ.", "The agency id is malformed.");
        }
        Agency a = agencies.byId(id).orElseThrow(() -> ApiException.notFound("AGENCY_NOT_FOUND",
                "Không tìm thấy cơ quan " + id + ".", "No agency " + id + "."));
        return new StatsScope(StatsScope.Kind.AGENCY, a.id(), a.name().vi(), a.provinceCode(), null);
    }

    private static void checkAccess(Caller caller, StatsScope scope) {
        boolean allowed = switch (caller.role()) {
            case OPERATOR -> true;
            case SUPERVISOR -> caller.provinceCode() != null && scope.provinceCode() != null
                    && caller.provinceCode().equals(scope.provinceCode());
            case OFFICIAL -> scope.kind() == StatsScope.Kind.AGENCY && scope.code().equals(caller.agencyId());
            default -> false;
        };
        if (!allowed) {
            throw ApiException.forbidden("STATS_SCOPE_FORBIDDEN", "Bạn không có quyền xem số liệu của phạm vi này.",
                    "You may not read the statistics of this scope.");
        }
    }
}
