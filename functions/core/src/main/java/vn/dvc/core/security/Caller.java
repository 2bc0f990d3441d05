package vn.dvc.core.security;

/**
 * The authenticated caller, built from the JWT claims that API Gateway verified.
 *
 * @param subject      the token subject (stable user id)
 * @param personalId   the 12-digit personal identification number of a CITIZEN; never logged
 * @param agencyId     the agency of an OFFICIAL or ASSISTANT
 * @param provinceCode the province of a SUPERVISOR (or of an official's agency)
 */
public record Caller(Role role, String subject, String personalId, String agencyId, String provinceCode) {
    public static final Caller ANONYMOUS = new Caller(Role.ANONYMOUS, null, null, null, null);

    public boolean is(Role r) {
        return role == r;
    }

    public boolean isAuthenticated() {
        return role != Role.ANONYMOUS && subject != null;
    }
}
