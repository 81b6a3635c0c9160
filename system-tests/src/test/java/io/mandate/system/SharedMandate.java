package io.mandate.system;

/**
 * The shared {@link RunningMandate} of this test JVM, opened to test packages below
 * {@code io.mandate.system} (the dashboard's browser tests) without widening its own API.
 */
public final class SharedMandate {

    private SharedMandate() {
    }

    /** Starts the four services once per JVM (or returns the running ones). */
    public static void start() {
        RunningMandate.get();
    }

    /** A running service's base URL, by module name ({@code StackSettings.DASHBOARD}, ...). */
    public static String url(String module) {
        return RunningMandate.get().url(module);
    }

    /** A user's access token from the identity provider the token-issuer trusts. */
    public static String userToken(String userId) {
        return RunningMandate.get().userToken(userId);
    }
}
