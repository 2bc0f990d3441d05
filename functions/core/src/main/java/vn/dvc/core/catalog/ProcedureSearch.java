package vn.dvc.core.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import vn.dvc.core.units.Text;

/**
 * Filters the catalog for {@code GET /procedures}: the province that publishes it, handling level, field, and
 * text without diacritics ("dang ky thuong tru" finds "Đăng ký thường trú"; every word of the query must occur
 * in the code or the Vietnamese or English name). Results are ordered by code and paged by the last code seen,
 * so a page boundary does not move when a new version of an earlier procedure is published.
 */
public final class ProcedureSearch {

    /** The filters; null means "any". {@code text} and {@code field} are matched after {@link Text#fold}. */
    public record Filter(String provinceCode, HandlingLevel level, String field, String text) {
    }

    /** One page: the procedures, the total that matched, and the code to continue after (null on the last page). */
    public record Page(List<Procedure> items, int total, String continueAfter) {
    }

    private ProcedureSearch() {}

    public static Page search(ProcedureCatalog catalog, Filter filter, String after, int limit) {
        String[] words = filter.text() == null ? new String[0] : Text.fold(filter.text()).split(" ");
        String field = filter.field() == null ? null : Text.fold(filter.field());
        List<Procedure> matches = new ArrayList<>();
        for (Procedure p : catalog.all()) {
            if (filter.provinceCode() != null && !p.isPublishedIn(filter.provinceCode())) {
                continue;
            }
            if (filter.level() != null && p.level() != filter.level()) {
                continue;
            }
            if (field != null && (p.field() == null
                    || !(Text.fold(p.field().vi()).contains(field) || Text.fold(p.field().en()).contains(field)))) {
                continue;
            }
            if (words.length > 0 && !matchesAll(p, words)) {
                continue;
            }
            matches.add(p);
        }
        matches.sort(Comparator.comparing(Procedure::code));
        int start = 0;
        if (after != null) {
            while (start < matches.size() && matches.get(start).code().compareTo(after) <= 0) {
                start++;
            }
        }
        int end = Math.min(matches.size(), start + limit);
        List<Procedure> page = List.copyOf(matches.subList(start, end));
        String next = end < matches.size() && !page.isEmpty() ? page.get(page.size() - 1).code() : null;
        return new Page(page, matches.size(), next);
    }

    private static boolean matchesAll(Procedure p, String[] words) {
        String haystack = p.code() + " " + (p.name() == null ? "" : Text.fold(p.name().vi()) + " " + Text.fold(p.name().en()));
        for (String word : words) {
            if (!word.isEmpty() && !haystack.contains(word)) {
                return false;
            }
        }
        return true;
    }
}
