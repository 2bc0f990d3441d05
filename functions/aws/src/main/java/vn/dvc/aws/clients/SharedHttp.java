package vn.dvc.aws.clients;

import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** The one light url-connection HTTP client that every SDK client of a JVM shares, built on first use. */
public final class SharedHttp {
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
}
