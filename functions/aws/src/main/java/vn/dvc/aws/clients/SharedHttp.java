package vn.dvc.aws.clients;

import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The one light url-connection HTTP client that every SDK client of a JVM shares, built on first use, and the
 * bounded retry settings every client uses.
 *
 * <p>Retries are bounded (issue 10): the SDK's default policy for DynamoDB is 9 attempts with a throttling back-off
 * of up to 20 s each, so a throttled table kept one request busy for more than a minute, past the functions' 15 s
 * timeout and API Gateway's 30 s integration limit. Now: standard retries, {@link #MAX_ATTEMPTS} attempts (at most
 * ~3 s of back-off), so a persistent fault surfaces to the handler within seconds and its event source (or the
 * client, after a 5xx) retries the step. Each attempt and the whole call can be capped too
 * ({@code SDK_ATTEMPT_TIMEOUT_MS}, {@code SDK_CALL_TIMEOUT_MS}, milliseconds; unset by default).
 */
public final class SharedHttp {
    /** Attempts per call (the first and two retries). */
    public static final int MAX_ATTEMPTS = 3;

    private static volatile SdkHttpClient http;

    private SharedHttp() {}

    public static SdkHttpClient client() {
        if (http == null) {
            synchronized (SharedHttp.class) {
                if (http == null) {
                    http = UrlConnectionHttpClient.create();
                }
            }
        }
        return http;
    }

    /** The bounded retry and timeout settings of every client. */
    public static ClientOverrideConfiguration overrides() {
        var builder = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build());
        // optional caps (unset: the HTTP client's own timeouts); tight defaults failed slow local engines under load
        long attempt = vn.dvc.aws.config.Env.getLong("SDK_ATTEMPT_TIMEOUT_MS", 0);
        long call = vn.dvc.aws.config.Env.getLong("SDK_CALL_TIMEOUT_MS", 0);
        if (attempt > 0) {
            builder.apiCallAttemptTimeout(Duration.ofMillis(attempt));
        }
        if (call > 0) {
            builder.apiCallTimeout(Duration.ofMillis(call));
        }
        return builder.build();
    }
}
