package vn.dvc.core.paging;

import vn.dvc.core.error.ApiException;

/** The {@code limit} query parameter of a paged list: absent gives the default; anything but 1..max is 400 BAD_LIMIT. */
public final class PageLimit {
    private PageLimit() {}

    public static int parse(String text, int fallback, int max) {
        if (text == null) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // refused below, as any other bad value
        }
        throw ApiException.badRequest("BAD_LIMIT", "limit phải từ 1 đến " + max + ".", "limit must be between 1 and " + max + ".");
    }
}
