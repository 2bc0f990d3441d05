package vn.dvc.aws.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import vn.dvc.core.json.Json;
import vn.dvc.core.notify.ChannelKind;
import vn.dvc.core.notify.DeliveryResult;
import vn.dvc.core.notify.NotificationChannel;
import vn.dvc.core.notify.OutgoingMessage;

/**
 * Amazon SES v2 {@code SendEmail} (REST-JSON, SigV4): a simple e-mail with a text and an HTML part, tagged with the
 * notification id. A rejected recipient or message is permanent (fall back to the next channel); throttling, a paused
 * account and server errors are temporary.
 */
public final class SesEmailChannel implements NotificationChannel {
    static final String PATH = "/v2/email/outbound-emails";
    private static final Set<String> PERMANENT = Set.of("BadRequestException", "MessageRejected", "NotFoundException");

    private final SignedAwsCall call;
    private final String from;
    private final String configurationSet;

    SesEmailChannel(SignedAwsCall call, String from, String configurationSet) {
        this.call = call;
        this.from = from;
        this.configurationSet = configurationSet;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.EMAIL;
    }

    byte[] body(OutgoingMessage message) {
        Map<String, Object> simple = Map.of(
                "Subject", Map.of("Data", message.subject(), "Charset", "UTF-8"),
                "Body", Map.of("Text", Map.of("Data", message.text(), "Charset", "UTF-8"),
                        "Html", Map.of("Data", message.html(), "Charset", "UTF-8")));
        var request = new java.util.LinkedHashMap<String, Object>();
        request.put("FromEmailAddress", from);
        request.put("Destination", Map.of("ToAddresses", List.of(message.address())));
        request.put("Content", Map.of("Simple", simple));
        // Tag values allow [A-Za-z0-9_-] only.
        request.put("EmailTags", List.of(Map.of("Name", "notification",
                "Value", (message.dossierCode() + "_" + message.notificationId()).replaceAll("[^A-Za-z0-9_-]", "_"))));
        if (configurationSet != null) {
            request.put("ConfigurationSetName", configurationSet);
        }
        return Json.write(request).getBytes(StandardCharsets.UTF_8);
    }

    SignedRequest signedRequest(OutgoingMessage message) {
        byte[] body = body(message);
        return call.sign(call.request(PATH, "application/json", body), body);
    }

    @Override
    public DeliveryResult send(OutgoingMessage message) {
        return classify(call.post(PATH, "application/json", body(message)));
    }

    static DeliveryResult classify(SignedAwsCall.Answer answer) {
        if (answer.status() / 100 == 2) {
            String id = null;
            try {
                JsonNode node = Json.tree(answer.body());
                id = node.path("MessageId").asText(null);
            } catch (Exception ignored) {
                // sent; the id is only for the record
            }
            return DeliveryResult.sent(id);
        }
        String type = answer.errorType() == null ? null : answer.errorType().split(":")[0];
        if (type == null) {
            try {
                JsonNode node = Json.tree(answer.body());
                type = node.path("__type").asText(node.path("code").asText(null));
            } catch (Exception ignored) {
                // no readable error
            }
        }
        if (type != null && type.contains("#")) {
            type = type.substring(type.indexOf('#') + 1);
        }
        String reason = "SES_" + (type == null ? "HTTP_" + answer.status() : type);
        return answer.status() / 100 == 4 && type != null && PERMANENT.contains(type)
                ? DeliveryResult.permanent(reason) : DeliveryResult.temporary(reason);
    }
}
