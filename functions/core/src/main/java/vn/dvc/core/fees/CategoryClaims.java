package vn.dvc.core.fees;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The exemption categories an applicant claims in the form: {@code applicant.categories} (the catalog's form
 * schemas) or a top-level {@code categories}. Odd values are ignored here; the form check reports them.
 */
public final class CategoryClaims {
    private static final Pattern CATEGORY = Pattern.compile("[A-Z_]{2,40}");

    private CategoryClaims() {}

    public static Set<String> claimed(Map<String, Object> form) {
        Set<String> claimed = new LinkedHashSet<>();
        if (form == null) {
            return claimed;
        }
        if (form.get("applicant") instanceof Map<?, ?> applicant) {
            addAll(claimed, applicant.get("categories"));
        }
        addAll(claimed, form.get("categories"));
        return claimed;
    }

    /** Claims, each confirmed when the register vouched for it. */
    public static Set<CategoryClaim> claims(Map<String, Object> form, Collection<String> registerConfirmed) {
        Set<CategoryClaim> claims = new LinkedHashSet<>();
        for (String category : claimed(form)) {
            claims.add(new CategoryClaim(category, registerConfirmed != null && registerConfirmed.contains(category)));
        }
        return claims;
    }

    private static void addAll(Set<String> into, Object value) {
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String s && CATEGORY.matcher(s).matches()) {
                    into.add(s);
                }
            }
        }
    }
}
