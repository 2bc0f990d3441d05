package vn.dvc.aws.notify;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
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
        var http = UrlConnectionHttpClient.create();
        var provider = DefaultCredentialsProvider.builder().build();
        SignedAwsCall sns = new SignedAwsCall(http, provider::resolveCredentials, region, "sns",
                endpoint("SNS", "https://sns." + region + ".amazonaws.com/"));
        SignedAwsCall ses = new SignedAwsCall(http, provider::resolveCredentials, region, "ses",
                endpoint("SESV2", "https://email." + region + ".amazonaws.com/"));
        String sender = Env.get("NOTIFY_SMS_SENDER_ID");
        List<NotificationChannel> channels = new java.util.ArrayList<>(List.of(
                new SnsChannel(sns, ChannelKind.SMS, sender), new SnsChannel(sns, ChannelKind.PUSH, sender)));
        if (Env.get("NOTIFY_EMAIL_FROM") != null) { // no sender identity: no e-mail channel (citizens fall back to others)
            channels.add(new SesEmailChannel(ses, Env.get("NOTIFY_EMAIL_FROM"), Env.get("NOTIFY_SES_CONFIGURATION_SET")));
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
