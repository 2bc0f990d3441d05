package vn.dvc.core.dossier;

import vn.dvc.core.security.Role;

/** Who did something, as the audit trail records it: a role, an opaque id (never a personal identification number) and an agency. */
public record Actor(Role role, String id, String agencyId) {
    public static final Actor SYSTEM = new Actor(Role.OPERATOR, "system", null);

    public static Actor system(String step) {
        return new Actor(Role.OPERATOR, "system:" + step, null);
    }
}
