package vn.dvc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import vn.dvc.aws.notify.NotificationChannels;
import vn.dvc.core.json.Json;
import vn.dvc.core.notify.ChannelKind;
import vn.dvc.core.notify.DeliveryResult;
import vn.dvc.core.notify.NotificationChannel;
import vn.dvc.core.notify.OutgoingMessage;
import vn.dvc.core.text.Language;

/**
 * Issue 7: the production channels (SNS for SMS and push, SES v2 for e-mail; hand-signed calls, see
 * {@code SignedAwsCall}) against moto, which speaks both APIs and shows what it received on
 * {@code /moto-api/data.json}. Uses the moto of {@code AWS_ENDPOINT_URL} when one is set (CI's cross-check), otherwise
 * starts {@code python3 -m moto.server} itself; skipped, saying so, where moto is not installed.
 */
class AwsChannelsIT {
    private static final String REGION = "ap-southeast-1";
    private static final String FROM = "thong-bao@dichvucong.test";
    private static Process moto;
    private static URI endpoint;
    private static List<NotificationChannel> channels;

    @BeforeAll
    static void startMoto() throws Exception {
        String external = System.getenv("AWS_ENDPOINT_URL");
        if (external != null && answers(URI.create(external.endsWith("/") ? external : external + "/"))) {
            endpoint = URI.create(external.endsWith("/") ? external : external + "/");
        } else {
            Assumptions.assumeTrue(motoInstalled(),
                    "moto is not installed (pip install 'moto[server]'): the SNS/SES channels are not exercised here");
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            moto = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            endpoint = URI.create("http://127.0.0.1:" + port + "/");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!answers(endpoint)) {
                assertTrue(System.nanoTime() < deadline && moto.isAlive(), "moto did not start");
                Thread.sleep(200);
            }
        }
        var credentials = AwsBasicCredentials.create("testing", "testing");
        channels = NotificationChannels.aws(REGION, endpoint, endpoint, () -> credentials, FROM, null, null);
    }

    @AfterAll
    static void stopMoto() throws InterruptedException {
        if (moto != null) {
            moto.destroy();
            moto.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anSmsIsPublishedWithItsVietnameseTextIntact() throws Exception {
        String text = "Hồ sơ X00004.UBND-261123-0001 (Đăng ký khai sinh) đã được tiếp nhận ngày 23/11/2026. Lệ phí: 10.000 đ";
        DeliveryResult result = channel(ChannelKind.SMS).send(message(ChannelKind.SMS, "+84912345678", text));
        assertEquals(DeliveryResult.Outcome.SENT, result.outcome(), String.valueOf(result.reason()));
        assertNotNull(result.providerId());
        JsonNode sent = find(data().path("sns").path("SMS"), "message_id", result.providerId());
        assertEquals("+84912345678", sent.path("phone_number").asText());
        assertEquals(text, sent.path("message").asText());
    }

    @Test
    void anEmailFromAnUnverifiedSenderIsAPermanentFailureAndAVerifiedOneIsSent() throws Exception {
        OutgoingMessage mail = new OutgoingMessage("n-" + UUID.randomUUID(), "X00004.UBND-261123-0002", "RECEIVED",
                ChannelKind.EMAIL, "an.nguyen@example.org", Language.VI, "Hồ sơ đã được tiếp nhận",
                "Hồ sơ của bạn đã được tiếp nhận.", "<p>Hồ sơ của bạn &lt;b&gt; đã được tiếp nhận.</p>");
        DeliveryResult refused = channel(ChannelKind.EMAIL).send(mail);
        assertEquals(DeliveryResult.Outcome.PERMANENT_FAILURE, refused.outcome(), "SES refuses an unverified sender");
        assertEquals("SES_MessageRejected", refused.reason());

        setUp("sesv2 = boto3.client('sesv2', **kw); sesv2.create_email_identity(EmailIdentity='" + FROM + "')");
        DeliveryResult sent = channel(ChannelKind.EMAIL).send(mail);
        assertEquals(DeliveryResult.Outcome.SENT, sent.outcome(), String.valueOf(sent.reason()));
        JsonNode stored = find(data().path("ses").path("Message"), "id", sent.providerId());
        assertEquals(FROM, stored.path("source").asText());
        assertEquals("an.nguyen@example.org", stored.path("destinations").path("ToAddresses").path(0).asText());
        assertEquals("Hồ sơ đã được tiếp nhận", stored.path("subject").asText());
    }

    @Test
    void aPushToAMissingEndpointIsPermanentAndToARegisteredDeviceIsSent() throws Exception {
        DeliveryResult missing = channel(ChannelKind.PUSH).send(message(ChannelKind.PUSH,
                "arn:aws:sns:" + REGION + ":123456789012:endpoint/GCM/dvc/00000000-0000-0000-0000-000000000000", "x"));
        assertEquals(DeliveryResult.Outcome.PERMANENT_FAILURE, missing.outcome());
        assertEquals("SNS_NotFound", missing.reason());

        String device = setUp("sns = boto3.client('sns', **kw)\n"
                + "app = sns.create_platform_application(Name='dvc-app', Platform='GCM', Attributes={'PlatformCredential': 'k'})\n"
                + "print(sns.create_platform_endpoint(PlatformApplicationArn=app['PlatformApplicationArn'], Token='device-"
                + UUID.randomUUID() + "')['EndpointArn'])").trim();
        DeliveryResult sent = channel(ChannelKind.PUSH).send(message(ChannelKind.PUSH, device, "Hồ sơ đã có kết quả"));
        assertEquals(DeliveryResult.Outcome.SENT, sent.outcome(), String.valueOf(sent.reason()));
        JsonNode endpointData = find(data().path("sns").path("PlatformEndpoint"), "arn", device);
        JsonNode published = Json.tree(endpointData.path("messages").path(sent.providerId()).asText());
        assertEquals("Hồ sơ đã có kết quả", published.path("default").asText());
        assertTrue(published.path("GCM").asText().contains("X00004.UBND-261123-0003"), "the app gets the dossier code as data");
    }

    // ---------------------------------------------------------------- helpers

    private static NotificationChannel channel(ChannelKind kind) {
        return channels.stream().filter(c -> c.kind() == kind).findFirst().orElseThrow();
    }

    private static OutgoingMessage message(ChannelKind kind, String address, String text) {
        return new OutgoingMessage("n-" + UUID.randomUUID(), "X00004.UBND-261123-0003", "RESULT_ISSUED", kind, address,
                Language.VI, "Dịch vụ công", text, null);
    }

    private static JsonNode find(JsonNode items, String field, String value) {
        for (JsonNode item : items) {
            if (value.equals(item.path(field).asText())) {
                return item;
            }
        }
        throw new AssertionError("moto holds no item with " + field + "=" + value + " in " + items);
    }

    private static JsonNode data() throws Exception {
        return Json.tree(get(endpoint.resolve("moto-api/data.json")));
    }

    private static boolean answers(URI uri) {
        try {
            get(uri.resolve("moto-api/data.json"));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new IOException(uri + " -> " + r.statusCode());
        }
        return r.body();
    }

    /** Test fixtures only (a verified identity, a device endpoint) are made with boto3, which moto brings along. */
    private static String setUp(String code) throws Exception {
        Process p = python("import boto3\nkw = dict(endpoint_url='" + endpoint + "', region_name='" + REGION
                + "', aws_access_key_id='testing', aws_secret_access_key='testing')\n" + code);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static boolean motoInstalled() {
        try {
            return python("import moto.server").exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false; // no python3
        }
    }

    private static Process python(String code) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", code).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        p.waitFor();
        return p;
    }
}
