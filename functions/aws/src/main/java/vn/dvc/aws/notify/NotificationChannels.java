package vn.dvc.aws.notify;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.dvc.aws.config.Env;
import vn.dvc.core.notify.ChannelKind;
import vn.dvc.core.notify.NotificationChannel;

/**
 * The channels of this deployment, by {@code NOTIFY_MODE}: {@code aws} (SNS for SMS and push, SES v2 for e-mail,
 * from {@code NOTIFY_EMAIL_FROM}, optional {@code NOTIFY_SMS_SENDER_ID} and {@code NOTIFY_SES_CONFIGURATION_SET})
 * or {@code outbox} (local and tests: deliveries recorded in the table, see {@link OutboxChannel}).
 */
public final class NotificationChannels {
    private NotificationChannels() {}

    public static List<NotificationChannel> fromEnvironment(DynamoDbClient dynamo, String table) {
        String mode = Env.get("NOTIFY_MODE", "outbox");
        if ("outbox".equals(mode)) {
            return OutboxChannel.all(dynamo, table, Clock.systemUTC());
        }
        if (!"aws".equals(mode)) {
            throw new IllegalStateException("NOTIFY_MODE must be aws or outbox");
        }
        String region = Env.require("AWS_REGION");
        var provider = DefaultCredentialsProvider.builder().build();
        return aws(region, endpoint("SNS", "https://sns." + region + ".amazonaws.com/"),
                endpoint("SESV2", "https://email." + region + ".amazonaws.com/"), provider::resolveCredentials,
                Env.get("NOTIFY_EMAIL_FROM"), Env.get("NOTIFY_SMS_SENDER_ID"), Env.get("NOTIFY_SES_CONFIGURATION_SET"));
    }

    /**
     * SNS (SMS and push) and SES v2 (e-mail) at the given endpoints; no e-mail channel without a sender identity
     * ({@code emailFrom} null), so citizens fall back to the other channels.
     */
    public static List<NotificationChannel> aws(String region, URI snsEndpoint, URI sesEndpoint,
                                                Supplier<AwsCredentialsIdentity> credentials, String emailFrom,
                                                String smsSenderId, String sesConfigurationSet) {
        var http = UrlConnectionHttpClient.create();
        SignedAwsCall sns = new SignedAwsCall(http, credentials, region, "sns", snsEndpoint);
        SignedAwsCall ses = new SignedAwsCall(http, credentials, region, "ses", sesEndpoint);
        List<NotificationChannel> channels = new java.util.ArrayList<>(List.of(
                new SnsChannel(sns, ChannelKind.SMS, smsSenderId), new SnsChannel(sns, ChannelKind.PUSH, smsSenderId)));
        if (emailFrom != null) {
            channels.add(new SesEmailChannel(ses, emailFrom, sesConfigurationSet));
        }
        return List.copyOf(channels);
    }

    /** The SDK's standard endpoint overrides ({@code AWS_ENDPOINT_URL_<SERVICE>}, then {@code AWS_ENDPOINT_URL}). */
    private static URI endpoint(String serviceId, String fallback) {
        String url = Env.get("AWS_ENDPOINT_URL_" + serviceId);
        if (url == null) {
            url = Env.get("AWS_ENDPOINT_URL");
        }
        if (url == null) {
            url = fallback;
        }
        return URI.create(url.endsWith("/") ? url : url + "/");
    }
}
