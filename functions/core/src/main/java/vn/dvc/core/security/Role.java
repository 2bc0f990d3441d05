package vn.dvc.core.security;

/** Who may call what. The role comes from the verified token, never from the request body. */
public enum Role {
    CITIZEN, ASSISTANT, OFFICIAL, SUPERVISOR, OPERATOR, ANONYMOUS;

    public static Role parse(String text) {
        if (text == null) {
            return ANONYMOUS;
        }
        try {
            return Role.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ANONYMOUS;
        }
    }
}
