package vn.dvc.catalog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import vn.dvc.aws.catalog.CatalogAgencies;
import vn.dvc.aws.catalog.CatalogProcedureSource;
import vn.dvc.aws.http.HttpApiHandler;
import vn.dvc.aws.http.HttpRequest;
import vn.dvc.aws.http.HttpResponse;
import vn.dvc.core.agency.Agencies;
import vn.dvc.core.agency.Agency;
import vn.dvc.core.agency.AgencyDocuments;
import vn.dvc.core.agency.AgencyReplacement;
import vn.dvc.core.agency.LiveAgencies;
import vn.dvc.core.catalog.HandlingLevel;
import vn.dvc.core.catalog.LiveCatalog;
import vn.dvc.core.catalog.PageCursor;
import vn.dvc.core.catalog.Procedure;
import vn.dvc.core.catalog.ProcedureSearch;
import vn.dvc.core.error.ApiException;
import vn.dvc.core.json.Json;
import vn.dvc.core.security.Role;
import vn.dvc.core.text.LocalizedText;
import vn.dvc.core.units.AdministrativeUnits;
import vn.dvc.core.units.CurrentUnit;
import vn.dvc.core.units.Province;
import vn.dvc.core.units.Text;
import vn.dvc.core.units.UnitMatch;
import vn.dvc.core.units.UnitResolution;

/**
 * catalog-api (HTTP API): procedures, administrative units and agencies.
 *
 * <ul>
 *   <li>{@code GET /procedures} (province, level, field, q, limit, cursor), {@code GET /procedures/{code}}
 *       ({@code ?version=N}), {@code GET /units/{code}}, {@code GET /units?q=}, {@code GET /agencies?unit=}:
 *       public, with a strong {@code ETag} (SHA-256 of the body), {@code Cache-Control: public, max-age} and
 *       304 on {@code If-None-Match}. Unknown query parameters, bad paging and malformed codes are 400, unknown
 *       codes 404.</li>
 *   <li>{@code GET /agencies/{id}}: one agency (public, ETag like the rest); {@code PUT /agencies/{id}} (OPERATOR):
 *       replaces its generated values (see {@link LiveAgencies#replace}); 200, 422, 409, 412 as for procedures.</li>
 *   <li>{@code PUT /procedures/{code}} (OPERATOR): publishes the next version (see {@link LiveCatalog#publish});
 *       201, or 422 with every problem, 409 on a version race, 412 on a stale {@code If-Match}.</li>
 * </ul>
 * Reference data (units, agencies, the seed catalog) is bundled in the jar; published versions come from the
 * catalog table.
 */
public class CatalogApiHandler extends HttpApiHandler {
    /** Procedures change when an operator publishes: short, and equal to the instances' refresh period. */
    static final int PROCEDURE_MAX_AGE = 60;
    /** A published version never changes. */
    static final int VERSION_MAX_AGE = 86_400;
    /** Units and agencies change only with a deployment. */
    static final int REFERENCE_MAX_AGE = 3_600;
    /** Agencies change when an operator replaces their values: as short as procedures. */
    static final int AGENCY_MAX_AGE = 60;
    private static final Pattern AGENCY_ID = Pattern.compile("[XT][0-9]{2,5}\\.[A-Z]{2,8}");

