package vn.dvc.core.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import vn.dvc.core.error.ApiException;

class PageLimitTest {
    @Test
    void absentGivesTheDefaultAndOneToMaxPass() {
        assertEquals(20, PageLimit.parse(null, 20, 100));
        assertEquals(1, PageLimit.parse("1", 20, 100));
        assertEquals(100, PageLimit.parse("100", 20, 100));
    }

    @Test
    void anythingElseIsBadLimitNamingTheRange() {
        for (String bad : new String[] {"0", "-1", "101", "abc", "", "1e3", "99999999999"}) {
            ApiException e = assertThrows(ApiException.class, () -> PageLimit.parse(bad, 20, 100), bad);
            assertEquals(400, e.status());
            assertEquals("BAD_LIMIT", e.code());
        }
    }
}
