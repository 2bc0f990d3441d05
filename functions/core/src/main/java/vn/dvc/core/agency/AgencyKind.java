package vn.dvc.core.agency;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an agency is. Province departments are those Decree 45/2025/NĐ-CP (28/02/2025) requires in every province
 * and that receive provincial-level procedures; departments found only in some provinces (Sở Ngoại vụ, Sở Dân tộc
 * và Tôn giáo, Sở Du lịch, ...) and Sở Văn hóa, Thể thao và Du lịch (named differently where a Sở Du lịch exists)
 * are not generated: an operator can add them later if {@link AgencyKind} grows. Police is not a department but
 * the provincial/commune police of the Ministry of Public Security: commune police register residence, provincial
 * police issue ID cards and passports.
 */
public enum AgencyKind {
    PEOPLES_COMMITTEE("UBND", "Ủy ban nhân dân", "People's Committee", EnumSet.allOf(AgencyLevel.class)),
    /** Public administration service centre (one-stop office), per Decree 118/2025/NĐ-CP. */
    SERVICE_CENTRE("TTPVHCC", "Trung tâm Phục vụ hành chính công", "Public Administration Service Centre",
            EnumSet.allOf(AgencyLevel.class)),
    POLICE("CA", "Công an", "Police", EnumSet.allOf(AgencyLevel.class)),
    JUSTICE("STP", "Sở Tư pháp", "Department of Justice", EnumSet.of(AgencyLevel.PROVINCE)),
    HOME_AFFAIRS("SNV", "Sở Nội vụ", "Department of Home Affairs", EnumSet.of(AgencyLevel.PROVINCE)),
    /** Land, environment, agriculture. */
    AGRICULTURE_ENVIRONMENT("SNNMT", "Sở Nông nghiệp và Môi trường", "Department of Agriculture and Environment",
            EnumSet.of(AgencyLevel.PROVINCE)),
    /** Business registration (took over from the former Department of Planning and Investment). */
    FINANCE("STC", "Sở Tài chính", "Department of Finance", EnumSet.of(AgencyLevel.PROVINCE)),
    CONSTRUCTION("SXD", "Sở Xây dựng", "Department of Construction", EnumSet.of(AgencyLevel.PROVINCE)),
    HEALTH("SYT", "Sở Y tế", "Department of Health", EnumSet.of(AgencyLevel.PROVINCE)),
    EDUCATION("SGDDT", "Sở Giáo dục và Đào tạo", "Department of Education and Training",
            EnumSet.of(AgencyLevel.PROVINCE)),
    INDUSTRY_TRADE("SCT", "Sở Công Thương", "Department of Industry and Trade", EnumSet.of(AgencyLevel.PROVINCE)),
    SCIENCE_TECHNOLOGY("SKHCN", "Sở Khoa học và Công nghệ", "Department of Science and Technology",
            EnumSet.of(AgencyLevel.PROVINCE));

    private final String idSuffix;
    private final String vietnamese;
    private final String english;
    private final Set<AgencyLevel> levels;

    AgencyKind(String idSuffix, String vietnamese, String english, Set<AgencyLevel> levels) {
        this.idSuffix = idSuffix;
        this.vietnamese = vietnamese;
        this.english = english;
        this.levels = levels;
    }

    /** The part of the agency id after the unit: "UBND", "TTPVHCC", "CA", "STP", ... */
    public String idSuffix() {
        return idSuffix;
    }

    /** The name without the unit, as used in Vietnamese: "Sở Tư pháp". */
    public String vietnamese() {
        return vietnamese;
    }

    public String english() {
        return english;
    }

    public boolean existsAt(AgencyLevel level) {
        return levels.contains(level);
    }

    private static final List<AgencyKind> AT_COMMUNE = List.of(values()).stream()
            .filter(kind -> kind.existsAt(AgencyLevel.COMMUNE)).toList();
    private static final List<AgencyKind> AT_PROVINCE = List.of(values()).stream()
            .filter(kind -> kind.existsAt(AgencyLevel.PROVINCE)).toList();

    /** The kinds generated for every unit of {@code level}, in declaration order. */
    public static List<AgencyKind> at(AgencyLevel level) {
        return level == AgencyLevel.COMMUNE ? AT_COMMUNE : AT_PROVINCE;
    }

    /** The kind whose id suffix is {@code suffix} ("STP" → JUSTICE). */
    public static Optional<AgencyKind> bySuffix(String suffix) {
        for (AgencyKind kind : values()) {
            if (kind.idSuffix.equals(suffix)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