    private static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);
    private static final Pattern PROCEDURE_CODE = Pattern.compile("[0-9]\\.[0-9]{6}");
    private static final int MAX_QUERY_LENGTH = 100;
    private static final int MAX_UNIT_OFFSET = 500;

    private final LiveCatalog catalog;
    private final LiveAgencies liveAgencies;
    private final AdministrativeUnits units;
    private final Clock clock;

    public CatalogApiHandler() {
        this(CatalogProcedureSource.fromEnvironment(), CatalogAgencies.fromEnvironment(), AdministrativeUnits.get(),
                Clock.systemUTC());
        // Only where init is not on a caller's clock: SnapStart (at publish time) and provisioned concurrency.
        String init = vn.dvc.aws.config.Env.get("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        if (init.equals("snap-start") || init.equals("provisioned-concurrency")) {
            prime();
        }
    }

    /**
     * Loads the lazily built reference data during init (about 0.25 s of CPU: old units, both name indexes, the
     * seed, the JSON writer), so SnapStart's snapshot holds it and no request pays for it. Not done on an on-demand
     * cold start, where the parts a request does not need are better never loaded. The catalog table is not
     * touched here: its snapshot would be stale on restore anyway.
     */
    private void prime() {
        LocalDate today = today();
        units.resolve("00019", today);
        units.search("thu duc", 1, true);
        Agencies.generate(units, today).ofUnit("00004");
        ProcedureSearch.search(vn.dvc.core.catalog.ProcedureCatalog.bundled(),
                new ProcedureSearch.Filter("01", null, null, "dang ky"), null, 1);
        vn.dvc.core.catalog.ProcedureCatalog.bundled().byCode("1.004222").ifPresent(p -> etag(Json.write(p)));
    }

    public CatalogApiHandler(LiveCatalog catalog, AdministrativeUnits units, Clock clock) {
        this(catalog, new LiveAgencies(units, null, clock, java.time.Duration.ZERO), units, clock);
    }

    public CatalogApiHandler(LiveCatalog catalog, LiveAgencies agencies, AdministrativeUnits units, Clock clock) {
        this.catalog = catalog;
        this.liveAgencies = agencies;
        this.units = units;
        this.clock = clock;
        on("GET /procedures", this::listProcedures);
        on("GET /procedures/{code}", this::procedure);
        on("PUT /procedures/{code}", this::publish);
        on("GET /units/{code}", this::unit);
        on("GET /units", this::searchUnits);
        on("GET /agencies", this::agencies);
        // ---- catalog (issue 3): one agency; an operator replaces its generated values
        on("GET /agencies/{id}", this::agency);
        on("PUT /agencies/{id}", this::replaceAgency);
    }

    // ---- procedures ---------------------------------------------------------------------------------------

    private APIGatewayV2HTTPResponse listProcedures(HttpRequest request) {
        allowOnly(request, "province", "level", "field", "q", "limit", "cursor");
        int limit = limit(request, 20, 100);
        String after = null;
        if (request.query("cursor") != null) {
            after = PageCursor.decode("p", request.query("cursor"))
                    .filter(code -> PROCEDURE_CODE.matcher(code).matches())
                    .orElseThrow(CatalogApiHandler::badCursor);
        }
        HandlingLevel level = null;
        String levelText = request.query("level");
        if (levelText != null) {
            try {
                level = HandlingLevel.valueOf(levelText.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("INVALID_LEVEL", "Cấp thực hiện phải là COMMUNE, PROVINCE hoặc CENTRAL.",
                        "level must be COMMUNE, PROVINCE or CENTRAL.");
            }
        }
        String field = text(request, "field");
        String q = text(request, "q");
        Map<String, Object> provinceView = null;
        String provinceCode = null;
        if (request.query("province") != null) {
            provinceView = province(request.query("province"));
            provinceCode = (String) provinceView.get("code");
        }
        ProcedureSearch.Page page = ProcedureSearch.search(catalog.catalog(),
                new ProcedureSearch.Filter(provinceCode, level, field, q), after, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        if (provinceView != null) {
            body.put("province", provinceView);
        }
        body.put("total", page.total());
        body.put("items", page.items().stream().map(CatalogApiHandler::summary).toList());
        body.put("nextCursor", page.continueAfter() == null ? null : PageCursor.encode("p", page.continueAfter()));
        return cacheable(request, body, PROCEDURE_MAX_AGE);
    }

    /** A province filter: a current code, or an old code answered for the province it merged into (and says so). */
    private Map<String, Object> province(String code) {
        if (!AdministrativeUnits.isProvinceCode(code)) {
            throw ApiException.badRequest("MALFORMED_PROVINCE_CODE", "Mã tỉnh phải gồm 2 chữ số (ví dụ 01).",
                    "A province code has 2 digits (e.g. 01).");
        }
        UnitResolution resolution = units.resolve(code, today());
        Map<String, Object> view = new LinkedHashMap<>();
        if (resolution instanceof UnitResolution.Current current && current.unit() instanceof Province p) {
            view.put("code", p.code());
            view.put("name", p.fullNameOn(today()));
            view.put("requested", code);
        } else if (resolution instanceof UnitResolution.Merged merged && merged.successor() instanceof Province p) {
            String now = p.fullNameOn(today());
            view.put("code", p.code());
            view.put("name", now);
            view.put("requested", code);
            view.put("resolvedFrom", Map.of("code", code, "name", merged.oldUnit().name()));
            view.put("note", Map.of(
                    "vi", "Mã " + code + " là mã tỉnh cũ (" + merged.oldUnit().name() + "), từ 01/07/2025 thuộc "
                            + now + " (mã " + p.code() + "); kết quả là của " + now + ".",
                    "en", "Code " + code + " is a former province (" + merged.oldUnit().name() + "), part of " + now
                            + " (code " + p.code() + ") since 1 July 2025; results are for " + now + "."));
        } else {
            throw ApiException.notFound("PROVINCE_NOT_FOUND", "Không có tỉnh nào mang mã " + code + ".",
                    "No province has code " + code + ".");
        }
        return view;
    }

    private APIGatewayV2HTTPResponse procedure(HttpRequest request) {
        allowOnly(request, "version");
        String code = procedureCode(request);
        String versionText = request.query("version");
        if (versionText != null) {
            int version = positiveInt(versionText, "version", 1_000_000);
            Procedure p = catalog.version(code, version).orElseThrow(() -> ApiException.notFound(
                    "PROCEDURE_VERSION_NOT_FOUND", "Không có phiên bản " + version + " của thủ tục " + code + ".",
                    "Procedure " + code + " has no version " + version + "."));
            return cacheable(request, p, VERSION_MAX_AGE);
        }
        Procedure p = catalog.current(code).orElseThrow(() -> notFound(code));
        return cacheable(request, p, PROCEDURE_MAX_AGE);
    }

    private APIGatewayV2HTTPResponse publish(HttpRequest request) {
        if (!request.caller().is(Role.OPERATOR)) {
            throw ApiException.forbidden("OPERATOR_ONLY", "Chỉ cán bộ vận hành được công bố thủ tục.",
                    "Only an operator may publish a procedure.");
        }
        allowOnly(request);
        String code = procedureCode(request);
        var body = request.jsonBody();
        String ifMatch = request.header("if-match");
        Procedure published = catalog.publish(code, body, latest -> ifMatch == null
                || ifMatch.trim().equals("*") && latest.isPresent()
                || latest.isPresent() && matchesStrongly(ifMatch, etag(Json.write(latest.get()))),
                "operator:" + request.caller().subject());
        String json = Json.write(published);
        return HttpResponse.json(201, json, Map.of("etag", etag(json), "location", "/procedures/" + code
                + "?version=" + published.version()));
    }

    private String procedureCode(HttpRequest request) {
        String code = request.pathParam("code");
        if (code == null || !PROCEDURE_CODE.matcher(code).matches()) {
            throw ApiException.badRequest("MALFORMED_PROCEDURE_CODE", "Mã thủ tục phải có dạng 1.004222.",
                    "A procedure code looks like 1.004222.");
        }
        return code;
    }

    private static ApiException notFound(String code) {
        return ApiException.notFound("PROCEDURE_NOT_FOUND", "Không tìm thấy thủ tục hành chính " + code + ".",
                "No procedure " + code + ".");
    }

    /** The list view: what a picker shows; the full document is at /procedures/{code}. */
    private static Map<String, Object> summary(Procedure p) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("code", p.code());
        s.put("version", p.version());
        s.put("name", p.name());
        s.put("field", p.field());
        s.put("level", p.level());
        s.put("agencyKind", p.agencyKind());
        s.put("processingTime", p.processingTime());
        s.put("onlineLevel", p.onlineLevel());
        s.put("effectiveFrom", p.effectiveFrom());
        s.put("publishedProvinces", p.publishedProvinces());
        return s;
    }

    // ---- units --------------------------------------------------------------------------------------------

    private APIGatewayV2HTTPResponse unit(HttpRequest request) {
        allowOnly(request);
        String code = request.pathParam("code");
        LocalDate today = today();
        UnitResolution resolution = units.resolve(code, today);
        if (resolution instanceof UnitResolution.Unknown unknown) {
            throw unknownUnit(code, unknown.malformed());
        }
        return cacheable(request, resolutionView(resolution, today), REFERENCE_MAX_AGE);
    }

    private static ApiException unknownUnit(String code, boolean malformed) {
        if (malformed) {
            return ApiException.badRequest("MALFORMED_UNIT_CODE",
                    "Mã đơn vị hành chính gồm 2 (tỉnh), 3 (huyện cũ) hoặc 5 (xã) chữ số.",
                    "A unit code has 2 (province), 3 (former district) or 5 (commune) digits.");
        }
        return ApiException.notFound("UNIT_NOT_FOUND", "Không có đơn vị hành chính nào, cũ hay mới, mang mã " + code + ".",
                "No administrative unit, current or former, has code " + code + ".");
    }

    private Map<String, Object> resolutionView(UnitResolution resolution, LocalDate today) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("code", resolution.code());
        switch (resolution) {
            case UnitResolution.Current c -> {
                view.put("resolution", "CURRENT");
                view.put("partial", false);
                view.put("units", List.of(unitView(c.unit(), today, false)));
                c.formerMeaningIfDifferent().ifPresent(former -> {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("resolution", kind(former));
                    f.put("unitCodes", currentUnits(former).stream().map(CurrentUnit::code).toList());
                    oldUnit(former).ifPresent(o -> f.put("old", o));
                    view.put("formerMeaning", f);
                    view.put("note", Map.of(
                            "vi", "Mã " + c.code() + " là đơn vị hiện hành; trước 01/07/2025 mã này là của một đơn vị cũ (xem formerMeaning).",
                            "en", "Code " + c.code() + " is a current unit; before 1 July 2025 it named a former unit (see formerMeaning)."));
                });
            }
            case UnitResolution.Merged m -> {
                CurrentUnit successor = m.successor();
                view.put("resolution", "MERGED");
                view.put("partial", false);
                oldUnit(m).ifPresent(o -> view.put("old", o));
                view.put("units", List.of(unitView(successor, today, false)));
                view.put("note", Map.of(
                        "vi", m.oldUnit().name() + " (mã cũ " + m.code() + ") từ 01/07/2025 thuộc " + successor.fullNameOn(today)
                                + " (mã " + successor.code() + ").",
                        "en", m.oldUnit().name() + " (former code " + m.code() + ") is part of " + successor.fullNameOn(today)
                                + " (code " + successor.code() + ") since 1 July 2025."));
            }
            case UnitResolution.Split s -> {
                view.put("resolution", "SPLIT");
                view.put("partial", true);
                oldUnit(s).ifPresent(o -> view.put("old", o));
                view.put("units", s.candidates().stream().map(u -> unitView(u, today, true)).toList());
                view.put("province", unitView(s.province(), today, false));
                view.put("note", Map.of(
                        "vi", s.oldUnit().name() + " (mã cũ " + s.code() + ") được chia cho " + s.candidates().size()
                                + " xã, phường mới; chọn đơn vị theo địa chỉ cụ thể (thôn, tổ dân phố, đường).",
                        "en", s.oldUnit().name() + " (former code " + s.code() + ") was split across " + s.candidates().size()
                                + " new communes; choose by the address detail (village, street)."));
            }
            case UnitResolution.DistrictAbolished d -> {
                view.put("resolution", "DISTRICT_ABOLISHED");
                view.put("partial", true);
                oldUnit(d).ifPresent(o -> view.put("old", o));
                view.put("units", d.communes().stream().map(u -> unitView(u, today, true)).toList());
                view.put("province", unitView(d.province(), today, false));
                view.put("note", Map.of(
                        "vi", "Cấp huyện đã bỏ từ 01/07/2025; " + d.oldUnit().name() + " nay thuộc " + d.province().fullNameOn(today)
                                + ", chia cho " + d.communes().size() + " xã, phường; chọn theo địa chỉ.",
                        "en", "The district level was abolished on 1 July 2025; " + d.oldUnit().name() + " is now in "
                                + d.province().fullNameOn(today) + ", across " + d.communes().size() + " communes; choose by address."));
            }
            case UnitResolution.Unknown u -> throw unknownUnit(u.code(), u.malformed());
        }
        return view;
    }

    private static String kind(UnitResolution r) {
        return switch (r) {
            case UnitResolution.Current c -> "CURRENT";
            case UnitResolution.Merged m -> "MERGED";
            case UnitResolution.Split s -> "SPLIT";
            case UnitResolution.DistrictAbolished d -> "DISTRICT_ABOLISHED";
            case UnitResolution.Unknown u -> "UNKNOWN";
        };
    }

    private static List<CurrentUnit> currentUnits(UnitResolution r) {
        return switch (r) {
            case UnitResolution.Current c -> List.of(c.unit());
            case UnitResolution.Merged m -> List.of(m.successor());
            case UnitResolution.Split s -> List.copyOf(s.candidates());
            case UnitResolution.DistrictAbolished d -> List.copyOf(d.communes());
            case UnitResolution.Unknown u -> List.of();
        };
    }

    private static Optional<Map<String, Object>> oldUnit(UnitResolution r) {
        vn.dvc.core.units.OldUnit old = switch (r) {
            case UnitResolution.Merged m -> m.oldUnit();
            case UnitResolution.Split s -> s.oldUnit();
            case UnitResolution.DistrictAbolished d -> d.oldUnit();
            default -> null;
        };
        if (old == null) {
            return Optional.empty();
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("code", old.code());
        view.put("name", old.name());
        view.put("kind", switch (old) {
            case vn.dvc.core.units.OldProvince p -> "OLD_PROVINCE";
            case vn.dvc.core.units.OldDistrict d -> "OLD_DISTRICT";
            case vn.dvc.core.units.OldCommune c -> "OLD_COMMUNE";
        });
        view.put("oldProvinceCode", old.oldProvinceCode());
        return Optional.of(view);
    }

    private Map<String, Object> unitView(CurrentUnit unit, LocalDate today, boolean partial) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("code", unit.code());
        view.put("name", unit.name());
        view.put("fullName", unit.fullNameOn(today));
        view.put("type", unit.typeOn(today).name());
        view.put("level", unit instanceof Province ? "PROVINCE" : "COMMUNE");
        view.put("provinceCode", unit.provinceCode());
        view.put("provinceName", units.province(unit.provinceCode()).map(p -> p.fullNameOn(today)).orElse(null));
        if (partial) {
            view.put("partial", true);
        }
        return view;
    }

    private APIGatewayV2HTTPResponse searchUnits(HttpRequest request) {
        allowOnly(request, "q", "old", "limit", "cursor");
        String q = text(request, "q");
        if (q == null || Text.foldWords(q).isEmpty()) {
            throw ApiException.badRequest("QUERY_REQUIRED", "Nhập tên đơn vị cần tìm (tham số q), có dấu hoặc không dấu.",
                    "Give the name to look for (parameter q), with or without diacritics.");
        }
        String oldText = request.query("old");
        if (oldText != null && !oldText.equals("true") && !oldText.equals("false")) {
            throw ApiException.badRequest("INVALID_PARAMETER", "Tham số old phải là true hoặc false.",
                    "old must be true or false.");
        }
        boolean includeOld = "true".equals(oldText);
        int limit = limit(request, 20, 50);
        int offset = 0;
        if (request.query("cursor") != null) {
            offset = PageCursor.decodeOffset("u", request.query("cursor"), MAX_UNIT_OFFSET)
                    .orElseThrow(CatalogApiHandler::badCursor);
        }
        List<UnitMatch> matches = units.search(q, offset + limit + 1, includeOld);
        List<UnitMatch> page = matches.subList(Math.min(offset, matches.size()), Math.min(offset + limit, matches.size()));
        boolean more = matches.size() > offset + limit && offset + limit < MAX_UNIT_OFFSET;
        LocalDate today = today();
        List<Map<String, Object>> items = new ArrayList<>();
        for (UnitMatch m : page) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("kind", m.kind().name());
            item.put("code", m.code());
            item.put("name", m.name());
            item.put("fullName", m.old() ? m.fullName() : units.unit(m.code()).map(u -> u.fullNameOn(today)).orElse(m.fullName()));
            item.put("provinceCode", m.provinceCode());
            item.put("provinceName", m.provinceName());
            item.put("match", m.quality().name());
            item.put("old", m.old());
            if (m.old()) {
                item.put("successorCodes", m.successorCodes());
            }
            items.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("q", q);
        body.put("items", items);
        body.put("nextCursor", more ? PageCursor.encode("u", Integer.toString(offset + limit)) : null);
        return cacheable(request, body, REFERENCE_MAX_AGE);
    }

    // ---- agencies -----------------------------------------------------------------------------------------

    private APIGatewayV2HTTPResponse agencies(HttpRequest request) {
        allowOnly(request, "unit");
        String code = request.query("unit");
        if (code == null || code.isBlank()) {
            throw ApiException.badRequest("UNIT_REQUIRED", "Thiếu mã đơn vị hành chính (tham số unit).",
                    "The unit code (parameter unit) is missing.");
        }
        LocalDate today = today();
        UnitResolution resolution = units.resolve(code, today);
        if (resolution instanceof UnitResolution.Unknown unknown) {
            throw unknownUnit(code, unknown.malformed());
        }
        Agencies agencies = liveAgencies.agencies(today);
        List<CurrentUnit> served = currentUnits(resolution);
        List<Map<String, Object>> items = new ArrayList<>();
        for (CurrentUnit unit : served) {
            for (Agency agency : agencies.ofUnit(unit.code())) {
                items.add(agencyView(agency, agency.generated() ? null : liveAgencies.replacement(agency.id()).orElse(null)));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("unit", code);
        body.put("resolution", kind(resolution));
        body.put("partial", resolution instanceof UnitResolution.Split || resolution instanceof UnitResolution.DistrictAbolished);
        body.put("units", served.stream().map(u -> unitView(u, today, false)).toList());
        body.put("items", items);
        return cacheable(request, body, AGENCY_MAX_AGE);
    }

    private APIGatewayV2HTTPResponse agency(HttpRequest request) {
        allowOnly(request);
        String id = agencyId(request);
        LiveAgencies.View view = liveAgencies.byId(id, today()).orElseThrow(() -> agencyNotFound(id));
        return cacheable(request, agencyView(view.agency(), view.replacement()), AGENCY_MAX_AGE);
    }

    private APIGatewayV2HTTPResponse replaceAgency(HttpRequest request) {
        if (!request.caller().is(Role.OPERATOR)) {
            throw ApiException.forbidden("OPERATOR_ONLY", "Chỉ cán bộ vận hành được thay thông tin cơ quan.",
                    "Only an operator may replace an agency's values.");
        }
        allowOnly(request);
        String id = agencyId(request);
        var body = request.jsonBody();
        String ifMatch = request.header("if-match");
        AgencyReplacement replaced = liveAgencies.replace(id, body, current -> ifMatch == null
                || ifMatch.trim().equals("*")
                || matchesStrongly(ifMatch, etag(Json.write(agencyView(current.agency(), current.replacement())))),
                "operator:" + request.caller().subject(), today());
        String json = Json.write(agencyView(replaced.agency(), replaced));
        return HttpResponse.json(200, json, Map.of("etag", etag(json), "location", "/agencies/" + id));
    }

    private static String agencyId(HttpRequest request) {
        String id = request.pathParam("id");
        if (id == null || id.length() > 40 || !AGENCY_ID.matcher(id).matches()) {
            throw ApiException.badRequest("MALFORMED_AGENCY_ID", "Mã cơ quan có dạng X00004.UBND (xã) hoặc T01.STP (tỉnh).",
                    "An agency id looks like X00004.UBND (commune) or T01.STP (province).");
        }
        return id;
    }

    private static ApiException agencyNotFound(String id) {
        return ApiException.notFound("AGENCY_NOT_FOUND", "Không có cơ quan nào mang mã " + id + ".", "No agency has id " + id + ".");
    }

    /**
     * An agency as served: its values, where they come from ({@code source} GENERATED, or OPERATOR with
     * {@code replacedBy}, {@code replacedAt} and {@code revision}), and which optional values are still unknown.
     */
    private static Map<String, Object> agencyView(Agency a, AgencyReplacement replacement) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", a.id());
        view.put("name", a.name());
        view.put("level", a.level().name());
        view.put("kind", a.kind().name());
        view.put("unitCode", a.unitCode());
        view.put("provinceCode", a.provinceCode());
        view.put("officialCode", a.officialCode()); // mã định danh điện tử (Decision 20/2020/QĐ-TTg): operator-supplied
        view.put("address", a.address());
        view.put("hotline", a.hotline());
        view.put("generated", a.generated());
        view.put("source", a.generated() ? "GENERATED" : "OPERATOR");
        view.put("revision", replacement == null ? 0 : replacement.revision());
        if (replacement != null) {
            view.put("replacedBy", replacement.replacedBy());
            view.put("replacedAt", replacement.replacedAt().toString());
        }
        view.put("unknown", AgencyDocuments.unknown(a));
        if (a.generated()) {
            view.put("note", LocalizedText.of(
                    "Tên được tạo từ danh mục đơn vị hành chính; địa chỉ, đường dây nóng và mã định danh chưa có dữ liệu chính thức.",
                    "Name built from the unit list; address, hotline and official code are not known yet."));
        }
        return view;
    }

    // ---- HTTP helpers -------------------------------------------------------------------------------------

    private LocalDate today() {
        return LocalDate.now(clock.withZone(VIETNAM));
    }

    /** A misspelt filter is refused rather than silently ignored (which would answer the unfiltered list). */
    private static void allowOnly(HttpRequest request, String... names) {
        Set<String> allowed = Set.of(names);
        for (String name : request.queryParams().keySet()) {
            if (!allowed.contains(name)) {
                throw new ApiException(400, "UNKNOWN_PARAMETER", LocalizedText.of(
                        "Tham số không được hỗ trợ: " + abbreviate(name) + (allowed.isEmpty() ? "." : " (hỗ trợ: " + String.join(", ", names) + ")."),
                        "Unsupported parameter: " + abbreviate(name) + (allowed.isEmpty() ? "." : " (supported: " + String.join(", ", names) + ").")));
            }
        }
    }

    private static String abbreviate(String s) {
        String printable = s.replaceAll("[^\\p{L}\\p{N}_.-]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }

    private static String text(HttpRequest request, String name) {
        String value = request.query(name);
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_QUERY_LENGTH) {
            throw ApiException.badRequest("QUERY_TOO_LONG", "Tham số " + name + " dài quá " + MAX_QUERY_LENGTH + " ký tự.",
                    "Parameter " + name + " is longer than " + MAX_QUERY_LENGTH + " characters.");
        }
        return value.isBlank() ? null : value;
    }

    private static int limit(HttpRequest request, int fallback, int max) {
        String text = request.query("limit");
        return text == null ? fallback : positiveInt(text, "limit", max);
    }

    private static int positiveInt(String text, String name, int max) {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(text) < 1 || Integer.parseInt(text) > max) {
            throw ApiException.badRequest("INVALID_" + name.toUpperCase(Locale.ROOT),
                    "Tham số " + name + " phải là số nguyên từ 1 đến " + max + ".",
                    "Parameter " + name + " must be an integer from 1 to " + max + ".");
        }
        return Integer.parseInt(text);
    }

    private static ApiException badCursor() {
        return ApiException.badRequest("INVALID_CURSOR", "Con trỏ phân trang không hợp lệ; dùng đúng giá trị nextCursor đã nhận.",
                "The paging cursor is invalid; pass back the nextCursor you received.");
    }

    /** 200 with a strong ETag and public caching, or 304 when the client already has this body. */
    private static APIGatewayV2HTTPResponse cacheable(HttpRequest request, Object body, int maxAge) {
        String json = Json.write(body);
        String etag = etag(json);
        Map<String, String> headers = Map.of("etag", etag, "cache-control", "public, max-age=" + maxAge);
        String ifNoneMatch = request.header("if-none-match");
        if (ifNoneMatch != null && (ifNoneMatch.trim().equals("*") || matches(ifNoneMatch, etag))) {
            return HttpResponse.notModified(headers);
        }
        return HttpResponse.json(200, json, headers);
    }

    /** True when a comma-separated If-None-Match / If-Match list names this entity tag. */
    static boolean matches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** If-Match uses the strong comparison: a weak tag never matches. */
    static boolean matchesStrongly(String header, String etag) {
        for (String candidate : header.split(",")) {
            if (candidate.trim().equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** Strong entity tag: SHA-256 of the body's UTF-8 bytes, base64url, quoted. */
    static String etag(String body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
