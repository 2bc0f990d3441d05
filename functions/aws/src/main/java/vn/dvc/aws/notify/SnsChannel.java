package vn.dvc.aws.notify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import vn.dvc.core.json.Json;
import vn.dvc.core.notify.ChannelKind;
import vn.dvc.core.notify.DeliveryResult;
import vn.dvc.core.notify.NotificationChannel;
import vn.dvc.core.notify.OutgoingMessage;

/**
 * Amazon SNS {@code Publish} (query protocol, SigV4): SMS to a phone number (transactional) or a push to the app's
 * platform endpoint ({@code TargetArn}, per-platform JSON). Recipient errors (invalid number, disabled endpoint)
 * are permanent, so the notifier falls back to the next channel; throttling, server errors and anything unknown
 * are temporary (retried, and in the end the DLQ and its alarm tell an operator).
 */
public final class SnsChannel implements NotificationChannel {
    private static final Set<String> PERMANENT = Set.of("InvalidParameter", "InvalidParameterValue", "EndpointDisabled",
            "NotFound", "PlatformApplicationDisabled", "OptedOut");
    private static final Pattern CODE = Pattern.compile("<Code>([^<]+)</Code>");
    private static final Pattern MESSAGE_ID = Pattern.compile("<MessageId>([^<]+)</MessageId>");

    private final SignedAwsCall call;
    private final ChannelKind kind;
    private final String smsSenderId;

    SnsChannel(SignedAwsCall call, ChannelKind kind, String smsSenderId) {
        if (kind == ChannelKind.EMAIL) {
            throw new IllegalArgumentException("SNS sends SMS and push, not e-mail");
        }
        this.call = call;
        this.kind = kind;
        this.smsSenderId = smsSenderId;
    }

    @Override
    public ChannelKind kind() {
        return kind;
    }

    /** The form fields of the Publish request for one message. */
    Map<String, String> publishForm(OutgoingMessage message) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", "Publish");
        form.put("Version", "2010-03-31");
        if (kind == ChannelKind.SMS) {
            form.put("PhoneNumber", message.address());
            form.put("Message", message.text());
            int n = 1;
            form.put("MessageAttributes.entry." + n + ".Name", "AWS.SNS.SMS.SMSType");
            form.put("MessageAttributes.entry." + n + ".Value.DataType", "String");
            form.put("MessageAttributes.entry." + n + ".Value.StringValue", "Transactional");
            if (smsSenderId != null) {
                n++;
                form.put("MessageAttributes.entry." + n + ".Name", "AWS.SNS.SMS.SenderID");
                form.put("MessageAttributes.entry." + n + ".Value.DataType", "String");
                form.put("MessageAttributes.entry." + n + ".Value.StringValue", smsSenderId);
            }
        } else {
            form.put("TargetArn", message.address());
            form.put("MessageStructure", "json");
            Map<String, Object> data = Map.of("dossierCode", message.dossierCode(), "event", message.event(),
                    "notificationId", message.notificationId());
            Map<String, String> perPlatform = new LinkedHashMap<>();
            perPlatform.put("default", message.text());
            perPlatform.put("GCM", Json.write(Map.of("notification", Map.of("title", message.subject(), "body", message.text()),
                    "data", data)));
            perPlatform.put("APNS", Json.write(Map.of("aps", Map.of("alert", Map.of("title", message.subject(), "body", message.text())),
                    "data", data)));
            form.put("Message", Json.write(perPlatform));
        }
        return form;
    }

    static byte[] encode(Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The signed request as it would be sent (for tests). */
    SignedRequest signedRequest(OutgoingMessage message) {
        byte[] body = encode(publishForm(message));
        SdkHttpRequest request = call.request("/", "application/x-www-form-urlencoded; charset=utf-8", body);
        return call.sign(request, body);
    }

    @Override
    public DeliveryResult send(OutgoingMessage message) {
        SignedAwsCall.Answer answer = call.post("/", "application/x-www-form-urlencoded; charset=utf-8", encode(publishForm(message)));
        return classify(answer);
    }

    static DeliveryResult classify(SignedAwsCall.Answer answer) {
        if (answer.status() / 100 == 2) {
            Matcher id = MESSAGE_ID.matcher(answer.body());
            return DeliveryResult.sent(id.find() ? id.group(1) : null);
        }
        Matcher code = CODE.matcher(answer.body() == null ? "" : answer.body());
        String error = code.find() ? code.group(1) : "HTTP_" + answer.status();
        return answer.status() / 100 == 4 && PERMANENT.contains(error)
                ? DeliveryResult.permanent("SNS_" + error) : DeliveryResult.temporary("SNS_" + error);
    }
}
