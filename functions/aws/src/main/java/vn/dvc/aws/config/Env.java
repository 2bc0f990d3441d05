package vn.dvc.aws.config;

/**
 * Configuration by name: a JVM system property wins over the environment variable of the same name.
 * On Lambda only the environment is set (from template.yaml); the local runner and tests, which host every
 * function in one JVM, set system properties resolved from the same template.
 */
public final class Env {
    private Env() {}

    public static String get(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? null : value;
    }

    public static String get(String name, String fallback) {
        String value = get(name);
        return value == null ? fallback : value;
    }

    public static String require(String name) {
        String value = get(name);
        if (value == null) {
            throw new IllegalStateException("missing configuration " + name);
        }
        return value;
    }

    public static long getLong(String name, long fallback) {
        String value = get(name);
        return value == null ? fallback : Long.parseLong(value.trim());
    }
}
