package vn.dvc.aws.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * One SigV4-signed HTTPS call to an AWS service, with the SDK's own signer over the light url-connection client.
 * Used where the service's SDK module is not available at our BOM (SNS, SES v2): a Publish or a SendEmail is one
 * small request, so a signed call keeps the jar small without mixing SDK versions.
 */
final class SignedAwsCall {
    /** What came back: status, the error type header (if any) and the body. */
    record Answer(int status, String errorType, String body) {}

    private final SdkHttpClient http;
    private final Supplier<AwsCredentialsIdentity> credentials;
    private final String region;
    private final String signingName;
    private final URI endpoint;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    SignedAwsCall(SdkHttpClient http, Supplier<AwsCredentialsIdentity> credentials, String region, String signingName, URI endpoint) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.signingName = signingName;
        this.endpoint = endpoint;
    }

    URI endpoint() {
        return endpoint;
    }

    /** The unsigned request: POST to {@code path} with the body and its content type. */
    SdkHttpRequest request(String path, String contentType, byte[] body) {
        return SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint.resolve(path))
                .putHeader("Content-Type", contentType)
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
    }

    SignedRequest sign(SdkHttpRequest request, byte[] body) {
        return signer.sign(r -> r.identity(credentials.get()).request(request).payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, signingName)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
    }

    Answer post(String path, String contentType, byte[] body) {
        SignedRequest signed = sign(request(path, contentType, body), body);
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null)).build()).call();
            String text = "";
            if (response.responseBody().isPresent()) {
                try (InputStream in = response.responseBody().get()) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            Map<String, List<String>> headers = response.httpResponse().headers();
            String errorType = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("x-amzn-ErrorType"))
                    .map(e -> e.getValue().isEmpty() ? null : e.getValue().get(0)).findFirst().orElse(null);
            return new Answer(response.httpResponse().statusCode(), errorType, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
